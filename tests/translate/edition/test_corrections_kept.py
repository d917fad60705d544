"""Corrections stay published (docs/editions.md, "Corrections"): every note an edition
printed is kept, with the words it quoted, in every later build, and a new correction is
added below the earlier ones; the English original of a multi-language build is an
edition too, recorded, reported by `catalog stats` and corrected in English."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from tests.translate.edition.test_corrections import (
    CORRECTED,
    FORMATS,
    LANGUAGES,
    SCHEMA,
    build,
    review,
    run,
    translate,
)
from tests.translate.edition.test_outdated import FIRST, SECOND

#: Corrected a second time: a paragraph put first (every line moves down by two) and the
#: late update's time changed.
THIRD = "Talks resumed in the evening.\n\n" + SECOND.replace("noon", "one o'clock")
#: The second note's first sentence, for 6 March 2026.
SECOND_NOTE = {
    "hy": "Այս հոդվածն ուղղվել է 6 մարտի 2026 թ.",
    "az": "Bu məqalə 6 mart 2026 tarixində düzəldilib.",
    "ru": "Статья исправлена 6 марта 2026\u00a0г.",
    "en": "This article was corrected on 6 March 2026.",
}
FIRST_NOTE = {**CORRECTED, "en": "This article was corrected on 5 March 2026."}
QUOTES = {"hy": ("«", "»"), "ru": ("«", "»"), "az": ("“", "”"), "en": ("“", "”")}
OPTIONS = ("--allow-fuzzy", "--min-reviewed", "0")


def extension(fmt: str) -> str:
    return "json" if fmt == "ninjs" else fmt


def words(path: Path, fmt: str) -> str:
    """The edition's text as a reader sees it (ninjs: its body; Markdown: no escapes)."""
    text = path.read_text(encoding="utf-8")
    if fmt == "ninjs":
        return json.loads(text)["bodies"][0]["value"]
    return text.replace("\\", "") if fmt == "md" else text


def quoted(language: str, text: str) -> str:
    opening, closing = QUOTES[language]
    prefix = "" if language == "en" else f"[{language}] "
    return f"{opening}{prefix}{text}{closing}"


def revise(tmp_path: Path, text: str, day: dt.date) -> Path:
    """The English changed to `text`, translated again, and every language reviewed."""
    article = tmp_path / "story.txt"
    locales = tmp_path / "locales"
    article.write_text(text, encoding="utf-8")
    translate(article, locales, day)
    for language in LANGUAGES:
        review(locales, language)
    return locales


def record_of(locales: Path) -> dict[tuple[str, str], dict[str, object]]:
    data = json.loads((locales / "story.editions.json").read_text(encoding="utf-8"))
    return {(e["language"], e["format"]): e for e in data["editions"]}


@pytest.fixture
def corrected_once(tmp_path: Path) -> Path:
    """Built in every format on 3 March; corrected (FIRST → SECOND) and built with
    --correction on 5 March."""
    locales = revise(tmp_path, FIRST, dt.date(2026, 3, 3))
    for fmt in FORMATS:
        assert build(locales, tmp_path / "site", fmt).exit_code == 0
    revise(tmp_path, SECOND, dt.date(2026, 3, 5))
    for fmt in FORMATS:
        result = build(locales, tmp_path / "site", fmt, *OPTIONS, "--correction")
        assert result.exit_code == 0, result.output
    return locales


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_second_correction_is_added_below_the_first_which_keeps_its_words(
    corrected_once: Path, tmp_path: Path, fmt: str
) -> None:
    site = tmp_path / "site"
    revise(tmp_path, THIRD, dt.date(2026, 3, 6))
    result = build(corrected_once, site, fmt, *OPTIONS, "--correction")
    assert result.exit_code == 0, result.output
    for language in (*LANGUAGES, "en"):
        text = words(site / f"story.{language}.{extension(fmt)}", fmt)
        first, second = text.index(FIRST_NOTE[language]), text.index(SECOND_NOTE[language])
        assert first < second, language  # oldest first, the new one below
        earlier, later = text[first:second], text[second:]
        # The first note quotes what it printed on 5 March, although that paragraph
        # has moved two lines down and its time was corrected since.
        assert quoted(language, "The ministry denied that the road is open.") in earlier
        assert quoted(language, "A late update: the crossing closed at noon.") in earlier
        assert quoted(language, "Talks resumed in the evening.") in later
        assert "closed at one" in later and "closed at noon" not in later
        assert text.count(FIRST_NOTE[language]) == 1
        if fmt in ("html", "ninjs"):  # one aside, a paragraph per note
            assert text.count('<aside class="correction" role="note">') == 1
            assert text.count("</p><p>" + SECOND_NOTE[language]) == 1
    if fmt == "ninjs":
        validator = jsonschema.Draft202012Validator(SCHEMA)
        for language in (*LANGUAGES, "en"):
            document = json.loads((site / f"story.{language}.json").read_text(encoding="utf-8"))
            assert [e.message for e in validator.iter_errors(document)] == []
    # The record holds both notes with the words they printed, in order.
    notes = record_of(corrected_once)[("hy", fmt)]["corrections"]
    assert isinstance(notes, list) and [n["date_text"] for n in notes] == [
        "5 մարտի 2026 թ.",
        "6 մարտի 2026 թ.",
    ]
    assert notes[0]["excerpts"] == [
        "«[hy] The ministry denied that the road is open.»",
        "«[hy] A late update: the crossing closed at noon.»",
    ]


