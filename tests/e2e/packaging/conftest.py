"""Fixtures of the packaging suite: the build installed into a staging
folder, the .deb cpack makes (each in this run's own temp folders, so the
build tree is only read), and that .deb installed on this machine with dpkg
for the session, removed again at its end whatever the tests did.

Environment (tests/e2e/packaging/CMakeLists.txt sets them):
  FLEET_BIN         the built fleet
  FLEET_BUILD_DIR   its build tree (cmake_install.cmake, CPackConfig.cmake)
  FLEET_SOURCE_DIR  the source tree (examples/embedding)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.dont_write_bytecode = True

PACKAGE = "fleet"


def required_env(name: str) -> Path:
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set (tests/e2e/packaging/CMakeLists.txt sets it)")
    return Path(value)


def run(*argv, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    """argv run to its end, its output as text; a failure shows both streams."""
    res = subprocess.run([str(a) for a in argv], capture_output=True, text=True, **kwargs)
    if check and res.returncode != 0:
        pytest.fail(f"{' '.join(map(str, argv))} exited {res.returncode}\n"
                    f"stdout:\n{res.stdout}\nstderr:\n{res.stderr}")
    return res


def project_version(build_dir: Path) -> str:
    for line in (build_dir / "CMakeCache.txt").read_text().splitlines():
        if line.startswith("CMAKE_PROJECT_VERSION:"):
            return line.split("=", 1)[1]
    pytest.fail("no CMAKE_PROJECT_VERSION in the build's CMakeCache.txt")


@pytest.fixture(scope="session")
def build_dir() -> Path:
    return required_env("FLEET_BUILD_DIR")


@pytest.fixture(scope="session")
def source_dir() -> Path:
    return required_env("FLEET_SOURCE_DIR")


@pytest.fixture(scope="session")
def version(build_dir) -> str:
    return project_version(build_dir)


@pytest.fixture(scope="session")
def stage(build_dir, tmp_path_factory) -> Path:
    """`cmake --install` of the build with prefix /usr into a DESTDIR: the
    staged /usr."""
    destdir = tmp_path_factory.mktemp("stage")
    run("cmake", "--install", build_dir, "--prefix", "/usr",
        env={**os.environ, "DESTDIR": str(destdir)})
    return destdir / "usr"


@pytest.fixture(scope="session")
def deb(build_dir, version, tmp_path_factory) -> Path:
    """The .deb cpack builds from the build tree, in a folder of its own."""
    out = tmp_path_factory.mktemp("cpack")
    run("cpack", "-G", "DEB", "-B", out, "--config", build_dir / "CPackConfig.cmake")
    debs = list(out.glob("*.deb"))
    arch = run("dpkg", "--print-architecture").stdout.strip()
    assert [d.name for d in debs] == [f"{PACKAGE}_{version}_{arch}.deb"]
    return debs[0]


def installed_version() -> str | None:
    res = run("dpkg-query", "-W", "-f=${Status} ${Version}", PACKAGE, check=False)
    if res.returncode == 0 and res.stdout.startswith("install ok installed"):
        return res.stdout.split()[-1]
    return None


@pytest.fixture(scope="session")
def installed(deb) -> None:
    """The .deb installed with dpkg for the session, and purged at its end
    (also when a test failed). It refuses to run where fleet is installed
    already, which it would otherwise remove."""
    before = installed_version()
    if before is not None or shutil.which("fleet", path="/usr/bin"):
        pytest.fail(f"fleet is installed on this machine already ({before or '/usr/bin/fleet'}): "
                    "this suite installs and removes its own package, so remove it first")
    try:
        run("dpkg", "-i", deb)
        yield
    finally:
        run("dpkg", "--purge", PACKAGE, check=False)
        assert installed_version() is None and not Path("/usr/bin/fleet").exists()


@pytest.fixture(scope="session")
def fleet_bin() -> Path:
    return required_env("FLEET_BIN")


# A fleet of two environments for the completion tests: a for_each database
# (expanded into its names), a name two environments share, and a ${VAR} no
# shell that presses TAB has set.
INVENTORY = """\
script_location: migrations
environments:
  dev:
    databases:
      - name: app
        url: sqlite:///dev.db
  staging:
    databases:
      - name: app
        url: postgresql://app:${FLEET_TEST_UNSET_PASSWORD}@localhost/app
      - name: tenant-{tenant}
        url: sqlite:///t_{tenant}.db
        for_each: {tenant: [acme, globex]}
"""

INVENTORY_NAMES = {
    "dev", "staging", "app", "tenant-acme", "tenant-globex",
    "dev/app", "staging/app", "staging/tenant-acme", "staging/tenant-globex",
}


@pytest.fixture
def inventory_dir(tmp_path) -> Path:
    """A folder holding fleet.yaml (INVENTORY)."""
    (tmp_path / "fleet.yaml").write_text(INVENTORY)
    return tmp_path
