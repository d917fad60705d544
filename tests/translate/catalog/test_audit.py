"""`newsloc catalog audit`: the editions of one article compared place by place."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from newsloc.glossary.loader import load_default_glossary
from newsloc.translate.catalog.audit import audit_catalogs
from newsloc.translate.cli import app
from tests.conftest import REPO

runner = CliRunner()


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    root = tmp_path / "locales"
    shutil.copytree(REPO / "locales", root)
    return root


def replace_in(root: Path, language: str, line: int, old: str, new: str) -> None:
    path = root / language / "LC_MESSAGES" / "sample-article.po"
    po = polib.pofile(str(path), wrapwidth=76)
    entry = next(e for e in po if int(e.occurrences[0][1]) == line)
    assert old in entry.msgstr
    entry.msgstr = entry.msgstr.replace(old, new)
    po.save()


def audit(*args: object):
    return runner.invoke(app, ["catalog", "audit", *map(str, args)], env={"COLUMNS": "200"})


def test_the_sample_editions_agree(sample: Path):
    report = audit_catalogs(sample, None, load_default_glossary())
    assert report.languages == ["az", "hy", "ru"]
    assert report.disagreements == 0
    stepanakert = next(c for c in report.concepts if c.concept == "stepanakert")
    assert stepanakert.contested and stepanakert.mentions == 3  # the headline's too
    hy = stepanakert.languages["hy"]
    # The first mention is the body's: the headline names the place but does not spend it.
    assert hy.first == "Ստեփանակերտը (Խանքենդի)" and hy.first_has_secondary
    assert hy.renderings == ["Ստեփանակերտը (Խանքենդի)", "Ստեփանակերտի", "Ստեփանակերտում"]
    assert stepanakert.languages["ru"].names == ["Stepanakert"]

    result = audit("--locales", sample)
    assert result.exit_code == 0, result.output
    assert "12 concepts, 0 with issues" in result.stdout
    assert "Кельбаджару (Карвачар)" in result.stdout


def test_one_edition_dropping_the_secondary_at_first_mention_is_a_disagreement(sample: Path):
    replace_in(sample, "az", 8, "Stepanakerti (Xankəndi)", "Stepanakerti")

    result = audit("--locales", sample)

    assert result.exit_code == 1
    assert "dropped in az" in result.stdout  # the table wraps the issue; JSON has it whole
    assert "12 concepts, 1 with issues" in result.stdout
    data = json.loads(audit("--locales", sample, "--json").stdout)
    concept = next(c for c in data["concepts"] if c["concept"] == "stepanakert")
    assert concept["issues"] == ["other name at the first mention: kept in hy, ru, dropped in az"]
    assert concept["languages"]["az"]["first_has_secondary"] is False
    assert concept["languages"]["hy"]["first_has_secondary"] is True
    assert concept["languages"]["az"]["violations"] == [
        'lacks the other name at its first mention: expected "Stepanakert (Xankəndi)"'
    ]
    assert data["disagreements"] == 1


def test_a_different_name_and_a_missing_name_are_reported(sample: Path):
    # ru calls the town by the Azerbaijani name alone, az loses Lachin altogether.
    replace_in(sample, "ru", 8, "Степанакерт (Ханкенди)", "Ханкенди")
    replace_in(sample, "az", 8, "Laçınla (Berdzor)", "şəhərlə")

    data = json.loads(audit("--locales", sample, "--json").stdout)
    by_id = {c["concept"]: c for c in data["concepts"]}
    assert by_id["stepanakert"]["issues"] == [
        "names differ: az, hy: Stepanakert; ru: Khankendi / Stepanakert",
        "other name at the first mention: kept in az, hy, dropped in ru",
    ]
    assert by_id["stepanakert"]["languages"]["ru"]["first"] == "Ханкенди"
    assert by_id["lachin"]["issues"] == ["az: 1 of 2 mentions missing"]
    assert by_id["lachin"]["languages"]["az"]["missing"] == 1
    assert by_id["lachin"]["languages"]["az"]["first"] is None  # the body's is missing


def test_untranslated_mentions_are_reported(sample: Path):
    path = sample / "hy" / "LC_MESSAGES" / "sample-article.po"
    po = polib.pofile(str(path), wrapwidth=76)
    next(e for e in po if e.occurrences[0][1] == "23").msgstr = ""
    po.save()
    report = audit_catalogs(sample, None, load_default_glossary())
    kalbajar = next(c for c in report.concepts if c.concept == "kalbajar")
    assert kalbajar.issues == ["hy: 1 of 1 mentions untranslated"]


def test_bad_locales_is_exit_2(tmp_path: Path):
    result = audit("--locales", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "no such locales directory" in result.stderr
