"""What keeps a large glossary's check cheap (issue 21) finds exactly what the plain ways
found: the source matcher's trie walk against the one regular expression it replaced,
the near-miss ambiguity guard's walk against a scan of every spelling, and the source
matcher's tables in the glossary cache (read back, never stale, rebuilt when damaged)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsloc.glossary import cache
from newsloc.glossary.loader import load_default_glossary, load_glossary
from newsloc.glossary.match import Matcher, MatcherTables, matcher_for, trie_pattern
from newsloc.glossary.near_miss import distance, near_miss_finder, prefix_distance
from newsloc.glossary.target import target_index

GLOSSARY = load_default_glossary()
MATCHER = Matcher(GLOSSARY)
TRIGGERS = {spelling[:2] for spelling in MATCHER.capitals if len(spelling) > 1}
#: The one regular expression of every spelling the matcher used to compile.
REGEX = re.compile(trie_pattern(MATCHER.spellings, triggers=TRIGGERS))
CAPITALS_REGEX = re.compile(trie_pattern(MATCHER.capitals))

SPELLINGS = sorted(MATCHER.spellings)
CAPITALS = sorted(MATCHER.capitals)
SOURCE_PIECES = st.one_of(
    st.sampled_from(SPELLINGS),
    st.sampled_from(CAPITALS),
    st.sampled_from(SPELLINGS + CAPITALS).flatmap(
        lambda s: st.integers(1, len(s)).map(lambda n: s[:n])  # a name cut short
    ),
    st.sampled_from([" ", "  ", "\n", " \t", "\u00a0", "-", "'s", "’s", ".", ",", "x", "é"]),
    st.sampled_from(["\u0301", "ы", "1", "_", "The ", "and ", "districts", "US"]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(SOURCE_PIECES, max_size=14).map("".join))
def test_the_source_trie_walk_finds_what_the_one_regex_found(text: str) -> None:
    """Spans of names and triggers, leftmost first, as `finditer` of the old pattern; the
    names in capitals at every position, as its `match`."""
    spaced = re.sub(" ", lambda _: "\n", text, count=1)  # a wrapped line, too
    for sample in (text, spaced):
        assert list(MATCHER._names.finditer(sample)) == [
            found.span() for found in REGEX.finditer(sample)
        ]
        for start in range(len(sample)):
            expected = CAPITALS_REGEX.match(sample, start)
            assert MATCHER._capital_names.match(sample, start) == (
                expected.end() if expected else None
            )


def _plain_close_spellings(finder, initial: str, written: str, limit: int) -> set:
    """Every spelling, in each way it may be written, that starts with `initial` and is at
    most `limit` edits from `written`: the scan the ambiguity guard used to make."""
    found = set()
    for folded in finder.index.readings:
        for key in finder.pack.spellings_of(folded):
            if not key.startswith(initial):
                continue
            if finder.suffixing:
                edits = prefix_distance(key, written, limit, 0)[0]
            else:
                edits = distance(key, written, limit)
            if edits <= limit:
                found.add((key, edits))
    return found


def _perturbed(draw, text: str) -> str:
    """`text` with up to two letters changed, dropped or doubled, perhaps a suffix."""
    for _ in range(draw(st.integers(0, 2))):
        if not text:
            break
        at = draw(st.integers(0, len(text) - 1))
        how = draw(st.sampled_from(["change", "drop", "double"]))
        letter = draw(st.sampled_from(sorted(set(text))))
        if how == "change":
            text = text[:at] + letter + text[at + 1 :]
        elif how == "drop" and len(text) > 1:
            text = text[:at] + text[at + 1 :]
        else:
            text = text[: at + 1] + text[at:]
    return text + draw(st.sampled_from(["", "", "ում", "ից", "da", "də", "е", "ами"]))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["hy", "az", "ru"]), st.integers(0, 2), st.data())
def test_the_ambiguity_walk_finds_every_spelling_the_plain_scan_found(
    language: str, limit: int, data: st.DataObject
) -> None:
    finder = near_miss_finder(target_index(GLOSSARY, language))
    spellings = sorted(finder.index.readings)
    written = _perturbed(data.draw, data.draw(st.sampled_from(spellings)))
    if not written:
        return
    initial = written[0]
    walked = {
        (key, edits)
        for key, edits in finder._close_spellings(initial, written, limit)
        if any(True for _ in finder._readings_of(key))  # a spelling, not capitals alone
    }
    assert walked == _plain_close_spellings(finder, initial, written, limit)


# -- the source matcher's tables in the glossary cache ---------------------------------

SAMPLE = (
    "Shelling in Stepanakert, Nagorno-Karabakh; YEREVAN/BAKU and Lachin, Kalbajar districts; "
    "the road to Xankandi."
)


def _matcher_entry(cache_folder: Path, path: Path) -> Path:
    content = cache.content_key(path.read_text(encoding="utf-8"))
    return cache_folder / cache.derived_key(content, "source matcher")


def _no_building(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("built again")

    monkeypatch.setattr("newsloc.glossary.match._build", refuse)


def test_the_matcher_of_a_file_is_read_back_and_finds_the_same(
    cache_folder: Path, glossary_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = Matcher(GLOSSARY).find(SAMPLE)
    assert [m.concept_id for m in expected][:2] == ["stepanakert", "nagorno-karabakh"]
    assert expected[-1].spelling == "Xankandi"
    assert matcher_for(load_glossary(glossary_copy)).find(SAMPLE) == expected
    assert _matcher_entry(cache_folder, glossary_copy).is_file()
    cache.forget_all()
    _no_building(monkeypatch)
    assert matcher_for(load_glossary(glossary_copy)).find(SAMPLE) == expected


def test_an_edited_file_never_gets_the_old_matcher(cache_folder: Path, glossary_copy: Path) -> None:
    matcher_for(load_glossary(glossary_copy)).find(SAMPLE)
    text = glossary_copy.read_text(encoding="utf-8")
    spellings = 'en.Khankendi = ["Khankandi", "Xankandi"]'
    assert spellings in text
    glossary_copy.write_text(
        text.replace(spellings, spellings.replace(', "Xankandi"', "")), encoding="utf-8"
    )
    cache.forget_all()
    found = [m.spelling for m in matcher_for(load_glossary(glossary_copy)).find(SAMPLE)]
    assert "Xankandi" not in found and "Stepanakert" in found


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: b"garbage",
        lambda data: data[: len(data) // 2],
        lambda data: data[:200] + bytes(len(data) - 200),
    ],
    ids=["empty", "garbage", "truncated", "zeroed"],
)
def test_a_damaged_matcher_entry_is_ignored_and_rebuilt(
    cache_folder: Path, glossary_copy: Path, damage
) -> None:
    expected = matcher_for(load_glossary(glossary_copy)).find(SAMPLE)
    entry = _matcher_entry(cache_folder, glossary_copy)
    entry.write_bytes(damage(entry.read_bytes()))
    cache.forget_all()
    assert matcher_for(load_glossary(glossary_copy)).find(SAMPLE) == expected
    assert isinstance(cache.load(entry.name, MatcherTables), MatcherTables)  # rewritten


def test_a_matcher_entry_of_the_wrong_kind_is_not_used(
    cache_folder: Path, glossary_copy: Path
) -> None:
    expected = matcher_for(load_glossary(glossary_copy)).find(SAMPLE)
    cache.store(_matcher_entry(cache_folder, glossary_copy).name, {"not": "a matcher"})
    cache.forget_all()
    assert matcher_for(load_glossary(glossary_copy)).find(SAMPLE) == expected


def test_no_cache_keeps_no_matcher(
    cache_folder: Path, glossary_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.OFF_VARIABLE, "1")
    matcher_for(load_glossary(glossary_copy)).find(SAMPLE)
    assert not cache_folder.exists()