def test_a_rebuild_without_correction_keeps_every_note(
    corrected_once: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    revise(tmp_path, THIRD, dt.date(2026, 3, 6))
    assert build(corrected_once, site, "html", *OPTIONS, "--correction").exit_code == 0
    before = {p.name: p.read_bytes() for p in site.glob("story.*.html")}
    again = build(corrected_once, site, "html", *OPTIONS)
    assert again.exit_code == 0, again.output
    assert {p.name: p.read_bytes() for p in site.glob("story.*.html")} == before
    # The English changes once more; built without --correction, the change is not
    # noted (and the command says so), but both notes stay.
    revise(tmp_path, THIRD.replace("evening", "night"), dt.date(2026, 3, 7))
    moved = build(corrected_once, site, "html", *OPTIONS)
    assert moved.exit_code == 0, moved.output
    assert "the en edition's words changed since it was built" in moved.stderr
    assert "earlier correction note(s) are kept" in moved.stderr
    for language in (*LANGUAGES, "en"):
        text = (site / f"story.{language}.html").read_text(encoding="utf-8")
        assert FIRST_NOTE[language] in text and SECOND_NOTE[language] in text
        assert quoted(language, "Talks resumed in the evening.") in text  # as printed then


def _old_shape(locales: Path) -> None:
    """The record as newsloc wrote it before every note was kept: one `correction`
    object per edition, holding line numbers, not words."""
    path = locales / "story.editions.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("indexes", None)
    data["editions"] = [e for e in data["editions"] if e["language"] != "en"]
    for edition in data["editions"]:
        notes = edition.pop("corrections")
        if notes:
            (note,) = notes
            edition["correction"] = {
                "date_text": note["date_text"],
                "lines": note["lines"],
                "removed": note["removed"],
            }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def test_a_record_with_one_correction_object_is_migrated(
    corrected_once: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    _old_shape(corrected_once)
    stats = run("catalog", "stats", "--locales", corrected_once, "--json")
    assert stats.exit_code == 0, stats.output
    # Rebuilt with nothing changed: the note is printed as before, and the record takes
    # the new shape, with the words the note quotes.
    result = build(corrected_once, site, "txt", *OPTIONS)
    assert result.exit_code == 0, result.output
    hy = (site / "story.hy.txt").read_text(encoding="utf-8")
    assert CORRECTED["hy"] in hy
    assert quoted("hy", "A late update: the crossing closed at noon.") in hy
    edition = record_of(corrected_once)[("hy", "txt")]
    assert "correction" not in edition
    (note,) = edition["corrections"]  # type: ignore[misc]
    assert note["excerpts"] == [
        "«[hy] The ministry denied that the road is open.»",
        "«[hy] A late update: the crossing closed at noon.»",
    ]
    # The next correction goes below it; the migrated note keeps its words.
    revise(tmp_path, THIRD, dt.date(2026, 3, 6))
    assert build(corrected_once, site, "txt", *OPTIONS, "--correction").exit_code == 0
    hy = (site / "story.hy.txt").read_text(encoding="utf-8")
    assert hy.index(CORRECTED["hy"]) < hy.index(SECOND_NOTE["hy"])
    assert quoted("hy", "A late update: the crossing closed at noon.") in hy


def test_an_old_record_whose_paragraphs_moved_follows_them(
    corrected_once: Path, tmp_path: Path
) -> None:
    _old_shape(corrected_once)
    revise(tmp_path, "Talks resumed in the evening.\n\n" + SECOND, dt.date(2026, 3, 6))
    result = build(corrected_once, tmp_path / "site", "md", *OPTIONS)
    assert result.exit_code == 0, result.output
    hy = words(tmp_path / "site" / "story.hy.md", "md")
    note = hy[hy.index(CORRECTED["hy"]) :]
    assert quoted("hy", "The ministry denied that the road is open.") in note
    assert quoted("hy", "A late update: the crossing closed at noon.") in note
    assert "Talks resumed" not in note  # the note's lines were followed, not reused


def stats_rows(locales: Path) -> dict[str, dict[str, object]]:
    result = run("catalog", "stats", "--locales", locales, "--json")
    assert result.exit_code == 0, result.output
    return {row["language"]: row for row in json.loads(result.stdout)}


def test_stats_report_the_english_original_out_of_date(tmp_path: Path) -> None:
    locales = revise(tmp_path, FIRST, dt.date(2026, 3, 3))
    assert "en" not in stats_rows(locales)  # no English original built yet
    assert build(locales, tmp_path / "site", "html").exit_code == 0
    english = stats_rows(locales)["en"]
    assert english["original"] is True and english["entries"] == 3
    assert english["edition"]["status"] == "current"  # type: ignore[index]
    # A reviewer rewords a translation: the English original is not behind.
    review(locales, "hy", Officials="[hy] Officials declined to give figures.")
    rows = stats_rows(locales)
    assert rows["hy"]["edition"]["status"] == "out of date"  # type: ignore[index]
    assert rows["en"]["edition"]["status"] == "current"  # type: ignore[index]
    # The English is corrected: the English original is out of date, and says where.
    revise(tmp_path, SECOND, dt.date(2026, 3, 5))
    edition = stats_rows(locales)["en"]["edition"]
    assert isinstance(edition, dict)
    assert edition["status"] == "out of date" and edition["source_changed"] == 2
    assert [(c["change"], Path(c["reference"]).name) for c in edition["changes"]] == [
        ("source", "story.txt:1"),
        ("added", "story.txt:5"),
    ]
    assert edition["formats"]["html"]["file"].endswith("story.en.html")
    table = run("catalog", "stats", "--locales", locales)
    progress, changed = table.stdout.split("paragraphs changed since the editions were built")
    rows_text = [line for line in progress.splitlines() if line.startswith("│ en ")]
    assert len(rows_text) == 1 and "out of date: 2 source" in rows_text[0]
    assert "–" in rows_text[0]  # nothing to review in the original
    assert sum(line.startswith("│ en ") for line in changed.splitlines()) == 2


def test_edition_build_json_carries_the_english_note(tmp_path: Path) -> None:
    locales = revise(tmp_path, FIRST, dt.date(2026, 3, 3))
    assert build(locales, tmp_path / "site", "md").exit_code == 0
    revise(tmp_path, SECOND, dt.date(2026, 3, 5))
    result = build(locales, tmp_path / "site", "md", "--correction", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    english = summary["original_edition"]
    assert english["since_last_build"]["status"] == "out of date"
    assert english["correction"]["date"] == "5 March 2026"
    assert english["correction"]["excerpts"] == [
        "“The ministry denied that the road is open.”",
        "“A late update: the crossing closed at noon.”",
    ]
    hy = next(e for e in summary["editions"] if e["language"] == "hy")
    assert hy["correction"]["date"] == "5 մարտի 2026 թ."
    assert [note["date"] for note in hy["corrections"]] == ["5 մարտի 2026 թ."]
    # Built again with nothing changed: no new note, the one printed is kept.
    again = json.loads(build(locales, tmp_path / "site", "md", "--json").stdout)
    assert again["original_edition"]["correction"] is None
    assert [n["date"] for n in again["original_edition"]["corrections"]] == ["5 March 2026"]
