"""Inline markup survives machine translation: links, emphasis, code and line breaks are
numbered tags the engine never sees, put back on the right words (translate/markup.py),
and `glossary check` reports a translation that lost, added or broke one (NL301)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from newsloc.glossary.loader import load_default_glossary
from newsloc.translate.catalog.glossary_qa import check_catalogs
from newsloc.translate.cli import app
from newsloc.translate.engines.interface import Alignment, Translation
from newsloc.translate.markup import problems, protect, restore
from newsloc.translate.pipeline import RunSettings, translate_article

ARTICLE = """\
# Talks resume

The team met [the engineers](https://example.org/e) in Baku on *Tuesday*.
"""
SOURCE = "The team met the engineers in Baku on Tuesday."
# A tiny engine whose word order differs from the source: "on Tuesday" moves to the front
# and "the engineers" after "in Baku".
TARGET = "Tuesday on the team met in Baku the engineers."


def _words(text: str) -> list[tuple[int, int]]:
    """Word tokens, a final full stop a token of its own (as SentencePiece has it)."""
    spans, position = [], 0
    for word in text.split(" "):
        bare = word.rstrip(".")
        spans.append((position, position + len(bare)))
        if bare != word:
            spans.append((position + len(bare), position + len(word)))
        position += len(word) + 1
    return spans


def _alignment(source: str, target: str, pairs: dict[int, int]) -> Alignment:
    """Word alignment: target word t attended to source word pairs[t]."""
    source_words, target_words = _words(source), _words(target)
    weights = [
        [1.0 if pairs.get(t) == s else 0.0 for s in range(len(source_words))]
        for t in range(len(target_words))
    ]
    return Alignment(source_words, target_words, weights)


# target token -> source token: Tuesday on the team met in Baku the engineers .
REORDERED = {0: 8, 1: 7, 2: 0, 3: 1, 4: 2, 5: 5, 6: 6, 7: 3, 8: 4, 9: 9}


class ReorderingEngine:
    name = "reorder"
    source = "en"
    target = "ru"
    reports_progress = False
    aligns = True
    progress = None

    def __init__(self, aligned: bool = True) -> None:
        self.aligned = aligned
        self.seen: list[str] = []

    def describe(self) -> str:
        return "reorder en→ru"

    def translate(self, sentences: list[str]) -> list[Translation]:
        self.seen.extend(sentences)
        out = []
        for text in sentences:
            if text == SOURCE:
                alignment = _alignment(SOURCE, TARGET, REORDERED) if self.aligned else None
                out.append(Translation(TARGET, alignment))
            else:
                out.append(Translation(f"[ru] {text}"))
        return out


def _translate(tmp_path: Path, engine: ReorderingEngine) -> polib.POEntry:
    article = tmp_path / "story.md"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "loc"
    settings = RunSettings(["ru"], out=out, engine_factory=lambda _: engine)  # type: ignore[arg-type]
    translate_article(article, settings)
    po = polib.pofile(str(out / "ru" / "LC_MESSAGES" / "story.po"))
    return next(e for e in po if e.msgid.startswith("The team"))


def test_the_engine_sees_plain_words_and_the_link_lands_on_the_moved_words(tmp_path: Path):
    engine = ReorderingEngine()
    entry = _translate(tmp_path, engine)
    assert entry.msgid == "The team met <1>the engineers</1> in Baku on <2>Tuesday</2>."
    assert SOURCE in engine.seen and not any("<" in s for s in engine.seen)
    assert entry.msgstr == "<2>Tuesday</2> on the team met in Baku <1>the engineers</1>."
    assert entry.fuzzy
    assert "markup:" not in entry.tcomment


def test_without_an_alignment_the_tags_go_around_the_sentence_and_the_reviewer_is_told(
    tmp_path: Path,
) -> None:
    entry = _translate(tmp_path, ReorderingEngine(aligned=False))
    assert entry.msgstr == "<1><2>Tuesday on the team met in Baku the engineers.</2></1>"
    assert entry.fuzzy
    assert "markup: the engine gave no alignment" in entry.tcomment
    assert problems(entry.msgid, entry.msgstr) == []


def test_protect_and_line_breaks() -> None:
    protected = protect("First line.<1/> Second <2>word</2>.")
    assert protected.plain == "First line. Second word."
    restored = restore(protected, Translation("Erste Zeile. Zweites Wort."))
    assert restored.exact is False
    assert problems("First line.<1/> Second <2>word</2>.", restored.translation.text) == []


@pytest.mark.parametrize(
    ("translation", "message"),
    [
        ("Команда встретила инженеров.", "lost <1> </1>"),
        ("Команда <1>встретила <3>инженеров</1>.", "added <3>"),
        ("Команда </1>встретила<1> инженеров.", "tags not closed or badly nested"),
    ],
)
def test_glossary_check_reports_a_lost_added_or_broken_tag(
    tmp_path: Path, translation: str, message: str
) -> None:
    po = polib.POFile()
    po.metadata = {"Language": "ru", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="The team met <1>the engineers</1>.", msgstr=translation))
    path = tmp_path / "ru.po"
    po.save(str(path))
    found = check_catalogs([path], load_default_glossary())
    assert [(v.concept, v.severity) for v in found] == [("markup", "error")]
    assert found[0].code == "NL301" and found[0].message.startswith("the translation ")
    assert message in found[0].message
    result = CliRunner().invoke(app, ["glossary", "check", str(path)])
    assert result.exit_code == 1
    assert f"{path}:" in result.stdout and ": NL301 markup: the translation" in result.stdout


def test_an_edition_never_publishes_broken_markup(tmp_path: Path) -> None:
    from newsloc.translate.edition.build import edition_paragraphs
    from newsloc.translate.edition.content import TextOrigin

    po = polib.POFile()
    po.metadata = {"Language": "ru", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(
        polib.POEntry(
            msgid="The team met <1>the engineers</1>.",
            msgstr="Команда встретила инженеров.",  # reviewed, but the link is lost
            occurrences=[("story.md", "3")],
        )
    )
    po.append(
        polib.POEntry(
            msgid="Talks <1>resumed</1>.",
            msgstr="Переговоры <1>возобновились</1>.",
            occurrences=[("story.md", "5")],
        )
    )
    path = tmp_path / "ru.po"
    po.save(str(path))
    from newsloc.translate.catalog.current import current_entries

    entries = current_entries(polib.pofile(str(path)), path, None)
    paragraphs = edition_paragraphs(entries, allow_fuzzy=False)
    assert [(p.text, p.origin) for p in paragraphs] == [
        ("The team met <1>the engineers</1>.", TextOrigin.SOURCE),
        ("Переговоры <1>возобновились</1>.", TextOrigin.REVIEWED),
    ]


def test_the_markup_check_is_a_code_like_any_other(tmp_path: Path) -> None:
    # --json names it, and --ignore / --select take it as they take the glossary's codes.
    po = polib.POFile()
    po.metadata = {"Language": "ru", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(
        polib.POEntry(msgid="The team met <1>the engineers</1>.", msgstr="Команда встретила.")
    )
    path = tmp_path / "ru.po"
    po.save(str(path))
    runner = CliRunner()
    as_json = runner.invoke(app, ["glossary", "check", str(path), "--json"])
    assert as_json.exit_code == 1, as_json.output
    assert '"code": "NL301"' in as_json.stdout and '"name": "markup"' in as_json.stdout
    ignored = runner.invoke(app, ["glossary", "check", str(path), "--ignore", "markup"])
    assert ignored.exit_code == 0, ignored.output
    other = runner.invoke(app, ["glossary", "check", str(path), "--select", "NL1"])
    assert other.exit_code == 0, other.output
