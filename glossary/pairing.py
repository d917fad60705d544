"""Which source mentions count in a language, and which occurrence each one pairs with.

One home for two rules that rendering, checking and the cross-edition audit share
(contract 4.1, 4.3, 4.10):

- `counted_mentions`: a mention counts in a language when its concept has that language
  and a form for the name the source used; rendering also leaves out mentions of an
  ambiguous name (`ambiguous = true` for every name of a concept, `ambiguous = ["Martuni"]`
  for some), which it never rewrites, while checking and the audit keep them.
- `pair_mentions`: the k-th mention of a concept pairs with the k-th occurrence of any
  form of that concept. Three refinements of the contract: where the source segment uses
  two names of a place, each mention pairs with an occurrence of its own name first; a
  mention inside quotation marks
  pairs first with an occurrence inside quotation marks (4.10), and when a segment holds
  more occurrences of a concept than the source has mentions, the extra ones that show
  only a name the source did not use are glosses (`Карвачара (Кельбаджара)`, `(армянское
  название Мартакерт)`) and are left out of the pairing (4.3).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING

from newsloc.glossary.lang import language_pack
from newsloc.glossary.match import Mention
from newsloc.glossary.model import Glossary

_WORD_RUN = re.compile(r"\w+")

if TYPE_CHECKING:
    from newsloc.glossary.target import Occurrence


@dataclass
class Pair:
    """A source mention and the occurrence it pairs with (None: not found)."""

    mention: Mention
    occurrence: Occurrence | None
    #: The mention stands inside quotation marks in the source.
    quoted: bool = False


def counted_mentions(
    glossary: Glossary, language: str, mentions: Iterable[Mention], *, ambiguous: bool = True
) -> list[Mention]:
    """The mentions that count in `language`; `ambiguous=False` leaves out mentions of a
    name marked ambiguous (rendering never touches them): for `ambiguous = ["Martuni"]` a
    source's *Martuni* is left out, its *Khojavend* kept."""
    kept = []
    for mention in mentions:
        concept = glossary.get(mention.concept_id)
        if concept is None or language not in glossary.languages_of(concept):
            continue
        if not ambiguous and concept.is_ambiguous(mention.name):
            continue
        if concept.forms_of(language, mention.name) is None:
            continue
        kept.append(mention)
    return kept


def in_edition_order(glossary: Glossary, language: str, mentions: list[Mention]) -> list[Mention]:
    """Under `order = "edition"`, each mention of a dual place stands for the name the
    edition language's community uses (`community = { hy = "Stepanakert", … }`), whatever
    the source says: that name is the primary and the source's the secondary. Mentions of
    other places, and every mention under `order = "source"`, are returned as they are."""
    if getattr(glossary.policy, "order", "source") != "edition":
        return mentions
    ordered = []
    for mention in mentions:
        concept = glossary.get(mention.concept_id)
        community = getattr(concept, "community", {}) if concept is not None else {}
        name = community.get(language) if isinstance(community, dict) else None
        if (
            concept is not None
            and concept.dual
            and name is not None
            and name != mention.name
            and concept.forms_of(language, name) is not None
        ):
            mention = replace(mention, name=name)
        ordered.append(mention)
    return ordered


def quoted_spans(text: str, language: str = "") -> list[tuple[int, int]]:
    """Spans inside quotation marks (`“…”`, `"…"`, `«…»`, `„…“`), outermost only; a
    quotation never closed runs to the end of the text."""
    marks, openings = _openings(language)
    spans: list[tuple[int, int]] = []
    found = openings.search(text)
    while found is not None:
        position = found.start()
        char = text[position]
        end = _closing(text, position + 1, char, marks[char])
        if end is None:
            # A quotation left open (a segment that ends inside it) runs to the end.
            spans.append((position + 1, len(text)))
            break
        spans.append((position + 1, end))
        found = openings.search(text, end + 1)
    return spans


@lru_cache(maxsize=32)
def _openings(language: str) -> tuple[dict[str, str], re.Pattern[str]]:
    """The language's quotation marks (opening -> closing), and a pattern that finds an
    opening one: the text between marks is skipped in one search, not a letter at a time."""
    marks = language_pack(language).quotes
    return marks, re.compile("[" + re.escape("".join(marks)) + "]")


@lru_cache(maxsize=64)
def _either(opening: str, closing: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(opening + closing) + "]")


def _closing(text: str, start: int, opening: str, closing: str) -> int | None:
    """Where the quotation opened before `start` closes (nested pairs of the same kind
    skipped); None when it never does."""
    depth = 0
    for found in _either(opening, closing).finditer(text, start):
        char = found.group()
        if char == closing and depth == 0:
            return found.start()
        if char == closing:
            depth -= 1
        elif char == opening and opening != closing:
            depth += 1
    return None


def inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) lies inside one of `spans`, which are sorted and disjoint
    (as `quoted_spans` gives them): by bisection, so a long paragraph with many quotations
    and names costs its names times a logarithm, not its names times its quotations."""
    at = bisect_right(spans, start, key=itemgetter(0)) - 1
    return at >= 0 and end <= spans[at][1]


def pair_mentions(
    mentions: Sequence[Mention],
    occurrences: Sequence[Occurrence],
    *,
    source_quotes: Sequence[tuple[int, int]] = (),
    target_quotes: Sequence[tuple[int, int]] = (),
) -> list[Pair]:
    """Each mention with its occurrence, in mention order; each occurrence used once.

    A mention takes the first unused occurrence of its concept, preferring one that shows
    its own name when the segment uses two names of the place, and then one quoted as the
    mention is (or not). Each preference is a queue of occurrences in the translation's
    order, read from where it was left: the pairing costs about the segment's length."""
    names: dict[str, set[str]] = {}
    for mention in mentions:
        names.setdefault(mention.concept_id, set()).add(mention.name)
    glosses = _glosses(mentions, occurrences, names)
    # (concept,), (concept, quoted), and where the segment uses two names of the concept
    # (concept, name), (concept, name, quoted): the occurrences each key admits, in order.
    queues: dict[tuple[str | bool, ...], list[int]] = {}
    for i, occurrence in enumerate(occurrences):
        if i in glosses:
            continue
        quoted = bool(target_quotes) and inside(target_quotes, occurrence.start, occurrence.end)
        for concept_id in dict.fromkeys(r.concept_id for r in occurrence.readings):
            if concept_id not in names:
                continue
            keys: list[tuple[str | bool, ...]] = [(concept_id,), (concept_id, quoted)]
            if len(names[concept_id]) > 1:
                for name in occurrence.names_shown(concept_id) & names[concept_id]:
                    keys += [(concept_id, name), (concept_id, name, quoted)]
            for admitted in keys:
                queues.setdefault(admitted, []).append(i)
    used: set[int] = set()
    read: dict[tuple[str | bool, ...], int] = {}

    def first(key: tuple[str | bool, ...]) -> int | None:
        """The first unused occurrence `key` admits (used ones are passed for good)."""
        queue = queues.get(key, [])
        position = read.get(key, 0)
        while position < len(queue) and queue[position] in used:
            position += 1
        read[key] = position
        return queue[position] if position < len(queue) else None

    pairs = []
    for mention in mentions:
        concept_id = mention.concept_id
        quoted = bool(source_quotes) and inside(source_quotes, mention.start, mention.end)
        key: tuple[str | bool, ...] = (concept_id,)
        if len(names[concept_id]) > 1 and first((concept_id, mention.name)) is not None:
            # The segment itself uses two names of the place: each pairs with its own.
            key = (concept_id, mention.name)
        # A quoted mention pairs with a quoted occurrence when the translation has one,
        # and a mention outside quotation marks with an occurrence outside them.
        match = first((*key, quoted))
        if match is None:
            match = first(key)
        if match is not None:
            used.add(match)
        pairs.append(Pair(mention, occurrences[match] if match is not None else None, quoted))
    return pairs


def _glosses(
    mentions: Sequence[Mention], occurrences: Sequence[Occurrence], names: dict[str, set[str]]
) -> set[int]:
    """Indexes of occurrences that are glosses: beyond the source's count of a concept's
    mentions, showing only names the source did not use."""
    wanted = Counter(m.concept_id for m in mentions)
    mine: dict[str, list[int]] = {}
    for i, occurrence in enumerate(occurrences):
        for concept_id in dict.fromkeys(r.concept_id for r in occurrence.readings):
            if concept_id in names:
                mine.setdefault(concept_id, []).append(i)
    glosses: set[int] = set()
    for concept_id, used in names.items():
        excess = len(mine.get(concept_id, ())) - wanted[concept_id]
        for i in mine.get(concept_id, ()):
            if excess <= 0:
                break
            shown = {r.name for r in occurrences[i].readings_of(concept_id)}
            if not shown & used:
                glosses.add(i)
                excess -= 1
    return glosses


def other_names_shown(
    concept_id: str, names: set[str], occurrences: Iterable[Occurrence], paired: set[int]
) -> bool:
    """True when the segment gives another name of the concept outside the paired
    occurrences (a gloss in any case, order or construction): no secondary is added."""
    for occurrence in occurrences:
        if id(occurrence) in paired:
            continue
        # Any reading of another name counts, even a spelling that is also a form of the
        # source's (ru `Шуша (арм. Шуши)`): it stands apart from the paired one.
        if {r.name for r in occurrence.readings_of(concept_id)} - names:
            return True
    return False


def other_name_in_small_letters(
    glossary: Glossary, language: str, concept_id: str, names: set[str], text: str
) -> bool:
    """True when the text gives another name of the concept in small letters, as a word
    (ru `словом «ханкенди»`: a name quoted as a word, which the index, matching names as
    written, does not find): no secondary is added beside the source's name."""
    concept = glossary.get(concept_id)
    if concept is None:
        return False
    others = {name for name in concept.names if name not in names}
    return name_in_small_letters(glossary, language, concept_id, others, text)


def name_in_small_letters(
    glossary: Glossary, language: str, concept_id: str, names: set[str], text: str
) -> bool:
    """True when a one-word form of one of `names` stands in `text` in small letters (in
    hy and az at the start of a word)."""
    concept = glossary.get(concept_id)
    if concept is None:
        return False
    pack = language_pack(language)
    words = _small_words(text, language)
    for name in names:
        forms = concept.forms_of(language, name)
        if forms is None:
            continue
        for form in forms.cases.values():
            key = pack.lower(pack.fold(form))
            if " " not in key and (
                key in words
                or (pack.suffixing and _starts_a_word(_sorted_small_words(text, language), key))
            ):
                return True
    return False


@lru_cache(maxsize=16)
def _small_words(text: str, language: str) -> frozenset[str]:
    """The words of `text` (folded) that start with a small letter; kept for the last few
    texts, since each concept of a segment asks about the same translation."""
    pack = language_pack(language)
    return frozenset(w for w in _WORD_RUN.findall(pack.fold(text)) if w[:1].islower())


@lru_cache(maxsize=16)
def _sorted_small_words(text: str, language: str) -> tuple[str, ...]:
    return tuple(sorted(_small_words(text, language)))


def _starts_a_word(words: tuple[str, ...], prefix: str) -> bool:
    """A word of the sorted `words` starts with `prefix` (the first not below it would)."""
    at = bisect_left(words, prefix)
    return at < len(words) and words[at].startswith(prefix)
