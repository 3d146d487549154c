"""`--format junit` of a rollout: the XML a CI server reads (GitLab's
`artifacts:reports:junit`, Jenkins' `junit` step), parsed as they parse it:
one <testsuite> per environment, one <testcase> per target, a failed
target's <failure> carrying the revision, the statement and the error. The
XML is also compared with a golden file, times made stable."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from fleet_cli import fails
from reports_fleet import TENANTS, check_golden, make_fleet


def test_a_failed_target_is_a_junit_failure_naming_its_revision_and_statement(fleet, tmp_path):
    make_fleet(tmp_path, failing=["initech"])
    res = fails(fleet("upgrade", "head", "--format", "junit"), 1)

    root = ET.fromstring(res.out)
    assert root.tag == "testsuites" and root.get("name") == "fleet upgrade head", res
    assert [root.get(k) for k in ("tests", "failures", "errors", "skipped")] == ["6", "1", "0", "0"]
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["prod"], res
    assert [suites[0].get(k) for k in ("tests", "failures", "errors", "skipped")] == \
        ["6", "1", "0", "0"]
    cases = suites[0].findall("testcase")
    assert [(c.get("classname"), c.get("name")) for c in cases] == \
        [("prod", f"t-{t}") for t in TENANTS], res
    assert all(float(c.get("time")) >= 0 for c in cases)
    # The suite's time is its cases' time, as the viewers add it up.
    assert abs(float(suites[0].get("time")) - sum(float(c.get("time")) for c in cases)) < 0.0015

    failed = {c.get("name"): c.find("failure") for c in cases if c.find("failure") is not None}
    assert list(failed) == ["t-initech"], res
    failure = failed["t-initech"]
    assert failure.get("type") == "migration"
    assert "a1c0ffee0001" in failure.get("message") and "already exists" in failure.get("message")
    assert "revision: a1c0ffee0001\n" in failure.text
    assert "statement: CREATE TABLE accounts (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL)" \
        in failure.text
    done = [c for c in cases if c.get("name") != "t-initech"]
    assert all(c.find("system-out").text == "5 step(s) committed\n" for c in done)

    stable = re.sub(r'time="[0-9]+\.[0-9]{3}"', 'time="T"', res.out)
    check_golden("rollout_one_failure.xml", stable)


def test_junit_is_refused_where_it_is_not_written_and_with_sql(fleet, tmp_path):
    make_fleet(tmp_path, failing=[])
    res = fails(fleet("status", "--format", "junit"), 2)
    assert "--format for status is table or json, not 'junit'" in res.err and res.out == "", res
    res = fails(fleet("upgrade", "head", "--sql", "--format", "junit"), 2)
    assert "--format junit and --sql: offline SQL is text only" in res.err, res
    res = fails(fleet("upgrade", "head", "--format", "xml"), 2)
    assert "--format for upgrade is table, json or junit, not 'xml'" in res.err, res
    assert not (tmp_path / "prod" / "acme.db").exists(), "a refused run touched a target"
