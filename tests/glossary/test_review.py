"""Glossary review as gettext: the catalogue reviewers get, and their edits applied back.

A review import must change exactly the edited value in the TOML file, byte for byte,
and refuse anything it cannot apply without touching the file.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from importlib import metadata
from pathlib import Path

import polib
import pytest

from newsloc.base.errors import NewslocError
from newsloc.glossary.errors import GlossaryError
from newsloc.glossary.exchange import export_review, import_review
from newsloc.glossary.loader import load_glossary
from tests.glossary.test_exchange import SAMPLE_TOML, write_sample

NOW = dt.datetime(2026, 11, 24, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def glossary_file(tmp_path: Path) -> Path:
    return write_sample(tmp_path)


def review_file(glossary_file: Path, language: str, edits: dict[str, str]) -> Path:
    """A review catalogue for `language` with msgstr edited per msgctxt, as Poedit saves it."""
    catalogue = polib.pofile(export_review(load_glossary(glossary_file), language, NOW))
    for entry in catalogue:
        if entry.msgctxt in edits:
            entry.msgstr = edits[entry.msgctxt]
    path = glossary_file.parent / f"review-{language}.po"
    catalogue.save(str(path))
    return path


# ---------------------------------------------------------------- export


def test_review_catalogue_has_one_entry_per_name_with_context(glossary_file: Path) -> None:
    catalogue = polib.pofile(export_review(load_glossary(glossary_file), "ru", NOW))
    assert [(e.msgctxt, e.msgid, e.msgstr) for e in catalogue] == [
        ("stepanakert|Stepanakert", "Stepanakert", "Степанакерт"),
        ("stepanakert|Khankendi", "Khankendi", "Ханкенди"),
        ("baku|Baku", "Baku", "Баку"),
        ("georgia|Georgia", "Georgia", "Грузия"),
        ("nagorno-karabakh|Nagorno-Karabakh", "Nagorno-Karabakh", "Нагорный Карабах"),
    ]
    assert not any(entry.fuzzy for entry in catalogue)


def test_review_comments_show_what_a_reviewer_needs(glossary_file: Path) -> None:
    catalogue = polib.pofile(export_review(load_glossary(glossary_file), "ru", NOW))
    stepanakert = catalogue.find("Stepanakert", msgctxt="stepanakert|Stepanakert")
    comments = stepanakert.comment.splitlines()
    assert "kind: city" in comments
    assert "source: https://example.org/names" in comments
    assert "contested: also called Khankendi (Ханкенди); both names are kept" in comments
    assert "gen: Степанакерта" in comments and "loc: Степанакерте" in comments
    assert "variants (detected, never written): Стефанакерт" in comments
    assert any(c.startswith("note: Armenian name Stepanakert") for c in comments)
    khankendi = catalogue.find("Khankendi", msgctxt="stepanakert|Khankendi")
    assert "English spellings: Khankandi; Xankandi" in khankendi.comment.splitlines()
    georgia = catalogue.find("Georgia", msgctxt="georgia|Georgia")
    assert any(line.startswith("ambiguous:") for line in georgia.comment.splitlines())


@pytest.mark.parametrize(
    ("language", "plural"),
    [
        ("hy", "nplurals=2; plural=(n > 1);"),
        ("az", "nplurals=2; plural=(n != 1);"),
        ("ru", "nplurals=3;"),
    ],
)
def test_review_headers(glossary_file: Path, language: str, plural: str) -> None:
    catalogue = polib.pofile(export_review(load_glossary(glossary_file), language, NOW))
    headers = catalogue.metadata
    assert headers["Language"] == language
    assert headers["Plural-Forms"].startswith(plural)
    assert headers["Content-Type"] == "text/plain; charset=UTF-8"
    assert headers["X-Generator"] == f"newsloc {metadata.version('newsloc')}"
    assert headers["X-Glossary-Version"] == "2026.11"
    assert headers["PO-Revision-Date"] == "2026-11-24 09:30+0000"


def test_only_concepts_with_the_language_are_reviewed(glossary_file: Path) -> None:
    catalogue = polib.pofile(export_review(load_glossary(glossary_file), "hy", NOW))
    assert "georgia|Georgia" not in {entry.msgctxt for entry in catalogue}  # targets = ["ru"]
    with pytest.raises(GlossaryError, match="no target language 'fr'"):
        export_review(load_glossary(glossary_file), "fr")


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext msgfmt not installed")
@pytest.mark.parametrize("language", ["hy", "az", "ru"])
def test_review_catalogue_passes_msgfmt_check(glossary_file: Path, language: str) -> None:
    po = glossary_file.parent / f"{language}.po"
    po.write_text(export_review(load_glossary(glossary_file), language), encoding="utf-8")
    checked = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr == ""


# ---------------------------------------------------------------- import


def test_review_import_changes_only_the_edited_values(glossary_file: Path) -> None:
    po = review_file(
        glossary_file,
        "ru",
        {"stepanakert|Khankendi": "Ханкенди-Новый", "baku|Baku": "Баку"},  # Baku unchanged
    )
    result = import_review(po, glossary_file)
    assert [str(change) for change in result.changes] == [
        "stepanakert Khankendi ru: Ханкенди → Ханкенди-Новый"
    ]
    assert result.written
    expected = SAMPLE_TOML.replace('ru.Khankendi = "Ханкенди"', 'ru.Khankendi = "Ханкенди-Новый"')
    assert glossary_file.read_text(encoding="utf-8") == expected  # comments and layout kept


def test_review_import_of_a_table_form_keeps_its_other_cases(glossary_file: Path) -> None:
    po = review_file(glossary_file, "az", {"stepanakert|Stepanakert": "Stepanakert şəhəri"})
    result = import_review(po, glossary_file)
    (change,) = result.changes
    assert change.kept_cases == ("gen", "dat", "acc", "loc", "abl")
    expected = SAMPLE_TOML.replace(
        'az.Stepanakert = { nom = "Stepanakert",', 'az.Stepanakert = { nom = "Stepanakert şəhəri",'
    )
    assert glossary_file.read_text(encoding="utf-8") == expected
    forms = load_glossary(glossary_file).concept("stepanakert").forms_of("az", "Stepanakert")
    assert forms.nom == "Stepanakert şəhəri" and forms.cases["gen"] == "Stepanakertin"


def test_empty_or_unchanged_msgstr_and_fuzzy_entries_change_nothing(glossary_file: Path) -> None:
    po = review_file(glossary_file, "ru", {"baku|Baku": ""})
    catalogue = polib.pofile(str(po))
    fuzzy = catalogue.find("Georgia", msgctxt="georgia|Georgia")
    fuzzy.msgstr, fuzzy.flags = "Грузия (страна)", ["fuzzy"]
    catalogue.save(str(po))
    result = import_review(po, glossary_file)
    assert result.changes == [] and not result.written
    assert any("marked fuzzy" in warning for warning in result.warnings)
    assert glossary_file.read_text(encoding="utf-8") == SAMPLE_TOML


def test_dry_run_reports_but_does_not_write(glossary_file: Path) -> None:
    po = review_file(glossary_file, "hy", {"baku|Baku": "Բաքուն"})
    result = import_review(po, glossary_file, dry_run=True)
    assert [change.new for change in result.changes] == ["Բաքուն"]
    assert not result.written
    assert glossary_file.read_text(encoding="utf-8") == SAMPLE_TOML


def test_unknown_concept_and_name_are_refused_with_po_line(glossary_file: Path) -> None:
    po = review_file(glossary_file, "ru", {"baku|Baku": "Бакы"})
    text = po.read_text(encoding="utf-8")
    text = text.replace('msgctxt "georgia|Georgia"', 'msgctxt "tbilisi|Tbilisi"')
    text = text.replace('msgctxt "stepanakert|Khankendi"', 'msgctxt "stepanakert|Xankendi"')
    po.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        import_review(po, glossary_file)
    problems = caught.value.problems
    assert len(problems) == 2
    assert problems[0].startswith(f"{po}:")
    assert "stepanakert: no such name in msgctxt 'stepanakert|Xankendi'" in problems[0]
    assert "tbilisi: no such concept" in problems[1]
    assert glossary_file.read_text(encoding="utf-8") == SAMPLE_TOML  # nothing half-applied


def test_a_catalogue_with_a_broken_string_is_refused_not_truncated(glossary_file: Path) -> None:
    """polib alone would read `msgstr "Ханкенди-Нов` as a shorter name and write it back."""
    po = review_file(glossary_file, "ru", {"stepanakert|Khankendi": "Ханкенди-Новый"})
    text = po.read_text(encoding="utf-8").replace('"Ханкенди-Новый"', '"Ханкенди-Новый')
    po.write_text(text, encoding="utf-8")
    with pytest.raises(
        NewslocError,
        match=r"\.po:\d+: not a readable gettext catalogue: "
        "unterminated string",
    ):
        import_review(po, glossary_file)
    assert glossary_file.read_text(encoding="utf-8") == SAMPLE_TOML


def test_catalogue_without_a_glossary_language_is_refused(glossary_file: Path) -> None:
    po = review_file(glossary_file, "ru", {})
    text = po.read_text(encoding="utf-8").replace('"Language: ru\\n"\n', "")
    po.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError, match="no Language header"):
        import_review(po, glossary_file)
    po.write_text(text.replace("MIME-Version", 'Language: de\\n"\n"MIME-Version'), "utf-8")
    with pytest.raises(GlossaryError, match="Language 'de' is not supported"):
        import_review(po, glossary_file)


def test_a_regional_language_header_means_its_language(glossary_file: Path) -> None:
    # Poedit writes `ru_RU`; `glossary check` already read it as ru, and so must import.
    po = review_file(glossary_file, "ru", {"stepanakert|Khankendi": "Ханкенды"})
    text = po.read_text(encoding="utf-8").replace('"Language: ru\\n"', '"Language: ru_RU\\n"')
    assert "ru_RU" in text
    po.write_text(text, encoding="utf-8")
    result = import_review(po, glossary_file)
    assert result.language == "ru"
    assert "Ханкенды" in glossary_file.read_text(encoding="utf-8")


def test_a_review_of_another_glossary_version_warns(glossary_file: Path) -> None:
    po = review_file(glossary_file, "ru", {"baku|Baku": "Бакы"})
    glossary_file.write_text(
        SAMPLE_TOML.replace('version = "2026.11"', 'version = "2026.12"'), encoding="utf-8"
    )
    result = import_review(po, glossary_file)
    assert any("reviewed against glossary version 2026.11" in w for w in result.warnings)
    assert load_glossary(glossary_file).concept("baku").forms_of("ru", "Baku").nom == "Бакы"


def test_review_into_an_invalid_glossary_is_refused(glossary_file: Path) -> None:
    po = review_file(glossary_file, "ru", {"baku|Baku": "Бакы"})
    broken = SAMPLE_TOML.replace('id = "baku"', 'id = "stepanakert"')
    glossary_file.write_text(broken, encoding="utf-8")
    with pytest.raises(GlossaryError, match="duplicate id 'stepanakert'"):
        import_review(po, glossary_file)
    assert glossary_file.read_text(encoding="utf-8") == broken
