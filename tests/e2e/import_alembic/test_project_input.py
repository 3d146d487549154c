"""How `fleet import alembic` finds and reads a project (alembic.ini or the
script folder, %(here)s, version_locations, the default destination), and
the input it must refuse: each with exit 2, a message that says what is
wrong (and where), and nothing written."""

from __future__ import annotations

import json
import os

import reference_projects as ref
from fleet_cli import fails, ok


def written(folder) -> list:
    return sorted(os.listdir(folder)) if os.path.exists(folder) else []


def test_no_alembic_ini_is_refused_naming_it(fleet, tmp_path):
    res = fails(fleet("import", "alembic"), 2)
    assert "alembic.ini" in res.err
    res = fails(fleet("import", "alembic", tmp_path / "nowhere" / "alembic.ini"), 2)
    assert "nowhere" in res.err
    assert written(tmp_path / "migrations") == []


def test_a_module_that_does_not_import_names_file_line_and_pythons_message(fleet, tmp_path):
    broken = ref.ACCOUNTS.replace("def upgrade():", "import no_such_module_here\n\n\ndef upgrade():")
    ini = ref.write(tmp_path / "project", {"a1_create.py": broken})
    res = fails(fleet("import", "alembic", ini, "--to", tmp_path / "out"), 2)
    line = broken.splitlines().index("import no_such_module_here") + 1
    assert f"a1_create.py:{line}:" in res.err, res
    assert "No module named 'no_such_module_here'" in res.err
    assert written(tmp_path / "out") == []

    syntax = ref.ACCOUNTS.replace("def downgrade():", "def downgrade(:")
    ini = ref.write(tmp_path / "project2", {"a1_create.py": syntax})
    res = fails(fleet("import", "alembic", ini, "--to", tmp_path / "out"), 2)
    assert "a1_create.py:" in res.err and "SyntaxError" in res.err


def test_two_revisions_with_one_id_are_refused(fleet, tmp_path):
    ini = ref.write(tmp_path / "project", {"a1_create.py": ref.ACCOUNTS,
                                           "a1_again.py": ref.ACCOUNTS})
    res = fails(fleet("import", "alembic", ini, "--to", tmp_path / "out"), 2)
    assert "a1000000000a is defined twice" in res.err
    assert written(tmp_path / "out") == []


def test_a_folder_that_is_not_empty_needs_force(fleet, tmp_path):
    ini = ref.write(tmp_path / "project", {"a1_create.py": ref.ACCOUNTS})
    out = tmp_path / "out"
    ok(fleet("import", "alembic", ini, "--to", out))
    res = fails(fleet("import", "alembic", ini, "--to", out), 2)
    assert "--force" in res.err
    ok(fleet("import", "alembic", ini, "--to", out, "--force"))
    assert written(out / "versions") == ["a1_create.yaml"]


def test_the_script_folder_itself_may_be_given_and_is_read_as_alembic_reads_it(fleet, tmp_path):
    ref.write(tmp_path / "project", {"a1_create.py": ref.ACCOUNTS})
    ok(fleet("import", "alembic", tmp_path / "project" / "alembic", "--to", tmp_path / "out"))
    assert written(tmp_path / "out" / "versions") == ["a1_create.yaml"]
    assert not (tmp_path / "project" / "alembic" / "versions" / "__pycache__").exists()
    # The default destination: ./migrations, beside which nothing else is written.
    ok(fleet("import", "alembic", cwd=tmp_path / "project"))
    assert sorted(os.listdir(tmp_path / "project")) == ["alembic", "alembic.ini", "migrations"]


def test_no_python_or_no_alembic_names_what_to_install(fleet, tmp_path):
    ini = ref.write(tmp_path / "project", {"a1_create.py": ref.ACCOUNTS})
    res = fails(fleet("import", "alembic", ini, "--to", tmp_path / "out",
                      env={"FLEET_PYTHON": str(tmp_path / "no-python3")}), 2)
    assert "apt install python3-alembic" in res.err
    # A real Python 3 that cannot see Debian's packages: -S leaves out site-packages.
    no_site = tmp_path / "python3-without-site"
    no_site.write_text("#!/bin/sh\nexec /usr/bin/python3 -S \"$@\"\n")
    no_site.chmod(0o755)
    res = fails(fleet("import", "alembic", ini, "--to", tmp_path / "out",
                      env={"FLEET_PYTHON": str(no_site)}), 2)
    assert "Alembic is not installed" in res.err and "apt install python3-alembic" in res.err
    assert written(tmp_path / "out") == []


def test_an_unknown_dialect_is_refused(fleet, tmp_path):
    ini = ref.write(tmp_path / "project", {"a1_create.py": ref.ACCOUNTS})
    res = fails(fleet("import", "alembic", ini, "--to", tmp_path / "out", "--dialect", "mysql"), 2)
    assert "mysql" in res.err


def test_version_locations_and_here_are_read_as_alembic_reads_them(fleet, tmp_path):
    ini = ref.write(tmp_path / "project", {"a1_create.py": ref.ACCOUNTS})
    more = tmp_path / "project" / "more_versions"
    more.mkdir()
    (more / "e5_note.py").write_text(ref.AFTER_DATA.replace("'d4000000000d'", "'a1000000000a'"))
    ini.write_text(ini.read_text().replace(
        "prepend_sys_path = .",
        "prepend_sys_path = .\nversion_locations = %(here)s/alembic/versions %(here)s/more_versions"))
    report = json.loads(ok(fleet("import", "alembic", ini, "--to", tmp_path / "out",
                                 "--format", "json")).out)
    assert [r["revision"] for r in report["revisions"]] == ["a1000000000a", "e5000000000e"]
    assert written(tmp_path / "out" / "versions") == ["a1_create.yaml", "e5_note.yaml"]


def test_the_default_destination_is_the_inventorys_script_location(fleet, tmp_path):
    ref.write(tmp_path / "project", {"a1_create.py": ref.ACCOUNTS})
    (tmp_path / "project" / "fleet.yaml").write_text(
        "script_location: db/fleet\nenvironments:\n  dev:\n    databases:\n"
        "      - name: app\n        url: sqlite:///app.db\n")
    ok(fleet("import", "alembic", cwd=tmp_path / "project"))
    assert written(tmp_path / "project" / "db" / "fleet" / "versions") == ["a1_create.yaml"]
