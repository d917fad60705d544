"""Long and odd paragraphs: sentences split as before, in one pass.

Issue 20, item 11: the sentence splitter was quadratic on runs of punctuation (16 000
dots took 17.7 s). The splitter is now linear (bench/segment_bench.py prints the growth);
here its output is compared with the former implementation, kept below as the reference,
on generated text heavy in the characters the rules look at.

Item 10: an 80 kB base64 token through the Argos engine allocated 5.6 GB for the dense
alignment matrix of the rejoined sentence; its memory is now bounded (measured with
tracemalloc, on a tiny real Argos package; bench/long_token_bench.py prints the growth).
"""

from __future__ import annotations

import base64
import random
import re
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsloc.translate.engines.argos import DEFAULT_MAX_SENTENCE_TOKENS, ArgosEngine
from newsloc.translate.segment import (
    _CLOSING,
    _OPENING_QUOTES,
    _QUOTE_PAIRS,
    ABBREVIATIONS,
    split_sentences,
)
from tests.fuzz.conftest import DEEP
from tests.fuzz.support import WORDS
from tests.support.tiny_argos import build_tiny_package, install_package

# -- the former splitter (quadratic), verbatim in behaviour --------------------------------
_END = re.compile(r"[.!?…]+[" + re.escape(_CLOSING) + r"]*(?=\s)")


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _inside(span: str) -> bool:
    closers: list[str] = []
    for char in span:
        if closers and char == closers[-1]:
            closers.pop()
        elif char in _QUOTE_PAIRS:
            closers.append(_QUOTE_PAIRS[char])
    return bool(closers) or span.count('"') % 2 == 1


def _boundary(text: str, start: int, stop: int, end: int) -> bool:
    following = text[_skip(text, end) :]
    if not following:
        return True
    first = following[0]
    if first.islower() or first.isdigit() or first in ",;:–—-":
        return False
    if not (first.isupper() or first in _OPENING_QUOTES or first == "("):
        return False
    if _inside(text[start:end]):
        return False
    if text[stop] == ".":
        word = re.search(r"(\S+)$", text[start:stop])
        token = word.group(1).lstrip(_OPENING_QUOTES + "(").lower() if word else ""
        if token in ABBREVIATIONS:
            return False
        if re.fullmatch(r"[^\W\d_]", token):
            return False
        if re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]", token):
            return False
    return True


def reference_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    start = _skip(text, 0)
    for match in _END.finditer(text):
        end = match.end()
        if end <= start or not _boundary(text, start, match.start(), end):
            continue
        spans.append((start, end))
        start = _skip(text, end)
    if start < len(text.rstrip()):
        spans.append((start, len(text.rstrip())))
    return spans


# -- the comparison ------------------------------------------------------------------------
PIECES = [*WORDS, ".", "..", "...", "!", "?", "?!", "…", "”", "’", "»", '"', "'", ")", "]",
          "“", "‘", "«", "„", "(", "Mr.", "U.S.", "J.", "a.m.", "e.g.", "Hi.", "no.", " ", "  ",
          "\n", "\t", "\u00a0", "A", "b", "1"]  # fmt: skip


def spans(text: str) -> list[tuple[int, int]]:
    # Without a dateline (the reference above starts at 0), so text never starts with "(".
    return [(s.start, s.end) for s in split_sentences(text)]


@settings(max_examples=2000 if DEEP else 300)
@given(st.lists(st.sampled_from(PIECES), max_size=80).map("".join))
def test_sentences_are_split_as_the_former_splitter_split_them(text: str) -> None:
    text = "x " + text  # no dateline at the start: the reference has none
    assert spans(text) == reference_spans(text)


@settings(max_examples=200 if DEEP else 30)
@given(
    st.sampled_from([".", ". ", "!?", "… ", "A. ", "“Hi. ", '"a. ', "U.S. ", ".” ", "« ."]),
    st.integers(1, 3000),
    st.sampled_from(["", " End.", "y", " b", "”"]),
)
def test_long_runs_of_punctuation_split_as_before(run: str, count: int, tail: str) -> None:
    text = "x " + run * count + tail
    assert spans(text) == reference_spans(text)


# -- a long unbroken token through the Argos engine (issue 20, item 10) --------------------


