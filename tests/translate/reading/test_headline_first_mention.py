"""A headline (or caption, standfirst, …) gets the source's name alone and does not
spend the article's first mention: the dual name goes where the body first names the
place (translate/catalog/display.py, docs/articles.md)."""

from __future__ import annotations

from pathlib import Path

import polib

from newsloc.glossary.loader import load_default_glossary
from newsloc.translate.catalog.glossary_qa import check_catalogs
from newsloc.translate.engines.interface import Translation
from newsloc.translate.pipeline import RunSettings, translate_article

ARTICLE = """\
# Engineers reach Stepanakert

![Engineers in Stepanakert](road.jpg "Engineers in Stepanakert on Monday.")

Residents of Stepanakert met the engineers.

Officials in Stepanakert gave no figures.
"""
RUSSIAN = {
    "Engineers reach Stepanakert": "Инженеры прибыли в Степанакерт",
    "Engineers in Stepanakert": "Инженеры в Степанакерте",
    "Engineers in Stepanakert on Monday.": "Инженеры в Степанакерте в понедельник.",
    "Residents of Stepanakert met the engineers.": "Жители Степанакерта встретили инженеров.",
    "Officials in Stepanakert gave no figures.": "Чиновники в Степанакерте не назвали цифр.",
}
GLOSSARY = load_default_glossary()


class DictionaryEngine:
    name = "dictionary"
    source = "en"
    target = "ru"
    reports_progress = False
    aligns = False
    progress = None

    def describe(self) -> str:
        return "dictionary en→ru"

    def translate(self, sentences: list[str]) -> list[Translation]:
        return [Translation(RUSSIAN[text]) for text in sentences]


def test_the_dual_name_goes_to_the_bodys_first_mention(tmp_path: Path) -> None:
    article = tmp_path / "story.md"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "loc"
    settings = RunSettings(
        ["ru"], out=out, engine_factory=lambda _: DictionaryEngine(), glossary=GLOSSARY
    )  # type: ignore[arg-type]
    translate_article(article, settings)
    path = out / "ru" / "LC_MESSAGES" / "story.po"
    po = polib.pofile(str(path))
    by_context = {(e.msgctxt, e.msgid): e.msgstr for e in po}
    assert by_context[("headline", "Engineers reach Stepanakert")] == (
        "Инженеры прибыли в Степанакерт"
    )
    assert "(Ханкенди)" not in by_context[("alt", "Engineers in Stepanakert")]
    assert "(Ханкенди)" not in by_context[("caption", "Engineers in Stepanakert on Monday.")]
    first = by_context[(None, "Residents of Stepanakert met the engineers.")]
    assert "Степанакерта (Ханкенди)" in first
    assert "Ханкенди" not in by_context[(None, "Officials in Stepanakert gave no figures.")]
    # glossary check agrees: the headline and caption lacking the second name are right.
    assert check_catalogs([path], GLOSSARY) == []


def test_a_catalogue_made_before_contexts_keeps_its_byline_translation(tmp_path: Path) -> None:
    """A byline translated when it had no msgctxt keeps its translation, not fuzzy."""
    article = tmp_path / "story.txt"
    article.write_text("Officials gave no figures.\n\nBy Newsloc staff\n", encoding="utf-8")
    out = tmp_path / "loc"
    path = out / "ru" / "LC_MESSAGES" / "story.po"
    path.parent.mkdir(parents=True)
    old = polib.POFile()
    old.metadata = {"Language": "ru", "Content-Type": "text/plain; charset=UTF-8"}
    old.append(polib.POEntry(msgid="By Newsloc staff", msgstr="Сотрудники Newsloc"))
    old.append(polib.POEntry(msgid="Officials gave no figures.", msgstr="Цифр не назвали."))
    old.save(str(path))
    translate_article(article, RunSettings(["ru"], out=out))
    entries = {e.msgid: e for e in polib.pofile(str(path)) if not e.obsolete}
    byline = entries["By Newsloc staff"]
    assert (byline.msgctxt, byline.msgstr, byline.fuzzy) == ("byline", "Сотрудники Newsloc", False)
    assert byline.comment == "byline: keep the name as written"
    assert entries["Officials gave no figures."].msgctxt is None


SAME_WORDS = """\
# Engineers reach Stepanakert

Engineers reach Stepanakert

Officials in Stepanakert gave no figures.
"""


def test_a_headline_and_a_body_paragraph_with_the_same_words_keep_their_own_notes(
    tmp_path: Path,
) -> None:
    """Machine output and the glossary's notes are the entry's, keyed by (msgctxt, msgid):
    the headline keeps the source's name alone, the body paragraph with the same words is
    the first mention and gets both names, and each has notes saying so."""
    article = tmp_path / "story.md"
    article.write_text(SAME_WORDS, encoding="utf-8")
    out = tmp_path / "loc"
    settings = RunSettings(
        ["ru"], out=out, engine_factory=lambda _: DictionaryEngine(), glossary=GLOSSARY
    )  # type: ignore[arg-type]
    translate_article(article, settings)
    path = out / "ru" / "LC_MESSAGES" / "story.po"
    po = polib.pofile(str(path))
    entries = {(e.msgctxt, e.msgid): e for e in po}
    headline = entries[("headline", "Engineers reach Stepanakert")]
    body = entries[(None, "Engineers reach Stepanakert")]
    assert headline.msgstr == "Инженеры прибыли в Степанакерт"
    assert body.msgstr == "Инженеры прибыли в Степанакерт (Ханкенди)"
    assert "Ханкенди" not in headline.comment  # the headline's note: the name alone
    assert "Степанакерт (Ханкенди)" in body.comment  # the body's: both names
    assert "Ханкенди" not in headline.tcomment
    template = polib.pofile(str(out / "story.pot"))
    notes = {(e.msgctxt, e.msgid): e.comment for e in template}
    assert "Ханкенди" not in notes[("headline", "Engineers reach Stepanakert")]
    assert "Степанакерт (Ханкенди)" in notes[(None, "Engineers reach Stepanakert")]
    assert check_catalogs([path], GLOSSARY) == []
    # A second run changes nothing: the notes stay with their entries.
    before = path.read_bytes()
    translate_article(article, settings)
    assert path.read_bytes() == before


def test_a_reviewed_headline_is_kept_when_a_body_paragraph_gets_its_words(
    tmp_path: Path,
) -> None:
    article = tmp_path / "story.md"
    article.write_text(
        "# Engineers reach Stepanakert\n\nOfficials in Stepanakert gave no figures.\n",
        encoding="utf-8",
    )
    out = tmp_path / "loc"
    settings = RunSettings(
        ["ru"], out=out, engine_factory=lambda _: DictionaryEngine(), glossary=GLOSSARY
    )  # type: ignore[arg-type]
    translate_article(article, settings)
    path = out / "ru" / "LC_MESSAGES" / "story.po"
    po = polib.pofile(str(path))
    headline = next(e for e in po if e.msgctxt == "headline")
    headline.msgstr = "Инженеры добрались до Степанакерта"  # a reviewer's headline
    headline.flags = []
    po.save(str(path))

    article.write_text(SAME_WORDS, encoding="utf-8")  # the body now has the same words
    translate_article(article, settings)
    entries = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(path))}
    kept = entries[("headline", "Engineers reach Stepanakert")]
    assert kept.msgstr == "Инженеры добрались до Степанакерта" and not kept.fuzzy
    body = entries[(None, "Engineers reach Stepanakert")]
    assert body.msgstr == "Инженеры прибыли в Степанакерт (Ханкенди)" and body.fuzzy
