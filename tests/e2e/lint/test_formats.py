"""The output formats against golden files: table, JSON, SARIF (also checked
against SARIF 2.1.0's rules with python3-jsonschema), GitHub Actions
annotations and JUnit XML, for one script directory checked without a database and
without a dry run, so every line is the revisions' own. Set
FLEET_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from fleet_cli import Scripts

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
FORMATS = {"table": "txt", "json": "json", "sarif": "sarif", "github": "txt", "junit": "xml"}


@pytest.fixture
def project(tmp_path) -> Path:
    s = Scripts(tmp_path / "migrations")
    s.sql("e5000000base", None, """
        CREATE TABLE accounts (id integer PRIMARY KEY, email varchar(80) NOT NULL);
        CREATE TABLE payments (id integer PRIMARY KEY, account_id integer NOT NULL,
                               amount integer NOT NULL);
    """, filename="e5000000base_start.sql")
    s.sql("e5000001risk", "e5000000base", """
        ALTER TABLE payments ALTER COLUMN amount TYPE bigint;
        CREATE INDEX payments_account ON payments (account_id);
        ALTER TABLE payments ADD CONSTRAINT payments_account_fk FOREIGN KEY (account_id)
            REFERENCES accounts (id);
        ALTER TABLE accounts DROP COLUMN email;
    """, filename="e5000001risk_changes.sql")
    s.sql("e5000002waiv", "e5000001risk", """
        -- fleet:allow rename-table the application reads both names since release 41
        ALTER TABLE payments RENAME TO charges;
    """, filename="e5000002waiv_rename.sql")
    return tmp_path


def output(fleet, project: Path, fmt: str):
    return fleet("lint", "--script-location", "migrations", "--dialect", "postgresql",
                 "--no-dry-run", "--format", fmt, cwd=project)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_each_format_matches_its_golden_file(fleet, project, fmt):
    res = output(fleet, project, fmt)
    assert res.rc == 3, res
    golden = GOLDEN / f"lint.{fmt}.{FORMATS[fmt]}"
    if os.environ.get("FLEET_UPDATE_GOLDEN"):
        golden.write_text(res.out)
    assert res.out == golden.read_text(), f"{golden.name} differs:\n{res.out}"


def test_sarif_follows_the_standard(fleet, project):
    log = json.loads(output(fleet, project, "sarif").out)
    schema = json.loads((HERE / "sarif-2.1.0-subset.schema.json").read_text())
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    results = log["runs"][0]["results"]
    assert results and all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
                           for r in results)
    waived = [r for r in results if r.get("suppressions")]
    assert [r["ruleId"] for r in waived] == ["rename-table"]
    assert waived[0]["suppressions"][0]["justification"].startswith("the application reads")
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert all(results[i]["ruleId"] == rules[results[i]["ruleIndex"]]["id"]
               for i in range(len(results)))


def test_github_annotations_are_workflow_commands(fleet, project):
    lines = output(fleet, project, "github").out.splitlines()
    assert lines and all(line.startswith(("::error file=", "::warning file=")) for line in lines)
    assert not any("rename-table" in line for line in lines), "a waived finding is annotated"


def test_junit_is_a_case_per_finding_failing_only_what_blocks(fleet, project):
    res = output(fleet, project, "junit")
    root = ET.fromstring(res.out)
    cases = root.find("testsuite").findall("testcase")
    failures = [c for c in cases if c.find("failure") is not None]
    skipped = [c for c in cases if c.find("skipped") is not None]
    assert root.get("failures") == str(len(failures)) and failures, res
    assert all(c.find("failure").get("type") == c.get("name").split(" at line ")[0]
               for c in failures)
    assert [c.get("name").split(" ")[0] for c in skipped] == ["rename-table"], res
    assert skipped[0].find("skipped").get("message").startswith("waived: the application reads")
    assert all(c.get("file", "").startswith("migrations/versions/") for c in cases), res
