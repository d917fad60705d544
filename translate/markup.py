"""Inline markup as numbered placeholders: `<1>…</1>` around a link's or an emphasis's
words, `<2/>` for a line break (what Poedit and Weblate show reviewers, as po4a does).

Engines never see them: a sentence is sent as its plain words (`protect`) and the tags
are put back on the translation (`restore`): on the words the engine's alignment says
the tagged words became, or, without an alignment or when that would break the nesting,
around the whole sentence (`Restored.exact` is then False, and the reviewer is told).
`problems` compares a translation's tags with its source's, for `glossary check` and
editions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsloc.translate.engines.interface import Alignment, Span, Translation

#: `<1>`, `</1>`, `<2/>`.
TAG = re.compile(r"<(/?)([1-9][0-9]{0,2})(/?)>")

#: The check code of a translation whose tags do not match its source's.
MARKUP_CODE = "NL301"
MARKUP_NAME = "markup"


#: The extracted comment that says what a tag stands for: `<1>: link https://…`.
_MARKUP_COMMENT = re.compile(r"^<([1-9][0-9]{0,2})>: (link|emphasis|strong|code|break)(?: (\S+))?$")


def markup_comment(number: int, what: str) -> str:
    return f"<{number}>: {what}"


def markup_of(comment: str) -> dict[str, tuple[str, str]]:
    """Tag number -> (what, link target) from an entry's extracted comments."""
    found: dict[str, tuple[str, str]] = {}
    for line in comment.splitlines():
        match = _MARKUP_COMMENT.match(line.strip())
        if match:
            found[match.group(1)] = (match.group(2), match.group(3) or "")
    return found


@dataclass(frozen=True)
class Protected:
    """A sentence's plain words and, in order, each tag with its offset in them."""

    plain: str
    tags: tuple[tuple[int, str], ...]


def has_tags(text: str) -> bool:
    return TAG.search(text) is not None


def protect(text: str) -> Protected:
    """The words an engine gets, and where the tags stood in them."""
    parts: list[str] = []
    tags: list[tuple[int, str]] = []
    position = length = 0
    for match in TAG.finditer(text):
        words = text[position : match.start()]
        parts.append(words)
        length += len(words)
        tags.append((length, match.group()))
        position = match.end()
    parts.append(text[position:])
    plain = "".join(parts)
    # Tags take no space of their own: "a <1>b</1> c" is "a b c" to the engine.
    return Protected(plain, tuple(tags))


def plain_text(text: str) -> str:
    """The text with its tags left out."""
    return protect(text).plain


@dataclass(frozen=True)
class Restored:
    translation: Translation
    #: False when tags were put around the whole sentence for want of an alignment.
    exact: bool


def restore(protected: Protected, translation: Translation) -> Restored:
    """The translation with the source's tags put back (see the module's note); its
    alignment is carried over to the tagged texts' offsets."""
    if not protected.tags:
        return Restored(translation, True)
    text = translation.text
    placed = _by_alignment(protected, translation) if translation.alignment else None
    exact = placed is not None
    insertions = placed if placed is not None else _around(protected, text)
    tagged = _insert(text, insertions)
    alignment = None
    if translation.alignment is not None:
        alignment = _moved(translation.alignment, protected.tags, insertions)
    return Restored(Translation(tagged, alignment), exact)


def _pairs(tags: Sequence[tuple[int, str]]) -> list[tuple[str, int, int | None]]:
    """(number, start, end) for each pair, (number, offset, None) for a self-closing tag."""
    opened: dict[str, int] = {}
    found: list[tuple[str, int, int | None]] = []
    for offset, tag in tags:
        closing, number, lone = TAG.fullmatch(tag).groups()  # type: ignore[union-attr]
        if lone:
            found.append((number, offset, None))
        elif closing:
            found.append((number, opened.pop(number, offset), offset))
        else:
            opened[number] = offset
    return found


