"""`cmake --install` with prefix /usr, staged in a DESTDIR: every file where
Debian expects it (README.md, "Installing")."""

from __future__ import annotations

import gzip

from conftest import run


def test_install_puts_each_file_where_debian_expects_it(stage):
    expected = [
        "bin/fleet",
        "lib/fleet/fleet-postgres.so",
        "lib/fleet/alembic_import/fleet_alembic_import.py",
        "share/man/man1/fleet.1.gz",
        "share/bash-completion/completions/fleet",
        "share/zsh/vendor-completions/_fleet",
        "include/fleet/plugins/embedded.hpp",
        "include/fleet/engine/error.hpp",
        "share/doc/fleet/copyright",
        "share/doc/fleet/changelog.gz",
    ]
    missing = [path for path in expected if not (stage / path).is_file()]
    assert missing == []
    # The library and its CMake package, in the library folder GNUInstallDirs
    # chose (lib, or lib/x86_64-linux-gnu for a /usr build).
    archives = list(stage.glob("lib*/**/libfleet-engine.a"))
    assert len(archives) == 1
    libdir = archives[0].parent
    assert (libdir / "cmake/fleet/fleetConfig.cmake").is_file()
    assert (libdir / "cmake/fleet/fleetConfigVersion.cmake").is_file()


def test_the_man_page_is_fleet_1_and_the_changelog_carries_the_version(stage, version):
    page = gzip.decompress((stage / "share/man/man1/fleet.1.gz").read_bytes()).decode()
    assert '.TH FLEET "1"' in page
    changelog = gzip.decompress((stage / "share/doc/fleet/changelog.gz").read_bytes()).decode()
    assert changelog.startswith(f"fleet ({version}) ")


def test_the_staged_binary_runs_and_finds_its_postgresql_driver(stage, source_dir, version):
    assert run(stage / "bin/fleet", "--version").stdout.strip() == f"fleet {version}"
    # Offline SQL for PostgreSQL renders through the driver module
    # (lib/fleet/fleet-postgres.so), loaded from beside the installed binary.
    res = run(stage / "bin/fleet", "--url", "postgresql://app@localhost/app", "--script-location",
              source_dir / "examples/embedding/migrations", "upgrade", "head", "--sql")
    assert "CREATE TABLE alembic_version" in res.stdout