@pytest.fixture(scope="module")
def tiny_engine(tmp_path_factory: pytest.TempPathFactory):
    """An ArgosEngine (with alignment, as `translate` makes it) on a tiny real package,
    installed in a packages folder of its own."""
    root = tmp_path_factory.mktemp("long-token")
    install_package(build_tiny_package(root / "archives", "en", "ru", seed=3), root / "packages")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ARGOS_PACKAGES_DIR", str(root / "packages"))
        yield ArgosEngine("en", "ru", with_attention=True)


def base64_token(size: int, seed: int = 0) -> str:
    return base64.b64encode(random.Random(seed).randbytes(size))[:size].decode()


def peak_bytes(action) -> tuple[object, int]:
    tracemalloc.start()
    try:
        result = action()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("size", [8_000, *([80_000] if DEEP else [])])
def test_a_long_token_translates_in_bounded_memory(tiny_engine, size: int) -> None:
    sentences = ["Shelling was heard in Stepanakert.", base64_token(size)]
    (short, long), peak = peak_bytes(lambda: tiny_engine.translate(sentences))
    assert long.text and short.text
    assert short.alignment is not None  # an ordinary sentence keeps its alignment
    # The dense target x source matrix took ~94 MB at 8 kB and 5.6 GB at 80 kB.
    assert peak < 16 * 2**20 + size * 400, peak


def test_a_long_sentence_below_the_cap_keeps_its_alignment(tiny_engine) -> None:
    sentence = " ".join(["Refugees from Stepanakert crossed into Goris on foot,"] * 20)
    (result,) = tiny_engine.translate([sentence])
    assert result.alignment is not None
    assert len(result.alignment.source_spans) > DEFAULT_MAX_SENTENCE_TOKENS  # it was split
    assert all(len(row) == len(result.alignment.source_spans) for row in result.alignment.weights)


# -- a long paragraph through glossary check and apply (issue 20, item 11) -----------------
# A 31 kB paragraph took 123 s in `glossary check`: every missing name searched every word
# of the translation for a near miss, and every pairing looked at every occurrence. A
# paragraph of k copies of one sentence must now read as k copies: each copy's misspelt
# name found and repaired as the second copy's (the first also takes the other name).

_SENTENCES = {
    # language: (source, translation with the name misspelt, how apply writes it later)
    "ru": (
        "Shelling was heard in Stepanakert on Tuesday, residents said. ",
        "Обстрел был слышен в Степанокерте во вторник, «сообщили» жители. ",
        "Степанакерте",
    ),
    "hy": (
        "Shelling was heard in Stepanakert on Tuesday, residents said. ",
        "Երեքշաբթի Ստեփանակերթում «լսվել» են կրակոցներ, ասել են բնակիչները։ ",
        "Ստեփանակերտում",
    ),
    "az": (
        "Shelling was heard in Stepanakert on Tuesday, residents said. ",
        "Çərşənbə axşamı Stepanakırtdə «atəş» səsləri eşidilib, sakinlər deyib. ",
        "Stepanakertdə",
    ),
}


@settings(max_examples=12 if DEEP else 3)
@given(st.sampled_from(sorted(_SENTENCES)), st.integers(2, 400 if DEEP else 60))
def test_a_long_paragraph_reads_as_its_sentences(language: str, copies: int) -> None:
    from newsloc.glossary.check import CheckEntry, check_entries
    from newsloc.glossary.loader import glossary_or_default
    from newsloc.glossary.render import NEAR_MISS, DocumentRenderer

    glossary = glossary_or_default(None)
    source, translation, repaired = _SENTENCES[language]
    renderer = DocumentRenderer(glossary, language)
    first, later = (renderer.render(source, translation) for _ in range(2))
    assert first.near_misses == later.near_misses == 1, first.changes
    assert repaired in later.text
    many = DocumentRenderer(glossary, language).render(source * copies, translation * copies)
    assert many.near_misses == copies
    assert [c.how for c in many.changes] == [NEAR_MISS] * copies
    assert many.text == first.text + later.text * (copies - 1)
    violations = check_entries(
        glossary, language, [CheckEntry(source * copies, translation * copies)]
    )
    assert any(v.code == "NL106" for v in violations)  # the near miss is reported
