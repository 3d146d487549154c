"""The .deb: its dependencies are Debian's runtime packages, lintian finds no
error in it, and once installed with dpkg, /usr/bin/fleet runs, man shows
fleet(1) with every command's options, the bash and zsh completion answer
from the inventory, and the embedding example builds against it."""

from __future__ import annotations

import gzip
import os
import re

from conftest import INVENTORY_NAMES, run


def test_depends_names_the_runtime_packages_dpkg_shlibdeps_found(deb):
    fields = run("dpkg-deb", "--field", deb, "Depends", "Section", "Maintainer").stdout
    depends = [d.strip().split()[0] for d in fields.split("Depends:", 1)[1].splitlines()[0].split(",")]
    # The binary's C and C++ runtime; the PostgreSQL module's libpqxx.
    assert {"libc6", "libstdc++6", "libpqxx-6.4"} <= set(depends), depends
    assert not [d for d in depends if d.endswith("-dev")], depends
    assert "Section: database" in fields


def test_lintian_reports_no_error(deb):
    res = run("lintian", "--tag-display-limit", "0", deb, check=False)
    errors = [line for line in res.stdout.splitlines() if line.startswith("E:")]
    assert errors == [], res.stdout
    # lintian exits 0 also when it only warns; 2 would be its own failure.
    assert res.returncode in (0, 1), res.stderr


def test_installed_fleet_prints_its_version(installed, version):
    assert run("/usr/bin/fleet", "--version").stdout == f"fleet {version}\n"


def test_man_shows_fleet_1_with_every_commands_options(installed, tmp_path):
    res = run("man", "--warnings", "-l", "/usr/share/man/man1/fleet.1.gz",
              env={**os.environ, "MANPAGER": "cat", "MANWIDTH": "100", "LANG": "C.UTF-8"})
    page = res.stdout
    assert res.stderr == "", res.stderr  # groff warnings, as lintian also checks
    assert re.search(r"^NAME\n\s+fleet - versioned schema migrations", page, re.M), page[:400]
    assert re.search(r"^COMMANDS$", page, re.M)
    # What the page says is what the binary says: each command's heading and
    # the options it lists, among them the global ones (-c/--config).
    commands = run("/usr/bin/fleet", "complete", "commands", cwd=tmp_path).stdout.split()
    for command in commands:
        assert re.search(rf"^   {re.escape(command)}$", page, re.M), command
        for option in run("/usr/bin/fleet", "complete", "options", command, cwd=tmp_path).stdout.split():
            assert option.rstrip("=") in page, (command, option)
    assert "--continue-on-error" in page and "--config" in page


def bash_complete(line: str, cwd, env=None) -> list[str]:
    """The words the installed bash completion offers for `line` (the cursor
    at its end), its function called as bash calls it on TAB."""
    words = line.split(" ")
    script = ('source /usr/share/bash-completion/completions/fleet\n'
              'COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="${*}"\n'
              'complete -p fleet >/dev/null || exit 9\n'
              '_fleet; printf "%s\\n" "${COMPREPLY[@]}"\n')
    res = run("bash", "--norc", "--noprofile", "-c", script, "bash", *words, cwd=cwd,
              env={**os.environ, **(env or {})})
    assert res.stderr == ""
    return [w for w in res.stdout.splitlines() if w]


def test_bash_completes_names_from_the_inventory(installed, inventory_dir, tmp_path_factory):
    assert set(bash_complete("fleet -n ", inventory_dir)) == INVENTORY_NAMES
    assert set(bash_complete("fleet upgrade head -n staging/t", inventory_dir)) == {
        "staging/tenant-acme", "staging/tenant-globex"}
    assert bash_complete("fleet --env st", inventory_dir) == ["staging"]
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    config = str(inventory_dir / "fleet.yaml")
    assert set(bash_complete(f"fleet -c {config} status -n ", elsewhere)) == INVENTORY_NAMES
    assert set(bash_complete("fleet -n ", elsewhere, env={"FLEET_CONFIG": config})) == INVENTORY_NAMES
    assert bash_complete("fleet -n ", elsewhere) == []


def test_bash_completes_commands_and_their_options(installed, tmp_path):
    assert bash_complete("fleet up", tmp_path) == ["upgrade"]
    # -n's value is not taken for the command.
    assert bash_complete("fleet -n dev dow", tmp_path) == ["downgrade"]
    options = bash_complete("fleet -n dev upgrade --", tmp_path)
    assert {"--sql", "--continue-on-error", "--allow-hazards", "--config", "--env"} <= set(options)
    assert "--purge" not in options
    assert bash_complete("fleet stamp --pu", tmp_path) == ["--purge"]


def zsh_complete(line: str, cwd) -> list[str]:
    """The words the installed zsh completion function hands to compadd for
    `line`, with compadd and _files standing in for zsh's completion system."""
    words = line.split(" ")
    script = ('fpath=(/usr/share/zsh/vendor-completions $fpath)\n'
              'autoload -Uz compinit && compinit -u -d "$ZDOTDIR/zcompdump"\n'
              '[[ $_comps[fleet] == _fleet ]] || exit 9\n'
              'compadd() { [[ $1 == -- ]] && shift; print -rl -- "$@" }\n'
              '_files() { print -r -- FILES }\n'
              'words=("$@"); CURRENT=$#; _fleet\n')
    res = run("zsh", "-f", "-c", script, "zsh", *words, cwd=cwd,
              env={**os.environ, "ZDOTDIR": str(cwd)})
    assert res.stderr == ""
    return [w for w in res.stdout.splitlines() if w]


def test_zsh_completion_loads_and_completes_from_fleet(installed, inventory_dir):
    assert set(zsh_complete("fleet -n ", inventory_dir)) == INVENTORY_NAMES
    assert zsh_complete("fleet --env ", inventory_dir) == ["dev", "staging"]
    assert "upgrade" in zsh_complete("fleet ", inventory_dir)
    assert "--continue-on-error" in zsh_complete("fleet -n dev upgrade --", inventory_dir)


def test_the_embedding_example_builds_against_the_installed_package(installed, source_dir, tmp_path):
    # Only find_package(fleet) and fleet::engine (examples/embedding/CMakeLists.txt).
    build = tmp_path / "build"
    run("cmake", "-S", source_dir / "examples/embedding", "-B", build, "-G", "Ninja",
        "-DCMAKE_BUILD_TYPE=Release")
    run("cmake", "--build", build)
    res = run(build / "embedding_example", f"sqlite:///{tmp_path}/app.db",
              source_dir / "examples/embedding/migrations")
    heads = run("/usr/bin/fleet", "--url", f"sqlite:///{tmp_path}/app.db", "--script-location",
                source_dir / "examples/embedding/migrations", "heads").stdout
    head = heads.split()[0]
    assert res.stdout == f"database at {head}\n"


def test_the_changelog_is_debians(installed, version):
    text = gzip.decompress(open("/usr/share/doc/fleet/changelog.gz", "rb").read()).decode()
    assert text.startswith(f"fleet ({version}) unstable; urgency=medium")
