"""The pairing of mentions with occurrences, and the quotation test, read the segment once
(issue 20, item 11): they must still pair exactly as the contract's plain reading does.

The reference below is that plain reading, written the slow way (every mention looks at
every occurrence, every span at every quotation); random segments must pair the same.
"""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from newsloc.glossary.match import Mention
from newsloc.glossary.pairing import Pair, inside, pair_mentions, quoted_spans
from newsloc.glossary.target import Occurrence, Reading


def _inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _reference(
    mentions: Sequence[Mention],
    occurrences: Sequence[Occurrence],
    source_quotes: Sequence[tuple[int, int]],
    target_quotes: Sequence[tuple[int, int]],
) -> list[Pair]:
    names: dict[str, set[str]] = {}
    for mention in mentions:
        names.setdefault(mention.concept_id, set()).add(mention.name)
    glosses: set[int] = set()
    for concept_id, used_names in names.items():
        wanted = sum(1 for m in mentions if m.concept_id == concept_id)
        mine = [i for i, o in enumerate(occurrences) if o.readings_of(concept_id)]
        excess = len(mine) - wanted
        for i in mine:
            if excess <= 0:
                break
            if not {r.name for r in occurrences[i].readings_of(concept_id)} & used_names:
                glosses.add(i)
                excess -= 1
    quoted_occurrence = [_inside(target_quotes, o.start, o.end) for o in occurrences]
    used: set[int] = set()
    pairs = []
    for mention in mentions:
        quoted = bool(source_quotes) and _inside(source_quotes, mention.start, mention.end)
        candidates = [
            i
            for i, o in enumerate(occurrences)
            if i not in used and i not in glosses and o.readings_of(mention.concept_id)
        ]
        if len(names[mention.concept_id]) > 1:
            candidates = [
                i
                for i in candidates
                if mention.name in occurrences[i].names_shown(mention.concept_id)
            ] or candidates
        if quoted:
            candidates = [i for i in candidates if quoted_occurrence[i]] or candidates
        elif any(quoted_occurrence[i] for i in candidates):
            candidates = [i for i in candidates if not quoted_occurrence[i]] or candidates
        match = candidates[0] if candidates else None
        if match is not None:
            used.add(match)
        pairs.append(Pair(mention, occurrences[match] if match is not None else None, quoted))
    return pairs


_CONCEPTS = ("a", "b", "c")
_NAMES = ("X", "Y", "Z")
_readings = st.lists(
    st.builds(Reading, st.sampled_from(_CONCEPTS), st.sampled_from(_NAMES), st.just("nom")),
    min_size=1,
    max_size=3,
).map(tuple)


@st.composite
def _segments(draw: st.DrawFn) -> tuple[list[Mention], list[Occurrence], str, str]:
    """A source with quotation marks and mentions, a translation with quotation marks and
    occurrences (some with readings of several concepts, some with a secondary)."""
    source = draw(st.text(alphabet='ab «»“”"', min_size=0, max_size=40))
    target = draw(st.text(alphabet='ab «»“”"', min_size=0, max_size=40))
    mentions = []
    for start in sorted(draw(st.sets(st.integers(0, 39), max_size=8))):
        concept = draw(st.sampled_from(_CONCEPTS))
        name = draw(st.sampled_from(_NAMES))
        mentions.append(Mention(concept, name, name, start, start + 1))
    occurrences = []
    for start in sorted(draw(st.sets(st.integers(0, 39), max_size=8))):
        secondary = draw(st.one_of(st.just(()), _readings))
        occurrences.append(
            Occurrence(
                start=start,
                end=start + 1,
                word_start=start,
                word_end=start + 1,
                form="f",
                suffix="",
                readings=draw(_readings),
                secondary="s" if secondary else None,
                secondary_readings=secondary,
            )
        )
    return mentions, occurrences, source, target


@settings(max_examples=400, deadline=None)
@given(_segments())
def test_pairing_is_the_contracts_plain_reading(
    segment: tuple[list[Mention], list[Occurrence], str, str],
) -> None:
    mentions, occurrences, source, target = segment
    source_quotes, target_quotes = quoted_spans(source), quoted_spans(target, "ru")
    found = pair_mentions(
        mentions, occurrences, source_quotes=source_quotes, target_quotes=target_quotes
    )
    assert found == _reference(mentions, occurrences, source_quotes, target_quotes)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='ab «»“”„"', max_size=30), st.integers(0, 30), st.integers(1, 5))
