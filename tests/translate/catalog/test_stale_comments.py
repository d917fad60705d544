"""Issue 19, "stale comments on reviewed entries": once a reviewer approves an entry
(clears `fuzzy`), the next `translate` or `glossary apply` drops newsloc's own machine
and glossary comments from it, and never a reviewer's comment."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsloc.base.po.conventions import read_catalogue
from newsloc.base.po.writer import format_catalogue
from newsloc.glossary.loader import load_default_glossary
from newsloc.translate.catalog.glossary_qa import apply_to_catalog
from newsloc.translate.pipeline import RunSettings, translate_article
from tests.support.fake_engine import fake_factory

ARTICLE = """\
Residents of Stepanakert were leaving for Goris on Tuesday.

Officials in Baku gave no figures.
"""
GLOSSARY = load_default_glossary()
REVIEWER_NOTE = "checked with the desk: keep the long form"


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "loc"
    translate(article, out)
    return out


def translate(article: Path, out: Path) -> None:
    settings = RunSettings(["ru"], out=out, engine_factory=fake_factory(), glossary=GLOSSARY)
    translate_article(article, settings, domain="story")


def ru_po(out: Path) -> Path:
    return out / "ru" / "LC_MESSAGES" / "story.po"


def approve_first(path: Path, translation: str, note: str = "") -> None:
    """A reviewer's save: the first entry gets a translation, a comment of theirs (above
    newsloc's lines, as Poedit puts it) and loses `fuzzy`; the rest stay machine output."""
    po = read_catalogue(path)
    entry = po[0]
    entry.msgstr = translation
    entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    entry.tcomment = "\n".join(line for line in (note, entry.tcomment) if line)
    path.write_text(format_catalogue(po), encoding="utf-8")


def comments(path: Path) -> list[list[str]]:
    return [e.tcomment.split("\n") if e.tcomment else [] for e in read_catalogue(path)]


def test_machine_output_says_where_it_came_from_and_what_the_glossary_missed(
    out: Path,
) -> None:
    first, second = comments(ru_po(out))
    assert first[0] == "machine translation: fake en→ru"
    assert any(line.startswith("glossary: stepanakert: ") for line in first)
    assert second[0] == "machine translation: fake en→ru"


def test_translate_drops_newslocs_comments_from_an_approved_entry(out: Path) -> None:
    path = ru_po(out)
    approve_first(path, "Жители Степанакерта (Ханкенди) уезжали в Горис во вторник.", REVIEWER_NOTE)
    assert "machine translation: fake en→ru" in comments(path)[0]  # the reviewer left it
    translate(out.parent / "story.txt", out)
    first, second = read_catalogue(path)
    assert first.tcomment == REVIEWER_NOTE
    assert first.msgstr == "Жители Степанакерта (Ханкенди) уезжали в Горис во вторник."
    assert not first.fuzzy
    # The entry still waiting for review keeps what tells the reviewer what to check.
    assert second.fuzzy and second.tcomment.startswith("machine translation: fake en→ru")
    # The glossary's notes (`#.`) are the article's, not the review's: they stay.
    assert "[ru] glossary: stepanakert: Stepanakert → Степанакерт (Ханкенди)" in first.comment


def test_an_approved_entry_without_comments_of_its_own_is_left_with_none(out: Path) -> None:
    path = ru_po(out)
    approve_first(path, "Жители Степанакерта (Ханкенди) уезжали в Горис во вторник.")
    translate(out.parent / "story.txt", out)
    assert read_catalogue(path)[0].tcomment == ""
    before = path.read_bytes()
    translate(out.parent / "story.txt", out)  # nothing left to drop: nothing written
    assert path.read_bytes() == before


def test_glossary_apply_drops_them_too_and_keeps_the_reviewers(out: Path) -> None:
    path = ru_po(out)
    approve_first(path, "Жители Степанакерта (Ханкенди) уезжали в Горис во вторник.", REVIEWER_NOTE)
    fuzzy_before = read_catalogue(path)[1]
    report = apply_to_catalog(path, GLOSSARY)
    assert report.written
    first, second = read_catalogue(path)
    assert first.tcomment == REVIEWER_NOTE and not first.fuzzy
    assert (second.tcomment, second.msgstr) == (fuzzy_before.tcomment, fuzzy_before.msgstr)
    assert not apply_to_catalog(path, GLOSSARY).written  # applying again changes nothing


def test_an_approved_entry_the_glossary_flags_again_gets_only_the_current_comments(
    out: Path,
) -> None:
    # The reviewer approved a translation that lacks the glossary's name: apply asks for
    # review again, with today's problem, not the machine text's old ones.
    path = ru_po(out)
    approve_first(path, "Жители уезжали в Горис во вторник.", REVIEWER_NOTE)
    apply_to_catalog(path, GLOSSARY)
    first = read_catalogue(path)[0]
    assert first.fuzzy
    lines = first.tcomment.split("\n")
    assert lines[0] == REVIEWER_NOTE
    assert not any(line.startswith("machine translation: ") for line in lines)
    assert [line for line in lines if line.startswith("glossary: stepanakert: ")] == [
        'glossary: stepanakert: expected "Степанакерт (Ханкенди)" for "Stepanakert"'
    ]


def test_machine_output_keeps_a_persons_comment_on_an_empty_entry(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "loc"
    translate_article(article, RunSettings(["ru"], out=out), domain="story")  # no engine
    po = read_catalogue(ru_po(out))
    po[1].tcomment = "translator: the figures come later"
    ru_po(out).write_text(format_catalogue(po), encoding="utf-8")
    translate(article, out)
    second = read_catalogue(ru_po(out))[1]
    assert second.msgstr and second.fuzzy
    assert second.tcomment.split("\n") == [
        "translator: the figures come later",
        "machine translation: fake en→ru",
        'glossary: baku: expected "Баку" for "Baku"',
    ]
