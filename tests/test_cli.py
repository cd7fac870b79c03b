"""The installed `misidagang` command: engines through Django's command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

CLI = [sys.executable, "-m", "misidagang.cli"]
ENV = {**os.environ, "DJANGO_SETTINGS_MODULE": "misidagang.settings"}


def run(args: list[str], stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        CLI + args, input=stdin, capture_output=True, text=True, env=ENV, timeout=120
    )


def test_it_schedules_from_stdin():
    doc = {
        "slots": 3,
        "tables": 1,
        "time_limit_s": 5,
        "participants": [{"id": "A"}, {"id": "B"}, {"id": "C"}],
        "meetings": [{"id": "M1", "between": ["A", "B"]}, {"id": "M2", "between": ["A", "C"]}],
    }
    r = run(["schedule"], json.dumps(doc))
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert {m["meeting"] for m in out["scheduled"]} == {"M1", "M2"}
    assert len({m["slot"] for m in out["scheduled"]}) == 2  # A cannot meet twice at once


def test_it_rejects_bad_schedule_input_naming_the_field():
    r = run(
        ["schedule"],
        json.dumps(
            {
                "slots": 2,
                "tables": 1,
                "participants": [],
                "meetings": [{"id": "M1", "between": ["X"]}],
            }
        ),
    )
    assert r.returncode == 2
    assert "meetings[0]" in r.stderr


def test_it_matches_and_classifies():
    doc = {
        "participants": [
            {
                "id": "J",
                "province": "35",
                "offers": [{"text": "Kopi arabika green bean", "hs": "090111"}],
                "needs": [],
            },
            {"id": "S", "province": "16", "offers": [], "needs": [{"text": "biji kopi mentah"}]},
        ]
    }
    r = run(["match"], json.dumps(doc))
    assert r.returncode == 0, r.stderr
    [rec] = json.loads(r.stdout)["recommendations"]
    assert rec["buyer"] == "S" and rec["candidates"][0]["seller"] == "J"
    r = run(["classify"], "kopi arabika green bean\ngula kristal putih\n")
    assert r.returncode == 0, r.stderr
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert lines[0]["codes"][0]["hs"].startswith("0901")
    assert lines[1]["codes"][0]["hs"].startswith("1701")


@pytest.mark.parametrize("command", ["match", "schedule"])
def test_it_exits_2_on_unparseable_json(command):
    r = run([command], "{not json")
    assert r.returncode == 2 and r.stderr.strip()
