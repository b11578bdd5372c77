"""The ``sarif`` format: a SARIF 2.1.0 log, checked structurally."""

from __future__ import annotations

import dataclasses
import importlib.metadata
import json
from pathlib import Path

import pytest

from lintnews.output import render, sarif

LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def load(report) -> dict:
    return json.loads(render("sarif", report))


def test_top_level_layout(report):
    log = load(report)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "lintnews"
    assert driver["informationUri"].startswith("https://")
    assert isinstance(driver["version"], str) and driver["version"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert len(run["results"]) == len(report.diagnostics)


def test_rules_cover_every_code_once(report):
    driver = load(report)["runs"][0]["tool"]["driver"]
    ids = [rule["id"] for rule in driver["rules"]]
    assert ids == ["LN101", "LN201", "LN401", "LN999"]
    by_id = {rule["id"]: rule for rule in driver["rules"]}
    assert by_id["LN101"] == {
        "id": "LN101",
        "name": "double-space",
        "shortDescription": {"text": "Doubled space"},
        "fullDescription": {"text": report.rules["LN101"].documentation()},
        "help": {
            "text": report.rules["LN101"].documentation(),
            "markdown": report.rules["LN101"].documentation(),
        },
        "defaultConfiguration": {"level": "warning"},
    }
    assert by_id["LN101"]["fullDescription"]["text"].startswith("## What it flags\n")
    # A rule instance works like a class.
    assert by_id["LN201"]["defaultConfiguration"] == {"level": "error"}
    assert by_id["LN201"]["shortDescription"] == {"text": "Misspelt word"}
    # No docstring: no description fields, but still a valid descriptor.
    assert by_id["LN401"] == {
        "id": "LN401",
        "name": "boilerplate",
        "shortDescription": {"text": "Boilerplate paragraph"},
        "defaultConfiguration": {"level": "note"},
    }
    # A code missing from the rules mapping falls back to the diagnostic.
    assert by_id["LN999"] == {
        "id": "LN999",
        "name": "mystery",
        "shortDescription": {"text": "mystery"},
    }


def test_results_match_diagnostics(report, sources):
    run = load(report)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for result, d in zip(run["results"], report.diagnostics, strict=True):
        assert result["ruleId"] == d.code
        assert rules[result["ruleIndex"]]["id"] == d.code
        assert result["level"] == LEVELS[d.severity.value]
        assert result["message"] == {"text": d.message}
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": d.path}
        region = physical["region"]
        assert region == {
            "startLine": d.line,
            "startColumn": d.column,
            "endLine": d.end_line,
            "endColumn": d.end_column,
            "charOffset": d.start,
            "charLength": d.end - d.start,
        }
        text = sources[d.path]
        assert text[region["charOffset"] : region["charOffset"] + region["charLength"]]
        if d.fix is None:
            assert "fixes" not in result
        else:
            (fix,) = result["fixes"]
            assert fix["description"] == {"text": d.fix.title}
            assert fix["properties"] == {"applicability": d.fix.applicability.value}
            (change,) = fix["artifactChanges"]
            assert change["artifactLocation"] == {"uri": d.path}
            got = [
                (
                    r["deletedRegion"]["charOffset"],
                    r["deletedRegion"]["charOffset"] + r["deletedRegion"]["charLength"],
                    r["insertedContent"]["text"],
                )
                for r in change["replacements"]
            ]
            assert got == sorted((e.start, e.end, e.replacement) for e in d.fix.edits)


def test_fix_replacements_rebuild_the_fixed_text(report, sources):
    run = load(report)["runs"][0]
    (result,) = [r for r in run["results"] if r["message"]["text"] == "100%: sure, <&>"]
    text = sources["b.txt"]
    for rep in reversed(result["fixes"][0]["artifactChanges"][0]["replacements"]):
        start = rep["deletedRegion"]["charOffset"]
        end = start + rep["deletedRegion"]["charLength"]
        text = text[:start] + rep["insertedContent"]["text"] + text[end:]
    assert text.startswith("Ça va, <b>&amp;</b> all certain\n")


def test_unicode_message_round_trips(report, nasty):
    run = load(report)["runs"][0]
    assert run["results"][0]["message"]["text"] == nasty


def test_uris_are_relative_posix_and_encoded(build, make_diag, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    inside = str(tmp_path / "sub dir" / "a:b.md")
    outside = str(Path(tmp_path.anchor) / "elsewhere" / "c.md")
    base = make_diag("b.txt", 0, 1, "LN101", "x")
    paths = [inside, outside, "rel/é.md", "-"]
    ds = [dataclasses.replace(base, path=p) for p in paths]
    run = json.loads(render("sarif", build(ds)))["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uris == {
        "sub%20dir/a%3Ab.md",
        Path(outside).as_uri(),
        "rel/%C3%A9.md",
        "-",
    }


def test_version_fallback(monkeypatch):
    def missing(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", missing)
    assert sarif.tool_version() == "0.0.0"
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "1.2.3")
    assert sarif.tool_version() == "1.2.3"


def test_position_less_diagnostic_has_no_line_fields(build, make_diag):
    d = dataclasses.replace(make_diag("b.txt", 0, 1, "LN101", ""), line=0, column=0)
    result = json.loads(render("sarif", build([d])))["runs"][0]["results"][0]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"charOffset": 0, "charLength": 1}
    assert result["message"]["text"]  # SARIF requires a non-empty message


@pytest.mark.parametrize("fixture", ["empty_report"])
def test_empty(fixture, request):
    log = json.loads(render("sarif", request.getfixturevalue(fixture)))
    (run,) = log["runs"]
    assert run["results"] == []
    assert run["tool"]["driver"]["rules"] == []
