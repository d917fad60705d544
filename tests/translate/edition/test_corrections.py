"""Issue 22, corrections: when the article changes after its editions were built, `catalog
stats` and `edition build` say which editions are out of date and which paragraphs
changed, and `edition build --correction` ends each such edition with a note in its own
language (docs/editions.md, "Corrections")."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from newsloc.base.po.conventions import read_catalogue
from newsloc.base.po.writer import format_catalogue
from newsloc.translate.cli import app
from newsloc.translate.pipeline import RunSettings, translate_article
from tests.conftest import REPO
from tests.support.fake_engine import fake_factory
from tests.translate.edition.test_outdated import FIRST, SECOND

runner = CliRunner()
LANGUAGES = ("hy", "az", "ru")
FORMATS = ("html", "md", "txt", "ninjs")
SCHEMA = json.loads(
    (REPO / "tests/translate/data/ninjs/ninjs-schema_3.1.json").read_text(encoding="utf-8")
)

#: The story, then its correction (paragraph 1 says the opposite now) and a paragraph added.

#: The note's first sentence in each language, for 5 March 2026.
CORRECTED = {
    "hy": "Այս հոդվածն ուղղվել է 5 մարտի 2026 թ.",
    "az": "Bu məqalə 5 mart 2026 tarixində düzəldilib.",
    "ru": "Статья исправлена 5 марта 2026\u00a0г.",
}
#: The note's list of changed paragraphs begins so.
CHANGED = {
    "hy": "Ուղղված կամ ավելացված պարբերություններ.",
    "az": "Düzəldilmiş və ya əlavə edilmiş abzaslar:",
    "ru": "Исправлены или добавлены абзацы:",
}


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def po_path(locales: Path, language: str) -> Path:
    return locales / language / "LC_MESSAGES" / "story.po"


def review(locales: Path, language: str, **rewrite: str) -> None:
    """A reviewer approves every entry of `language`; `rewrite` maps the first word of a
    paragraph to the reviewer's new wording of it."""
    path = po_path(locales, language)
    po = read_catalogue(path)
    for entry in po:
        if entry.obsolete:
            continue
        first = entry.msgid.split()[0]
        if first in rewrite:
            entry.msgstr = rewrite[first]
        elif not entry.msgstr or entry.fuzzy:
            entry.msgstr = f"[{language}] {entry.msgid}"
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        entry.previous_msgid = None
    path.write_text(format_catalogue(po), encoding="utf-8")


def translate(article: Path, locales: Path, day: dt.date) -> None:
    translate_article(
        article,
        RunSettings(list(LANGUAGES), out=locales, engine_factory=fake_factory(), article_date=day),
        domain="story",
    )


def build(locales: Path, out: Path, fmt: str, *extra: object):
    return run(
        "edition", "build", "--all", "--locales", locales, "--out", out, "--format", fmt,
        "--allow-unreviewed-names", *extra,
    )  # fmt: skip


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """The story built in every format (all reviewed); then the English corrected (one
    paragraph changed, one added) and translated again; a reviewer updates hy only, and
    also rewords the hy translation of a paragraph whose English did not change."""
    article = tmp_path / "story.txt"
    locales = tmp_path / "locales"
    article.write_text(FIRST, encoding="utf-8")
    translate(article, locales, dt.date(2026, 3, 3))
    for language in LANGUAGES:
        review(locales, language)
    for fmt in FORMATS:
        result = build(locales, tmp_path / "site", fmt)
        assert result.exit_code == 0, result.output
    article.write_text(SECOND, encoding="utf-8")
    translate(article, locales, dt.date(2026, 3, 5))
    review(locales, "hy", Officials="[hy] Officials declined to give figures.")
    return locales


def stats_json(locales: Path) -> dict[str, dict[str, object]]:
    result = run("catalog", "stats", "--locales", locales, "--json")
    assert result.exit_code == 0, result.output
    return {row["language"]: row["edition"] for row in json.loads(result.stdout)}


