"""`fleet check --format json`: the operations check lists, as one JSON
document a script reads without a YAML parser, on both dialects; `--format
junit`, the same as a CI test report; and a --format check cannot write
refused before anything is compared."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from autogen_run import Direct, Project
from fleet_cli import fails

BEFORE = """CREATE TABLE accounts (id INTEGER NOT NULL, email VARCHAR(80) NOT NULL,
    plan VARCHAR(20) DEFAULT 'free', CONSTRAINT pk_accounts PRIMARY KEY (id));
CREATE INDEX ix_accounts_plan ON accounts (plan);
"""
AFTER = """CREATE TABLE accounts (id INTEGER NOT NULL, email VARCHAR(80) NOT NULL,
    plan VARCHAR(20) DEFAULT 'pro', score INTEGER DEFAULT 0,
    CONSTRAINT pk_accounts PRIMARY KEY (id), CONSTRAINT uq_accounts_email UNIQUE (email));
CREATE TABLE orgs (id INTEGER NOT NULL, CONSTRAINT pk_orgs PRIMARY KEY (id));
"""


def check_json(project, declared, rc):
    res = project.call("check", "--format", "json", *project.args(declared))
    assert res.rc == rc, res
    return json.loads(res.out)


def test_check_writes_the_operations_as_json(fleet, make_db, tmp_path):
    current = Direct(make_db("app")).load(BEFORE)
    project = Project(fleet, current, tmp_path / "project")
    doc = check_json(project, project.declare("after", AFTER), 3)
    assert doc["version"] == 1 and doc["exit_code"] == 3, doc
    found = {(op["op"], op["table"], op["object"]) for op in doc["operations"]}
    assert found == {("create_table", "orgs", "orgs"), ("add_column", "accounts", "score"),
                     ("alter_column", "accounts", "plan"), ("drop_index", "accounts", "ix_accounts_plan"),
                     ("create_unique_constraint", "accounts", "uq_accounts_email")}, doc
    by_op = {op["op"]: op for op in doc["operations"]}
    # The YAML step's own keys, typed as the step reads back: a number
    # default stays a number, a string default a string.
    assert by_op["add_column"]["column"] == {"name": "score", "type": "integer",
                                             "server_default": 0}, doc
    assert by_op["alter_column"]["server_default"] == "pro", doc
    assert by_op["alter_column"]["existing_server_default"] == "free", doc
    assert by_op["create_unique_constraint"]["columns"] == ["email"], doc


def test_check_json_in_sync_is_an_empty_list(fleet, make_db, tmp_path):
    current = Direct(make_db("app")).load(BEFORE)
    project = Project(fleet, current, tmp_path / "project")
    doc = check_json(project, project.declare("before", BEFORE), 0)
    assert doc == {"version": 1, "exit_code": 0, "operations": []}


def test_a_format_check_cannot_write_is_refused(fleet, make_db, tmp_path):
    project = Project(fleet, make_db("app"), tmp_path / "project")
    res = fails(project.call("check", "--format", "yaml",
                             *project.args(project.declare("after", AFTER))), 2)
    assert "--format for check is table, json or junit, not 'yaml'" in res.err and res.out == "", res


def test_check_junit_is_a_failing_case_per_operation(fleet, make_db, tmp_path):
    current = Direct(make_db("app")).load(BEFORE)
    project = Project(fleet, current, tmp_path / "project")
    res = project.call("check", "--format", "junit", *project.args(project.declare("after", AFTER)))
    assert res.rc == 3, res
    root = ET.fromstring(res.out)
    assert root.get("name") == "fleet check" and root.get("failures") == "5", res
    cases = root.find("testsuite").findall("testcase")
    assert {c.get("name") for c in cases} == {
        "create_table orgs", "add_column accounts.score", "alter_column accounts.plan",
        "drop_index accounts.ix_accounts_plan",
        "create_unique_constraint accounts.uq_accounts_email"}, res
    step = next(c for c in cases if c.get("name") == "add_column accounts.score").find("failure")
    assert step.get("type") == "schema-difference" and "- add_column:" in step.text, res

    res = project.call("check", "--format", "junit",
                       *project.args(project.declare("before", BEFORE)))
    assert res.rc == 0, res
    cases = ET.fromstring(res.out).find("testsuite").findall("testcase")
    assert [c.get("name") for c in cases] == ["schema in sync"] and not list(cases[0]), res
