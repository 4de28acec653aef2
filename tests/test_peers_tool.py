"""``make test-peers``'s comparison (tools/peers.py): what counts as a regression."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parent.parent / "tools"
sys.path.insert(0, str(TOOLS))
import peers

JUNIT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest">
<testcase classname="tests.test_builders.test_build_html" name="test_a[x]"/>
<testcase classname="tests.test_builders.test_build_html" name="test_b"><failure message="boom"/></testcase>
<testcase classname="tests.test_intl.test_intl" name="test_c"><skipped message="no"/></testcase>
<testcase classname="tests.test_markup.test_markup.TestX" name="test_d"><error message="setup"/></testcase>
<testcase classname="tests.test_events" name="test_e"/>
</testsuite></testsuites>
"""


def test_outcomes_name_tests_as_pytest_does(tmp_path):
    path = tmp_path / "r.xml"
    path.write_text(JUNIT, encoding="utf-8")
    assert peers.outcomes(path) == {
        "tests/test_builders/test_build_html.py::test_a[x]": "passed",
        "tests/test_builders/test_build_html.py::test_b": "failed",
        "tests/test_intl/test_intl.py::test_c": "skipped",
        "tests/test_markup/test_markup.py::TestX::test_d": "error",
        "tests/test_events.py::test_e": "passed",
    }


def test_only_tests_that_pass_without_and_fail_with_are_regressions():
    plain = {"t::a": "passed", "t::b": "failed", "t::c": "passed", "t::d": "passed", "t::e": "passed"}
    ours = {"t::a": "failed", "t::b": "failed", "t::c": "passed", "t::d": "error"}  # t::e not collected
    regressions, seen, stale = peers.compare(plain, ours, {"t::d": "a reason", "t::zz*": "gone"})
    assert regressions == ["t::a", "t::e"]
    assert seen == {"t::d": "a reason"}
    assert stale == ["t::zz*"]


def test_known_differences_need_a_reason(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("# comment\n\ntests/x.py::test_y[*] | why it differs\n", encoding="utf-8")
    assert peers.read_known(good) == {"tests/x.py::test_y[*]": "why it differs"}
    bad = tmp_path / "bad.txt"
    bad.write_text("tests/x.py::test_y\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="reason"):
        peers.read_known(bad)


def test_the_known_differences_file_is_valid():
    for pattern, reason in peers.read_known(peers.KNOWN).items():
        assert pattern.startswith("tests/") and len(reason) > 10
