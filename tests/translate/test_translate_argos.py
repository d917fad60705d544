"""The whole `newsloc translate` path on genuine tiny Argos packages built by the tests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from newsloc.translate.cli import app
from newsloc.translate.models.packages import packages_dir

runner = CliRunner()
SPEC_EXAMPLE = Path(__file__).resolve().parents[1] / "glossary" / "fixtures" / "spec-example.toml"


@pytest.fixture()
def spec_glossary() -> Path:
    """The glossary contract's own example file: Stepanakert/Khankendi and Baku."""
    return SPEC_EXAMPLE


def translate(seed_article: Path, out: Path, glossary: Path, *extra: str):
    return runner.invoke(
        app,
        [
            "translate",
            str(seed_article),
            "--to",
            "hy,az,ru",
            "--out",
            str(out),
            "--glossary",
            str(glossary),
            "--json",
            *extra,
        ],
    )


def catalogue(out: Path, lang: str) -> polib.POFile:
    return polib.pofile(str(out / lang / "LC_MESSAGES" / "seed-article.po"))


@pytest.mark.usefixtures("installed_argos_packages")
def test_every_entry_gets_a_fuzzy_machine_translation(
    tmp_path: Path, seed_article: Path, spec_glossary: Path
) -> None:
    out = tmp_path / "loc"
    result = translate(seed_article, out, spec_glossary)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    for lang in report["languages"]:
        assert lang["machine_translated"] == 11 and lang["untranslated"] == 0
        assert lang["engine"].startswith(f"argos en→{lang['language']} 1.0")
    for lang in ("hy", "az", "ru"):
        for entry in catalogue(out, lang):
            assert entry.msgstr.strip(), entry.msgid
            assert "fuzzy" in entry.flags
            assert entry.tcomment.startswith(f"machine translation: argos en→{lang} 1.0")
        first = catalogue(out, lang)[0]
        assert first.msgstr.startswith("(Reuters) –")  # the dateline is never translated


@pytest.mark.usefixtures("installed_argos_packages")
def test_runs_are_deterministic(tmp_path: Path, seed_article: Path, spec_glossary: Path) -> None:
    translate(seed_article, tmp_path / "a", spec_glossary)
    translate(seed_article, tmp_path / "b", spec_glossary)
    for lang in ("hy", "az", "ru"):
        a = [(e.msgid, e.msgstr) for e in catalogue(tmp_path / "a", lang)]
        b = [(e.msgid, e.msgstr) for e in catalogue(tmp_path / "b", lang)]
        assert a == b


@pytest.mark.usefixtures("installed_argos_packages")
def test_glossary_notes_and_problems_reach_the_catalogue(
    tmp_path: Path, seed_article: Path, spec_glossary: Path
) -> None:
    out = tmp_path / "loc"
    translate(seed_article, out, spec_glossary)
    entry = next(e for e in catalogue(out, "ru") if "Stepanakert" in e.msgid)
    assert "glossary: stepanakert: Stepanakert → Степанакерт" in entry.comment
    # The seed names both Stepanakert and Khankendi: each renders its own name, no secondary.
    assert "(Ханкенди)" not in entry.msgstr
    # A random-weight model cannot have written the names: the entry says what is missing
    # or where attention placed them.
    assert "glossary:" in entry.tcomment


@pytest.mark.usefixtures("installed_argos_packages")
def test_reviewed_entries_are_never_retranslated(
    tmp_path: Path, seed_article: Path, spec_glossary: Path
) -> None:
    out = tmp_path / "loc"
    translate(seed_article, out, spec_glossary)
    po = catalogue(out, "hy")
    po[1].msgstr = "Ստեփանակերտում լսվել են ուժեղ հրետակոծության ձայներ։"
    po[1].flags = []
    po.save()
    translate(seed_article, out, spec_glossary)
    again = catalogue(out, "hy")
    assert again[1].msgstr == "Ստեփանակերտում լսվել են ուժեղ հրետակոծության ձայներ։"
    assert again[1].flags == []


def test_a_missing_pair_names_the_install_command_and_others_still_translate(
    tmp_path: Path,
    seed_article: Path,
    spec_glossary: Path,
    installed_argos_packages: dict[str, Path],
) -> None:
    hidden = tmp_path / "hidden-az"
    shutil.move(installed_argos_packages["az"], hidden)
    try:
        out = tmp_path / "loc"
        result = translate(seed_article, out, spec_glossary)
    finally:
        shutil.move(hidden, packages_dir() / installed_argos_packages["az"].name)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(warnings) == 1 and warnings[0].startswith("newsloc: warning: az: ")
    assert "newsloc models install az" in warnings[0]
    report = {r["language"]: r for r in json.loads(result.stdout)["languages"]}
    assert report["az"]["untranslated"] == 11 and report["ru"]["machine_translated"] == 11
    assert all(not e.msgstr for e in catalogue(out, "az"))