def test_inside_a_quotation_as_before(text: str, start: int, length: int) -> None:
    spans = quoted_spans(text, "ru")
    assert inside(spans, start, start + length) == _inside(spans, start, start + length)


def test_a_long_segment_pairs_each_mention_in_order() -> None:
    """Two hundred mentions of two names, every third inside quotation marks: the k-th
    mention of each still takes the k-th occurrence showing its name."""
    count = 200
    mentions, occurrences = [], []
    for k in range(count):
        name = "X" if k % 2 else "Y"
        mentions.append(Mention("a", name, name, 10 * k, 10 * k + 1))
        occurrences.append(
            Occurrence(
                10 * k, 10 * k + 1, 10 * k, 10 * k + 1, "f", "", (Reading("a", name, "nom"),)
            )
        )
    pairs = pair_mentions(mentions, occurrences)
    assert [p.occurrence for p in pairs] == occurrences


# -- ru: the words before a name are read from the text's end --------------------------------
_BEFORE = st.text(alphabet="ая и-\u0301 ,.«(\u00a0", max_size=40)


@settings(max_examples=300, deadline=None)
@given(_BEFORE, st.integers(0, 600), _BEFORE)
def test_the_words_before_a_name_read_as_before(head: str, filler: int, tail: str) -> None:
    """`_search_end` finds what a search of the whole text finds, however long the text
    and whatever stands at the cut it makes."""
    from newsloc.glossary.lang.ru import _LAST_WORD, _SENTENCE_START, _search_end

    text = head + "в" * filler + tail
    for pattern in (_LAST_WORD, _SENTENCE_START):
        found, expected = _search_end(pattern, text), pattern.search(text)
        assert (found and (found.span(), found.groups())) == (
            expected and (expected.span(), expected.groups())
        )


def test_the_matcher_leaves_the_cycle_collector_as_it_found_it() -> None:
    """Building a matcher pauses Python's cycle collector and gives it back as it was."""
    import gc

    from newsloc.glossary.loader import glossary_or_default
    from newsloc.glossary.match import Matcher

    glossary = glossary_or_default(None)
    assert gc.isenabled()
    matcher = Matcher(glossary)
    assert gc.isenabled()
    gc.disable()
    try:
        Matcher(glossary)
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert [m.name for m in matcher.find("Shelling in Stepanakert.")] == ["Stepanakert"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 30), st.integers(0, 8), st.booleans()),
        max_size=12,
    )
)
def test_a_rendering_swallows_its_secondarys_tokens_as_before(
    spans: list[tuple[int, int, bool]],
) -> None:
    """`TargetIndex.find` leaves out what lies inside another occurrence that carries a
    secondary; by bisection now, as the plain comparison of every pair did."""
    from newsloc.glossary.target import _not_swallowed

    decorated = [
        Occurrence(
            start, start + length, start, start + length, "f", "", (), "s" if secondary else None
        )
        for start, length, secondary in spans
    ]
    expected = [
        o
        for o in decorated
        if not any(
            other is not o
            and other.secondary is not None
            and other.start <= o.start
            and o.end <= other.end
            for other in decorated
        )
    ]
    assert [id(o) for o in _not_swallowed(decorated)] == [id(o) for o in expected]


def _quoted_spans(text: str, language: str) -> list[tuple[int, int]]:
    """`quoted_spans` as it was written first, a character at a time."""
    from newsloc.glossary.lang import language_pack

    marks = language_pack(language).quotes
    spans: list[tuple[int, int]] = []
    position = 0
    while position < len(text):
        opening = text[position]
        closing = marks.get(opening)
        if closing is None:
            position += 1
            continue
        depth, end = 0, None
        for at in range(position + 1, len(text)):
            if text[at] == closing and depth == 0:
                end = at
                break
            if text[at] == closing:
                depth -= 1
            elif text[at] == opening and opening != closing:
                depth += 1
        if end is None:
            spans.append((position + 1, len(text)))
            break
        spans.append((position + 1, end))
        position = end + 1
    return spans


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab «»“”„‘’\"'", max_size=40), st.sampled_from(["", "ru", "hy", "az"]))
def test_quotations_found_as_before(text: str, language: str) -> None:
    assert quoted_spans(text, language) == _quoted_spans(text, language)
