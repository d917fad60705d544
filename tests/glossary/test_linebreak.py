"""The fast line breaker wraps exactly as the character-by-character reference does, and
catalogues in all three languages come out as GNU msgcat writes them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsloc.base.po import linebreak
from newsloc.base.po.writer import format_catalogue

PIECES = [
    # Latin, Cyrillic, Armenian words; digits; a word longer than any line
    "Stepanakert",
    "the",
    "a",
    "convoy",
    "Xankəndi",
    "Степанакерт",
    "в",
    "Ханкенди",
    "Ստեփանակերտ",
    "և",
    "Խանքենդի",
    "2024",
    "3,5",
    "12:30",
    "x" * 90,
    "Ա" * 85,
    # punctuation, quotes, dashes, symbols
    ",",
    ".",
    ";",
    ":",
    "!",
    "?",
    "-",
    "\u2013",
    "\u2014",
    "\u2010",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "\u00ab",
    "\u00bb",
    "\u201e",
    "\u201c",
    "\u201d",
    "\u2018",
    "\u2019",
    "'",
    '\\"',
    "/",
    "%",
    "$",
    "\u20ac",
    "\u2116",
    "\u2026",
    "\u0589",
    "\u058a",
    "\u055d",
    "\u00a0",
    "\u00ad",
    "\u202f",
    "|",
    "+",
    "\\n",
    "\\t",
    "\\\\",
    # spaces, and runs of them
    " ",
    " ",
    " ",
    "  ",
    "     ",
]
# Characters only the reference path wraps: combining marks, wide ideographs, a line
# separator, a zero-width space.
COMPLEX = ["e\u0301", "\u4e2d\u6587", "\u2028", "\u200b"]


def simple_texts() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(PIECES), min_size=1, max_size=80).map("".join)


def prohibited_in(text: str, extra: set[int]) -> set[int]:
    """As the writer forbids them: just after a backslash (inside an escape), and others."""
    inside = {i for i in range(1, len(text)) if text[i - 1] == "\\"}
    return inside | {i for i in extra if 0 < i < len(text)}


@settings(max_examples=1500, deadline=None)
@given(
    simple_texts(),
    st.integers(1, 90),
    st.integers(0, 100),
    st.sets(st.integers(1, 400), max_size=8),
)
def test_the_fast_path_breaks_exactly_where_the_reference_does(
    text: str, width: int, start: int, extra: set[int]
) -> None:
    prohibited = prohibited_in(text, extra)
    fast = linebreak.wrap_positions(text, width, start, prohibited)
    assert fast == linebreak._reference_wrap(text, width, start, prohibited)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES + COMPLEX), min_size=1, max_size=60).map("".join),
    st.integers(1, 90),
    st.integers(0, 30),
)
def test_texts_the_fast_path_cannot_wrap_still_wrap_as_the_reference(
    text: str, width: int, start: int
) -> None:
    prohibited = prohibited_in(text, set())
    fast = linebreak.wrap_positions(text, width, start, prohibited)
    assert fast == linebreak._reference_wrap(text, width, start, prohibited)


def test_a_word_longer_than_the_line_overflows_and_breaks_after_it() -> None:
    text = "a " + "x" * 100 + " b c"
    assert linebreak.wrap_positions(text, 77, 7, set()) == [2, 103]
    assert linebreak._reference_wrap(text, 77, 7, set()) == [2, 103]


def test_no_break_goes_where_the_writer_forbids_one() -> None:
    text = "word " * 30
    free = linebreak.wrap_positions(text, 77, 0, set())
    held = linebreak.wrap_positions(text, 77, 0, {free[0]})
    assert free[0] not in held
    assert held == linebreak._reference_wrap(text, 77, 0, {free[0]})


SENTENCES = {
    "hy": "Ստեփանակերտ (Խանքենդի) — «Երեքշաբթի օրը» 2024 թ. Գորիսից մեկնեց "
    "մարդասիրական օգնության շարասյուն, իսկ սահմանի մոտ սպասում էին բնակիչները։",
    "az": "Xankəndi (Stepanakert) — “Çərşənbə axşamı” 2024-cü ildə Gorusdan humanitar "
    "yardım karvanı yola düşdü, sakinlər isə sərhəd keçid məntəqəsində gözləyirdilər.",
    "ru": "Степанакерт (Ханкенди) — «во вторник» 2024 г. из Гориса вышла колонна "
    "с гуманитарной помощью, а жители региона ждали у пограничного перехода.",
}


@pytest.mark.skipif(not shutil.which("msgcat"), reason="GNU gettext (msgcat) missing")
@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_catalogues_in_each_language_are_written_as_msgcat_writes_them(
    tmp_path: Path, language: str
) -> None:
    po = polib.POFile()
    po.metadata = {"Language": language, "Content-Type": "text/plain; charset=UTF-8"}
    sentence = SENTENCES[language]
    for i in range(1, 12):
        text = " ".join([sentence] * (i % 4 + 1))[: 40 * i]
        po.append(polib.POEntry(msgid=f"{i} {text}", msgstr=text + ' "x"\n' + text))
    text = format_catalogue(po)
    path = tmp_path / "x.po"
    path.write_text(text, encoding="utf-8")
    cat = subprocess.run(["msgcat", str(path)], capture_output=True, text=True, check=True)
    assert cat.stdout == text
    assert max(len(line) for line in text.splitlines()) <= 79
