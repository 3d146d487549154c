"""`fleet complete`: the hidden command the completion scripts call on every
TAB, run from the build tree. It prints words one per line and never fails:
with no inventory, or one it cannot read, it prints nothing and exits 0."""

from __future__ import annotations

import os

from conftest import INVENTORY_NAMES, run


def complete(fleet_bin, *args, cwd, env=None):
    res = run(fleet_bin, *args, cwd=cwd, env={**os.environ, **(env or {})}, check=False)
    assert (res.returncode, res.stderr) == (0, ""), res
    return res.stdout.splitlines()


def without_config_env():
    env = dict(os.environ)
    env.pop("FLEET_CONFIG", None)
    env.pop("FLEET_TEST_UNSET_PASSWORD", None)
    return env


def test_names_come_from_the_inventory_found_as_commands_find_it(fleet_bin, inventory_dir, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    env = without_config_env()
    # ./fleet.yaml, -c FILE and $FLEET_CONFIG; -c also after the command.
    assert set(complete(fleet_bin, "complete", "names", cwd=inventory_dir, env=env)) == INVENTORY_NAMES
    assert set(complete(fleet_bin, "-c", inventory_dir / "fleet.yaml", "complete", "names",
                        cwd=elsewhere, env=env)) == INVENTORY_NAMES
    assert set(complete(fleet_bin, "complete", "names", "--config", inventory_dir / "fleet.yaml",
                        cwd=elsewhere, env=env)) == INVENTORY_NAMES
    assert set(complete(fleet_bin, "complete", "names", cwd=elsewhere,
                        env={**env, "FLEET_CONFIG": str(inventory_dir / "fleet.yaml")})) == INVENTORY_NAMES
    assert complete(fleet_bin, "complete", "environments", cwd=inventory_dir, env=env) == ["dev", "staging"]


def test_each_name_is_printed_once_in_inventory_order(fleet_bin, inventory_dir):
    names = complete(fleet_bin, "complete", "names", cwd=inventory_dir, env=without_config_env())
    assert names == ["dev", "staging", "app", "tenant-acme", "tenant-globex",
                     "dev/app", "staging/app", "staging/tenant-acme", "staging/tenant-globex"]


def test_without_a_readable_inventory_it_prints_nothing_and_succeeds(fleet_bin, tmp_path):
    env = without_config_env()
    assert complete(fleet_bin, "complete", "names", cwd=tmp_path, env=env) == []
    assert complete(fleet_bin, "-c", tmp_path / "missing.yaml", "complete", "names",
                    cwd=tmp_path, env=env) == []
    (tmp_path / "fleet.yaml").write_text("environments: [not, a, map\n")
    assert complete(fleet_bin, "complete", "environments", cwd=tmp_path, env=env) == []


def test_a_for_each_query_is_not_run_on_tab(fleet_bin, tmp_path):
    # The registry does not exist: reading it would fail (or, on a server,
    # connect on every TAB). Its names are left out, the others listed.
    (tmp_path / "fleet.yaml").write_text(
        "environments:\n"
        "  prod:\n"
        "    databases:\n"
        "      - {name: core, url: 'sqlite:///core.db'}\n"
        "      - name: t-{slug}\n"
        "        url: sqlite:///t_{slug}.db\n"
        "        for_each: {slug: {query: SELECT slug FROM tenants, url: 'sqlite:///nowhere/registry.db'}}\n")
    assert complete(fleet_bin, "complete", "names", cwd=tmp_path,
                    env=without_config_env()) == ["prod", "core", "prod/core"]
    assert not (tmp_path / "nowhere").exists()


def test_commands_and_options_are_the_ones_help_lists(fleet_bin, tmp_path):
    commands = complete(fleet_bin, "complete", "commands", cwd=tmp_path)
    help_text = run(fleet_bin, "--help").stdout
    assert "complete" not in commands and "complete" not in help_text
    assert {"init", "upgrade", "downgrade", "status", "lint", "import", "locks"} <= set(commands)
    for command in commands:
        assert f"\n  {command} " in help_text

    options = complete(fleet_bin, "complete", "options", "upgrade", cwd=tmp_path)
    # The command's own options, then the global ones; '=' marks a value.
    assert "--sql" in options and "--continue-on-error" in options
    assert "--allow-hazards=" in options
    assert {"-c=", "--config=", "-n=", "--name=", "--env=", "-v", "--verbose", "--version"} <= set(options)
    upgrade_help = run(fleet_bin, "upgrade", "--help").stdout
    for option in options:
        assert option.rstrip("=") in upgrade_help or option.rstrip("=") in help_text
    assert "--sql" not in complete(fleet_bin, "complete", "options", cwd=tmp_path)
