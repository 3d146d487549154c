"""The PostgreSQL driver is a module (fleet-postgres.so) the binary loads on
the first postgresql:// URL, so a SQLite command never loads libpq and the
Kerberos, LDAP and TLS libraries behind it (plugins/README.md). These tests
run copies of the built binary in folders laid out as the build tree and as an
installation, and one without the module. No server is needed: the PostgreSQL
URLs point at a closed port."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

from fleet_cli import Fleet, SqliteDb, fails, linear_chain, ok, versions

MODULE = "fleet-postgres.so"


def closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def pg_url() -> str:
    return f"postgresql://app:modulesecret1@127.0.0.1:{closed_port()}/db"


def copy_of_fleet(fleet: Fleet, bin_dir: Path, module_dir: Path | None) -> Fleet:
    """A Fleet running a copy of the binary from bin_dir, with the module
    copied into module_dir (None: nowhere)."""
    built = Path(fleet.bin)
    bin_dir.mkdir(parents=True)
    shutil.copy2(built, bin_dir / "fleet")
    if module_dir is not None:
        module_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built.parent / MODULE, module_dir / MODULE)
    copy = Fleet(fleet.cwd)
    copy.bin = str(bin_dir / "fleet")
    copy.secrets = set(fleet.secrets) | {"modulesecret1"}
    return copy


def loaded_libraries(res) -> str:
    """What LD_DEBUG=libs says the loader opened."""
    return "\n".join(line for line in res.err.splitlines() if "calling init:" in line)


def test_a_sqlite_command_loads_no_postgresql_library(fleet, scripts, tmp_path):
    db = SqliteDb(tmp_path / "app.db")
    linear_chain(scripts, 1)
    ok(fleet("upgrade", "head", *scripts.args(db)))
    res = ok(fleet("current", *scripts.args(db), env={"LD_DEBUG": "libs"}))
    opened = loaded_libraries(res)
    assert "libc.so" in opened, f"LD_DEBUG shows nothing:\n{res}"
    for name in (MODULE, "libpq", "libpqxx", "libkrb5", "libldap", "libgnutls"):
        assert name not in opened, f"{name} loaded for a SQLite command:\n{opened}"


def test_a_postgres_url_loads_the_module(fleet, scripts):
    linear_chain(scripts, 1)
    fleet.secrets.add("modulesecret1")
    res = fails(fleet("current", "--url", pg_url(), "--script-location", scripts.root,
                      env={"LD_DEBUG": "libs"}), 1)
    assert "cannot connect" in res.err, res
    opened = loaded_libraries(res)
    assert MODULE in opened and "libpq" in opened, f"the module was not loaded:\n{opened}"


def test_the_module_is_found_beside_the_binary_and_in_lib_fleet(fleet, scripts, tmp_path):
    linear_chain(scripts, 1)
    for layout, module_dir in (("beside", tmp_path / "beside" / "bin"),
                               ("installed", tmp_path / "installed" / "lib" / "fleet")):
        copy = copy_of_fleet(fleet, tmp_path / layout / "bin", module_dir)
        res = fails(copy("current", "--url", pg_url(), "--script-location", scripts.root), 1)
        assert "cannot connect" in res.err, f"{layout}:\n{res}"


def test_without_the_module_sqlite_works_and_postgres_says_what_is_missing(fleet, scripts,
                                                                          tmp_path):
    copy = copy_of_fleet(fleet, tmp_path / "alone" / "bin", None)
    db = SqliteDb(tmp_path / "app.db")
    (r1,) = linear_chain(scripts, 1)
    ok(copy("upgrade", "head", *scripts.args(db)))
    assert versions(db) == {r1}
    res = fails(copy("current", "--url", pg_url(), "--script-location", scripts.root), 1)
    assert "the PostgreSQL driver is not installed: no fleet-postgres.so in" in res.err, res
    assert str(tmp_path / "alone" / "bin" / MODULE) in res.err, res
    assert str(tmp_path / "alone" / "lib" / "fleet" / MODULE) in res.err, res