def test_a_fresh_build_is_recorded_beside_the_catalogues_and_is_current(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    locales = tmp_path / "locales"
    article.write_text(FIRST, encoding="utf-8")
    translate(article, locales, dt.date(2026, 3, 3))
    assert {row["status"] for row in stats_json(locales).values()} == {"not built"}
    for language in LANGUAGES:
        review(locales, language)
    assert build(locales, tmp_path / "site", "md").exit_code == 0
    record = json.loads((locales / "story.editions.json").read_text(encoding="utf-8"))
    assert record["format"] == "newsloc-editions/1" and record["domain"] == "story"
    assert sorted((e["language"], e["format"]) for e in record["editions"]) == [
        ("az", "md"),
        ("en", "md"),  # the English original is an edition too
        ("hy", "md"),
        ("ru", "md"),
    ]
    # The index page prints no paragraph: recorded only to say it exists.
    assert [(i["format"], Path(i["file"]).name) for i in record["indexes"]] == [
        ("md", "story.index.md")
    ]
    hy = next(e for e in record["editions"] if e["language"] == "hy")
    assert hy["date"] == "2026-03-03" and hy["file"].endswith("story.hy.md")
    assert [Path(p["reference"]).name for p in hy["paragraphs"]] == [
        "story.txt:1",
        "story.txt:3",
        "story.txt:5",
    ]
    assert {p["origin"] for p in hy["paragraphs"]} == {"reviewed"}
    assert all(len(p["source"]) == 64 and len(p["text"]) == 64 for p in hy["paragraphs"])
    assert {row["status"] for row in stats_json(locales).values()} == {"current"}


def test_stats_say_which_editions_are_out_of_date_and_which_paragraphs_changed(
    desk: Path,
) -> None:
    editions = stats_json(desk)
    for language in LANGUAGES:
        edition = editions[language]
        assert edition["status"] == "out of date", language
        assert edition["source_changed"] == 2
        assert set(edition["formats"]) == set(FORMATS)
    changes = {
        language: [(c["change"], Path(c["reference"]).name) for c in editions[language]["changes"]]
        for language in LANGUAGES
    }
    assert changes["hy"] == [
        ("source", "story.txt:1"),
        ("added", "story.txt:5"),
        ("translation", "story.txt:7"),
    ]
    assert editions["hy"]["translations_changed"] == 1
    for language in ("az", "ru"):  # the reviewer has not been here: only the English moved
        assert changes[language] == [("source", "story.txt:1"), ("added", "story.txt:5")]
        assert editions[language]["translations_changed"] == 0
    first = editions["hy"]["changes"][0]
    assert first["starts_with"] == "The ministry denied that the road is open."
    assert first["msgctxt"] is None and first["lines"] == [1]


def test_stats_table_has_an_edition_column_and_lists_the_changes(desk: Path) -> None:
    result = run("catalog", "stats", "--locales", desk)
    assert result.exit_code == 0, result.output
    progress, changed = result.stdout.split("paragraphs changed since the editions were built")
    rows = {line.split("│")[1].strip(): line for line in progress.splitlines() if "│" in line}
    assert "edition" in progress.splitlines()[2]  # the heading line
    assert "out of date: 2 source, 1 translation" in rows["hy"]
    assert "out of date: 2 source" in rows["az"] and "translation" not in rows["az"]
    # The English original has a row of its own: nothing to review, its edition behind.
    assert "out of date: 2 source" in rows["en"] and "–" in rows["en"]
    listed = [line for line in changed.splitlines() if "story.txt:" in line]
    assert len(listed) == 3 + 2 + 2 + 2  # hy, az, ru, en
    assert any("hy" in line and "translation changed" in line for line in listed)
    added = [line for line in listed if "paragraph added" in line]
    assert any("ru" in line and "A late update" in line for line in added)


def test_edition_build_lists_what_changed_before_writing(desk: Path, tmp_path: Path) -> None:
    result = build(desk, tmp_path / "site", "md", "--allow-fuzzy", "--min-reviewed", "0")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for language in (*LANGUAGES, "en"):  # the English original is listed too
        assert f"{language}: changed since story.{language}.md was built" in out
    assert out.count("source changed") == 4 and out.count("paragraph added") == 4
    assert out.count("translation changed") == 1
    assert out.index("changed since") < out.index("story.hy.md")  # before the paths written
    # Built again, the editions are current: nothing to say.
    again = build(desk, tmp_path / "site", "md", "--allow-fuzzy", "--min-reviewed", "0")
    assert "changed since" not in again.stdout
    assert stats_json(desk)["hy"]["formats"]["md"]["status"] == "current"
    assert stats_json(desk)["hy"]["formats"]["html"]["status"] == "out of date"


def test_edition_build_json_carries_the_changes(desk: Path, tmp_path: Path) -> None:
    result = build(desk, tmp_path / "site", "txt", "--allow-fuzzy", "--min-reviewed", "0", "--json")
    assert result.exit_code == 0, result.output
    summaries = {e["language"]: e for e in json.loads(result.stdout)["editions"]}
    since = summaries["hy"]["since_last_build"]
    assert since["status"] == "out of date"
    assert [c["change"] for c in since["changes"]] == ["source", "added", "translation"]
    assert summaries["hy"]["correction"] is None


def _note(text: str, fmt: str) -> str:
    if fmt == "ninjs":
        return json.loads(text)["bodies"][0]["value"]
    if fmt == "md":  # the words, without Markdown's escapes
        return text.replace("\\", "")
    return text


@pytest.mark.parametrize("fmt", FORMATS)
def test_correction_puts_a_note_in_each_editions_language(
    desk: Path, tmp_path: Path, fmt: str
) -> None:
    site = tmp_path / "site"
    result = build(desk, site, fmt, "--allow-fuzzy", "--min-reviewed", "0", "--correction")
    assert result.exit_code == 0, result.output
    extension = "json" if fmt == "ninjs" else fmt
    for language in LANGUAGES:
        text = _note((site / f"story.{language}.{extension}").read_text(encoding="utf-8"), fmt)
        assert CORRECTED[language] in text, (language, text)
        assert CHANGED[language] in text
        assert "corrected on" not in text  # no English sentence of newsloc's
        if fmt in ("html", "ninjs"):
            assert '<aside class="correction" role="note">' in text
    hy = _note((site / f"story.hy.{extension}").read_text(encoding="utf-8"), fmt)
    # The changed, the added and the re-worded paragraph, as the edition prints them.
    assert "«[hy] The ministry denied" in hy and "«[hy] A late update" in hy
    assert "«[hy] Officials declined" in hy
    ru = _note((site / f"story.ru.{extension}").read_text(encoding="utf-8"), fmt)
    assert "Officials" not in ru.split(CHANGED["ru"])[1]  # unchanged in ru: not listed
    # The English original was corrected too: it gets its note, in English.
    original = _note((site / f"story.en.{extension}").read_text(encoding="utf-8"), fmt)
    assert "This article was corrected on 5 March 2026." in original
    assert "“The ministry denied that the road is open.”" in original
    assert "“A late update: the crossing closed at noon.”" in original
    assert "Officials" not in original.split("corrected on")[1]  # its words did not change
    if fmt == "ninjs":
        validator = jsonschema.Draft202012Validator(SCHEMA)
        for language in (*LANGUAGES, "en"):
            document = json.loads((site / f"story.{language}.json").read_text(encoding="utf-8"))
            assert [e.message for e in validator.iter_errors(document)] == []


def test_the_note_is_kept_on_a_rebuild_and_after_the_article_moves_on(
    desk: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    options = ("--allow-fuzzy", "--min-reviewed", "0")
    assert build(desk, site, "txt", *options, "--correction").exit_code == 0
    again = build(desk, site, "txt", *options)  # nothing changed: the note stays
    assert again.exit_code == 0, again.output
    assert CORRECTED["hy"] in (site / "story.hy.txt").read_text(encoding="utf-8")
    nothing = build(desk, site, "txt", *options, "--correction")
    assert "no paragraph changed since the hy edition" in nothing.stderr
    assert CORRECTED["hy"] in (site / "story.hy.txt").read_text(encoding="utf-8")
    # The English changes again; built without --correction, the change is not noted
    # (the command says so), but the published note stays: it is never withdrawn.
    article = desk.parent / "story.txt"
    article.write_text(SECOND.replace("noon", "one o'clock"), encoding="utf-8")
    translate(article, desk, dt.date(2026, 3, 6))
    moved = build(desk, site, "txt", *options)
    assert moved.exit_code == 0, moved.output
    assert "the hy edition's words changed since it was built and no correction" in moved.stderr
    hy = (site / "story.hy.txt").read_text(encoding="utf-8")
    assert hy.count(CORRECTED["hy"]) == 1 and "Այս հոդվածն ուղղվել է 6" not in hy


def test_a_note_dated_like_the_edition_it_corrects_is_warned_about(
    desk: Path, tmp_path: Path
) -> None:
    result = build(
        desk, tmp_path / "site", "md", "--allow-fuzzy", "--min-reviewed", "0", "--correction",
        "--date", "2026-03-03",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "the date of the hy edition it corrects" in result.stderr


def test_correction_without_a_date_is_refused_in_one_line(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    locales = tmp_path / "locales"
    article.write_text(FIRST, encoding="utf-8")
    translate_article(
        article, RunSettings(["hy"], out=locales, engine_factory=fake_factory()), domain="story"
    )
    review(locales, "hy")
    site = tmp_path / "site"
    one = ("edition", "build", "--lang", "hy", "--locales", locales, "--out", site)
    assert run(*one).exit_code == 0
    article.write_text(SECOND, encoding="utf-8")
    translate_article(
        article, RunSettings(["hy"], out=locales, engine_factory=fake_factory()), domain="story"
    )
    review(locales, "hy")
    before = (site / "story.hy.md").read_bytes()
    result = run(*one, "--correction")
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.strip().splitlines()
    assert "--correction" in line and "--date" in line and "Traceback" not in result.output
    assert (site / "story.hy.md").read_bytes() == before


@pytest.mark.parametrize("garbage", [b"{not json", b'{"format": "something else"}', b"\xff\xfe"])
def test_a_corrupt_record_is_a_one_line_error_naming_it(
    desk: Path, tmp_path: Path, garbage: bytes
) -> None:
    record = desk / "story.editions.json"
    record.write_bytes(garbage)
    for args in (
        ("catalog", "stats", "--locales", desk),
        ("edition", "build", "--all", "--locales", desk, "--out", tmp_path / "s2",
         "--allow-fuzzy", "--min-reviewed", "0", "--allow-unreviewed-names"),
    ):  # fmt: skip
        result = run(*args)
        assert result.exit_code == 2, result.output
        (line,) = result.stderr.strip().splitlines()
        assert str(record) in line and "move it aside" in line
    assert not (tmp_path / "s2").exists()
    assert record.read_bytes() == garbage


def test_a_record_leading_outside_the_locales_folder_is_refused(desk: Path, tmp_path: Path) -> None:
    record = desk / "story.editions.json"
    outside = tmp_path / "elsewhere.json"
    outside.write_bytes(record.read_bytes())
    record.unlink()
    record.symlink_to(outside)
    before = outside.read_bytes()
    result = build(desk, tmp_path / "s2", "md", "--allow-fuzzy", "--min-reviewed", "0")
    assert result.exit_code == 2, result.output
    assert "leads outside" in result.stderr
    assert outside.read_bytes() == before
    assert not (tmp_path / "s2").exists() or list((tmp_path / "s2").iterdir()) == []


def test_a_full_disk_writes_neither_the_editions_nor_the_record(
    desk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    record = desk / "story.editions.json"
    before = record.read_bytes()
    real_write = os.write
    calls: list[int] = []

    def fills_up(fd: int, data: object) -> int:
        calls.append(fd)
        if len(calls) > 5:  # room for every page, not for the record
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)  # type: ignore[arg-type]

    site = tmp_path / "s2"
    monkeypatch.setattr(os, "write", fills_up)
    result = build(desk, site, "md", "--allow-fuzzy", "--min-reviewed", "0")
    monkeypatch.undo()
    assert result.exit_code == 2, result.output
    assert "nothing was written" in result.stderr
    assert record.read_bytes() == before
    assert list(site.rglob("*")) == []


def _state(source: str, text: str = "t", origin: str = "reviewed", context: str | None = None):
    from newsloc.translate.edition.record import ParagraphState, digest

    return ParagraphState(
        context, digest(source), digest(text), origin, f"a.txt:{source}", (1,), source
    )


def test_paragraphs_are_paired_by_their_place_in_the_article() -> None:
    from newsloc.translate.edition.record import compare

    before = [_state("1"), _state("2"), _state("3", origin="machine"), _state("4")]
    now = [_state("1", text="new"), _state("2b"), _state("3"), _state("5"), _state("6")]
    kinds = [(c.kind.key, c.starts_with) for c in compare(before, now)]
    assert kinds == [
        ("translation", "1"),  # same English, other words
        ("source", "2b"),  # between two unchanged paragraphs: the same one, corrected
        ("review", "3"),  # same words, reviewed since
        ("source", "5"),
        ("added", "6"),
    ]
    # A stretch of another kind (a caption where a body paragraph was) is not a correction
    # of it: one removed, one added.
    kinds = [c.kind.key for c in compare([_state("x")], [_state("y", context="caption")])]
    assert kinds == ["removed", "added"]


def test_a_removed_paragraph_is_counted_in_the_note(desk: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    options = ("--allow-fuzzy", "--min-reviewed", "0")
    assert build(desk, site, "txt", *options).exit_code == 0
    article = desk.parent / "story.txt"
    article.write_text(SECOND.replace("Convoys crossed on Tuesday.\n\n", ""), encoding="utf-8")
    translate(article, desk, dt.date(2026, 3, 7))
    result = build(desk, site, "txt", *options, "--correction")
    assert result.exit_code == 0, result.output
    assert "paragraph removed" in result.stdout and "Convoys" in result.stdout
    ru = (site / "story.ru.txt").read_text(encoding="utf-8")
    assert "Статья исправлена 7 марта 2026\u00a0г." in ru
    assert "Удалено абзацев прежней версии: 1." in ru
    assert "Исправлены или добавлены" not in ru and "Исправлен или добавлен" not in ru
