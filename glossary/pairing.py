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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
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
    marks = language_pack(language).quotes if language else language_pack("").quotes
    spans: list[tuple[int, int]] = []
    position = 0
    while position < len(text):
        char = text[position]
        closing = marks.get(char)
        if closing is None:
            position += 1
            continue
        end = _closing(text, position + 1, char, closing)
        if end is None:
            # A quotation left open (a segment that ends inside it) runs to the end.
            spans.append((position + 1, len(text)))
            break
        spans.append((position + 1, end))
        position = end + 1
    return spans


def _closing(text: str, start: int, opening: str, closing: str) -> int | None:
    """Where the quotation opened before `start` closes (nested pairs of the same kind
    skipped); None when it never does."""
    depth = 0
    for position in range(start, len(text)):
        char = text[position]
        if char == closing and depth == 0:
            return position
        if char == closing:
            depth -= 1
        elif char == opening and opening != closing:
            depth += 1
    return None


def inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def pair_mentions(
    mentions: Sequence[Mention],
    occurrences: Sequence[Occurrence],
    *,
    source_quotes: Sequence[tuple[int, int]] = (),
    target_quotes: Sequence[tuple[int, int]] = (),
) -> list[Pair]:
    """Each mention with its occurrence, in mention order; each occurrence used once."""
    names: dict[str, set[str]] = {}
    for mention in mentions:
        names.setdefault(mention.concept_id, set()).add(mention.name)
    glosses = _glosses(mentions, occurrences, names)
    quoted_occurrence = [
        inside(target_quotes, o.start, o.end) if target_quotes else False for o in occurrences
    ]
    used: set[int] = set()
    pairs = []
    for mention in mentions:
        quoted = bool(source_quotes) and inside(source_quotes, mention.start, mention.end)
        candidates = [
            i
            for i, occurrence in enumerate(occurrences)
            if i not in used and i not in glosses and occurrence.readings_of(mention.concept_id)
        ]
        if len(names[mention.concept_id]) > 1:
            # The segment itself uses two names of the place: each pairs with its own.
            candidates = [
                i
                for i in candidates
                if mention.name in occurrences[i].names_shown(mention.concept_id)
            ] or candidates
        if quoted:
            # A quoted mention pairs with a quoted occurrence when the translation has one.
            candidates = [i for i in candidates if quoted_occurrence[i]] or candidates
        elif any(quoted_occurrence[i] for i in candidates):
            candidates = [i for i in candidates if not quoted_occurrence[i]] or candidates
        match = candidates[0] if candidates else None
        if match is not None:
            used.add(match)
        pairs.append(Pair(mention, occurrences[match] if match is not None else None, quoted))
    return pairs


def _glosses(
    mentions: Sequence[Mention], occurrences: Sequence[Occurrence], names: dict[str, set[str]]
) -> set[int]:
    """Indexes of occurrences that are glosses: beyond the source's count of a concept's
    mentions, showing only names the source did not use."""
    glosses: set[int] = set()
    for concept_id, used in names.items():
        wanted = sum(1 for m in mentions if m.concept_id == concept_id)
        mine = [i for i, o in enumerate(occurrences) if o.readings_of(concept_id)]
        excess = len(mine) - wanted
        for i in mine:
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
                key in words or (pack.suffixing and any(w.startswith(key) for w in words))
            ):
                return True
    return False


def _small_words(text: str, language: str) -> set[str]:
    pack = language_pack(language)
    return {w for w in _WORD_RUN.findall(pack.fold(text)) if w[:1].islower()}