def _by_alignment(
    protected: Protected, translation: Translation
) -> list[tuple[int, int, str]] | None:
    """(offset in the translation, order, tag) for every tag, or None when a tag's words
    have no attended target words or the result would not nest."""
    alignment = translation.alignment
    assert alignment is not None
    text = translation.text
    insertions: list[tuple[int, int, str]] = []
    for number, start, end in _pairs(protected.tags):
        if end is None:
            span = alignment.target_span(max(0, start - 1), start) if start else (0, 0)
            if span is None:
                return None
            insertions.append((span[1], 1, f"<{number}/>"))
            continue
        span = alignment.target_span(start, end)
        if span is None:
            return None
        left, right = span
        while left < right and text[left].isspace():
            left += 1
        while right > left and text[right - 1].isspace():
            right -= 1
        insertions.append((left, 2, f"<{number}>"))
        insertions.append((right, 0, f"</{number}>"))
    result = _insert(text, insertions)
    return insertions if well_formed(result) and _same_tags(result, protected) else None


def _around(protected: Protected, text: str) -> list[tuple[int, int, str]]:
    """Every tag around the whole sentence: openings first, closings last, nested."""
    insertions: list[tuple[int, int, str]] = []
    body = len(text.rstrip())
    pairs = _pairs(protected.tags)
    for index, (number, _, end) in enumerate(pairs):
        if end is None:
            insertions.append((body, 3 + index, f"<{number}/>"))
        else:
            insertions.append((0, index, f"<{number}>"))
            insertions.append((body, -index, f"</{number}>"))
    return insertions


def _insert(text: str, insertions: Sequence[tuple[int, int, str]]) -> str:
    ordered = sorted(insertions, key=lambda item: (item[0], item[1]))
    parts: list[str] = []
    position = 0
    for offset, _, tag in ordered:
        parts.append(text[position:offset])
        parts.append(tag)
        position = offset
    parts.append(text[position:])
    return "".join(parts)


def _moved(
    alignment: Alignment,
    source_tags: Sequence[tuple[int, str]],
    target_tags: Sequence[tuple[int, int, str]],
) -> Alignment:
    """The alignment with its character spans moved past the tags now in both texts."""

    def shift(spans: Sequence[Span], tags: Sequence[tuple[int, str]]) -> list[Span]:
        def at(offset: int, inclusive: bool) -> int:
            return offset + sum(
                len(tag) for where, tag in tags if where < offset or (inclusive and where == offset)
            )

        return [(at(start, True), at(end, False)) for start, end in spans]

    target = [(offset, tag) for offset, _, tag in target_tags]
    return Alignment(
        shift(alignment.source_spans, source_tags),
        shift(alignment.target_spans, target),
        alignment.weights,
    )


def well_formed(text: str) -> bool:
    """Every `<n>` closed by its `</n>`, properly nested, no number used twice."""
    stack: list[str] = []
    seen: set[str] = set()
    for match in TAG.finditer(text):
        closing, number, lone = match.groups()
        if closing:
            if not stack or stack.pop() != number:
                return False
            continue
        if number in seen:
            return False
        seen.add(number)
        if not lone:
            stack.append(number)
    return not stack


def source_tags(text: str) -> list[str]:
    """The tags of a text, in order."""
    return [match.group() for match in TAG.finditer(text)]


def _tag_set(text: str) -> list[str]:
    return sorted(match.group() for match in TAG.finditer(text))


def _same_tags(text: str, protected: Protected) -> bool:
    return _tag_set(text) == sorted(tag for _, tag in protected.tags)


def problems(source: str, translation: str) -> list[str]:
    """What is wrong with a translation's tags, compared with its source's: lost, added or
    broken (not closed, badly nested). Empty when they agree or neither has any."""
    if not translation.strip():
        return []
    wanted = source_tags(source)
    found = source_tags(translation)
    found_problems = []
    lost = [tag for tag in wanted if tag not in found]
    added = [tag for tag in found if tag not in wanted]
    if lost:
        found_problems.append(f"lost {' '.join(lost)}")
    if added:
        found_problems.append(f"added {' '.join(added)}")
    if not lost and not added and (not well_formed(translation) or len(found) != len(wanted)):
        found_problems.append("tags not closed or badly nested")
    return found_problems
