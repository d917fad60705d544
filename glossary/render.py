"""Rendering: make a translation say each place the way the glossary does (spec section 4).

A `DocumentRenderer` walks a document's segments in order, so it knows which contested
concepts a reader has already seen with both names. For each segment it pairs the k-th
source mention of a concept with the k-th occurrence of any of that concept's target forms
(`TargetIndex`), and replaces only those occurrences: every other character of the
translation stays as the engine or the reviewer wrote it.

Choices where the spec leaves room (a careful editor's reading):

- A spelling is read first as a form of the name the source used (ru `Шуши` is Шуша's
  genitive for a source that says Shusha), then as a form of another name; within those,
  case forms before variants before short forms, and the first case in the language's
  case order.
- An occurrence that already carries a secondary keeps it (re-rendered correctly) even
  after the first mention, unless the policy is `contested = "source"`: apply never removes
  text a reviewer added that agrees with the glossary.
- A concept counts as introduced at its first source mention, found or not, so the
  secondary stays where a reader first meets the place once the translation is fixed.
- hy/az: the suffix the translation attached stays exactly as written (the Armenian `-ն`
  article before a vowel is right after a consonant too); only when the name changes is
  a case ending glued to a form that does not show its case read as that case, so the
  new name takes its own case form.
- A short form (`США`, `ԱՄՆ-ի`) is left as it is; a variant becomes the primary in the
  variant's case; a right form written with ё for е (or the reverse) is left as written.
- Counting: once a concept that is not contested has an occurrence in a segment, its
  further mentions there need none (a pronoun); a contested concept needs one per mention.
- Near misses (`glossary.near_miss`) are tried only for mentions that need an occurrence
  and have none, before the alignment fallback; they join the occurrences before pairing.
- A name in capitals is rendered in capitals, secondary included.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from newsloc.glossary.match import Mention, matcher_for
from newsloc.glossary.model import SUFFIXING_LANGUAGES, Concept, Glossary
from newsloc.glossary.morphology import (
    RU_PREPOSITION_CASES,
    case_ending,
    fold,
    lower,
    same_in_capitals,
    upper,
)
from newsloc.glossary.near_miss import NearMiss, near_miss_finder
from newsloc.glossary.target import FORM, SHORT, WORD_CLASS, Occurrence, Reading, target_index

#: `locate(start, end)`: the target span most attended from source characters [start, end).
Locate = Callable[[int, int], tuple[int, int] | None]

#: Every comment line the glossary writes into a catalogue starts with this: translator
#: comments (changes, problems) and notes alike. The catalogue side recognises its own
#: lines by it (catalog/glossary_qa.py replaces them, catalog/comments.py clears them).
COMMENT_PREFIX = "glossary: "
PLACED_BY_ALIGNMENT = f"{COMMENT_PREFIX}placed by alignment"
NEAR_MISS = "near miss"

_PRECEDING_WORD = re.compile(r"(\w+(?:-\w+)?)\s+$")
_WORD = re.compile(WORD_CLASS)
#: The word just before / just after a position, across spaces only.
_LAST_WORD = re.compile(f"({WORD_CLASS}+)[ \u00a0]+$")
_FIRST_WORD = re.compile(f"[ \u00a0]+({WORD_CLASS}+)")


@dataclass(frozen=True)
class Change:
    """One replacement in a translation, for the reviewer's comment."""

    concept_id: str
    old: str
    new: str
    #: "form": an occurrence was found; "near miss": a misspelling was taken for a form;
    #: "alignment": placed where attention pointed
    how: str
    start: int
    end: int
    #: The source's name the change renders (the mention's `name`).
    name: str = ""
    #: For a near miss: the name whose spelling the misspelling was taken for (usually
    #: `name`; another name of a contested concept when that one was misspelled).
    misspelt_name: str = ""

    def comment(self) -> str:
        where = {"alignment": " (placed by alignment)", NEAR_MISS: " (near miss)"}.get(self.how, "")
        return f'{COMMENT_PREFIX}{self.concept_id}: "{self.old}" → "{self.new}"{where}'


@dataclass
class SegmentRendering:
    """What rendering did to one segment's translation."""

    source: str
    original: str
    text: str
    mentions: int = 0
    changes: list[Change] = field(default_factory=list)
    #: One line each, for `# ` translator comments; a non-empty list means "review me".
    problems: list[str] = field(default_factory=list)
    #: One line each, for `#.` extracted comments: what the glossary asked for.
    notes: list[str] = field(default_factory=list)
    placed_by_alignment: int = 0
    #: Mentions whose name was found as a near miss (misspelled) and replaced.
    near_misses: int = 0
    #: Mentions whose name could not be found or placed (each also has a problem line).
    not_found: int = 0

    @property
    def changed(self) -> bool:
        return self.text != self.original

    @property
    def needs_review(self) -> bool:
        """True when the catalogue entry must be marked fuzzy."""
        return self.changed or bool(self.problems)

    def comments(self) -> list[str]:
        """Translator-comment lines: every change, then every problem."""
        return [change.comment() for change in self.changes] + list(self.problems)


def _left_untranslated(source: str, mention: Mention, translation: str, near: NearMiss) -> bool:
    """True when the near miss is the source's own words inside a phrase the engine left
    in English (Argos's `North Africa` in Azerbaijani): rewriting the name alone would
    write a half-translated phrase (`North Afrika`), so the entry stays flagged instead."""
    if translation[near.start : near.end] != source[mention.start : mention.end]:
        return False
    before = _word_before(source, mention.start)
    after = _word_after(source, mention.end)
    return bool(before and before == _word_before(translation, near.start)) or bool(
        after and after == _word_after(translation, near.end)
    )


def _word_before(text: str, position: int) -> str:
    found = _LAST_WORD.search(text, 0, position)
    return found.group(1) if found else ""


def _word_after(text: str, position: int) -> str:
    found = _FIRST_WORD.match(text, position)
    return found.group(1) if found else ""


@dataclass
class _Pair:
    mention: Mention
    occurrence: Occurrence | None


class DocumentRenderer:
    """Renders a document's segments in order, remembering which concepts were introduced."""

    def __init__(self, glossary: Glossary, language: str):
        self.glossary = glossary
        self.language = language
        self.policy = glossary.policy
        self.index = target_index(glossary, language)
        self.matcher = matcher_for(glossary)
        self.near_misses = near_miss_finder(self.index)
        self.introduced: set[str] = set()

    def applies_to(self, concept: Concept) -> bool:
        """Rendering touches a concept only when it is unambiguous and has forms here."""
        return not concept.ambiguous and self.language in self.glossary.languages_of(concept)

    def mentions(self, source: str) -> list[Mention]:
        """The source mentions rendering acts on, in order."""
        found = []
        for mention in self.matcher.find(source):
            concept = self.glossary.get(mention.concept_id)
            if concept is None or not self.applies_to(concept):
                continue
            if concept.forms_of(self.language, mention.name) is None:
                continue
            found.append(mention)
        return found

    def wants_secondary(self, concept: Concept, names_in_segment: set[str], first: bool) -> bool:
        """Whether this mention gets the other name(s) beside it (spec 4.3)."""
        if not concept.contested or self.policy.contested != "both":
            return False
        if len(names_in_segment) > 1:
            return False
        return first or self.policy.scope == "every"

    def pass_over(self, source: str) -> None:
        """Count a segment's mentions as met without rendering it (an untranslated entry),
        so the secondary stays where the document first mentions the place."""
        self.introduced.update(mention.concept_id for mention in self.mentions(source))

    def render(
        self, source: str, translation: str, locate: Locate | None = None
    ) -> SegmentRendering:
        """Render one segment; `locate` is consulted only for mentions not found by form."""
        result = SegmentRendering(source=source, original=translation, text=translation)
        mentions = self.mentions(source)
        result.mentions = len(mentions)
        if not mentions:
            return result
        occurrences = self.index.find(translation)
        spans = [(o.start, o.end) for o in occurrences]  # alignment never lands on a name
        pairs = self._pair(mentions, occurrences)
        near_misses = self._near_misses(pairs, occurrences, source, translation)
        if near_misses:
            # Misspelled names join the occurrences before pairing, so the k-th mention
            # still pairs with the k-th name in the translation's order.
            found = [occurrence for occurrence, _ in near_misses.values()]
            occurrences = sorted([*occurrences, *found], key=lambda o: o.start)
            pairs = self._pair(mentions, occurrences)
        names: dict[str, set[str]] = {}
        for mention in mentions:
            names.setdefault(mention.concept_id, set()).add(mention.name)

        replacements: list[tuple[int, int, str, Change | None]] = []
        taken = [(p.occurrence.start, p.occurrence.end) for p in pairs if p.occurrence]
        found_concepts = {p.mention.concept_id for p in pairs if p.occurrence is not None}
        unplaced: list[tuple[Mention, str]] = []
        seen_in_segment: set[str] = set()
        for pair in pairs:
            mention = pair.mention
            concept = self.glossary.concept(mention.concept_id)
            first = mention.concept_id not in self.introduced and (
                mention.concept_id not in seen_in_segment
            )
            seen_in_segment.add(mention.concept_id)
            secondary = self.wants_secondary(concept, names[concept.id], first)
            result.notes.append(self._note(concept, mention, secondary))
            occurrence = pair.occurrence
            if occurrence is not None:
                near = near_misses.get(id(occurrence), (None, None))[1]
                how = NEAR_MISS if near is not None else "form"
                if near is not None:
                    new = self._near_miss_rendering(concept, mention, near, translation, secondary)
                    result.near_misses += 1
                else:
                    new = self._rendering_for(concept, mention, occurrence, translation, secondary)
                old = translation[occurrence.start : occurrence.end]
                change = None
                if new != old:
                    change = Change(
                        concept.id,
                        old,
                        new,
                        how,
                        occurrence.start,
                        occurrence.end,
                        name=mention.name,
                        misspelt_name=near.reading.name if near is not None else "",
                    )
                replacements.append((occurrence.start, occurrence.end, new, change))
                continue
            if not concept.contested and concept.id in found_concepts:
                continue  # a further mention, rendered by a pronoun or left out (spec 4.8)
            span = self._located(translation, mention, locate, taken + spans)
            if span is None:
                expected = self._bare_rendering(concept, mention.name, "nom", "", secondary)
                unplaced.append((mention, expected))
                continue
            start, end = span
            taken.append(span)
            old = translation[start:end]
            readings = [r for r in self.index.reading_of(old) if r.concept_id == concept.id]
            case = readings[0].case if readings else "nom"
            new = self._bare_rendering(concept, mention.name, case, "", secondary)
            change = Change(concept.id, old, new, "alignment", start, end, name=mention.name)
            replacements.append((start, end, new, change))
            result.placed_by_alignment += 1
            found_concepts.add(concept.id)

        self.introduced.update(names)
        text = translation
        for start, end, new, _ in sorted(replacements, key=lambda r: r[0], reverse=True):
            text = text[:start] + new + text[end:]
        result.text = text
        result.changes = sorted(
            (c for *_, c in replacements if c is not None), key=lambda c: c.start
        )
        result.not_found = len(unplaced)
        for mention, expected in unplaced:
            result.problems.append(
                f'{COMMENT_PREFIX}{mention.concept_id}: expected "{expected}" for '
                f'"{mention.spelling}"'
            )
        if result.placed_by_alignment:
            result.problems.append(PLACED_BY_ALIGNMENT)
        result.notes = list(dict.fromkeys(result.notes))
        return result

    def _near_misses(
        self, pairs: list[_Pair], occurrences: list[Occurrence], source: str, translation: str
    ) -> dict[int, tuple[Occurrence, NearMiss]]:
        """Misspelled names (spec 4.6) for the mentions that need an occurrence and have
        none, as occurrences of their own: id(occurrence) -> (occurrence, near miss)."""
        found = {pair.mention.concept_id for pair in pairs if pair.occurrence is not None}
        taken = [(p.occurrence.start, p.occurrence.end) for p in pairs if p.occurrence]
        spans = [(occurrence.start, occurrence.end) for occurrence in occurrences]
        result: dict[int, tuple[Occurrence, NearMiss]] = {}
        for pair in pairs:
            concept = self.glossary.concept(pair.mention.concept_id)
            if pair.occurrence is not None or (not concept.contested and concept.id in found):
                continue
            near = self.near_misses.find(concept, pair.mention.name, translation, taken, spans)
            if near is None or _left_untranslated(source, pair.mention, translation, near):
                continue
            taken.append((near.start, near.end))
            found.add(concept.id)
            occurrence = Occurrence(
                start=near.start,
                end=near.end,
                word_start=near.start,
                word_end=near.end,
                form=translation[near.start : near.end - len(near.suffix)],
                suffix=near.suffix,
                readings=(near.reading,),
            )
            result[id(occurrence)] = (occurrence, near)
        return result

    def _pair(self, mentions: list[Mention], occurrences: list[Occurrence]) -> list[_Pair]:
        """k-th mention of a concept with its k-th occurrence; each occurrence used once."""
        used: set[int] = set()
        pairs = []
        for mention in mentions:
            match = None
            for i, occurrence in enumerate(occurrences):
                if i not in used and occurrence.readings_of(mention.concept_id):
                    match = i
                    break
            if match is not None:
                used.add(match)
            pairs.append(_Pair(mention, occurrences[match] if match is not None else None))
        return pairs

    def _rendering_for(
        self,
        concept: Concept,
        mention: Mention,
        occurrence: Occurrence,
        translation: str,
        secondary: bool,
    ) -> str:
        old = translation[occurrence.start : occurrence.end]
        readings = occurrence.readings_of(concept.id)
        # Read as a form of the source's name first (spec 4.2); readings come sorted by
        # kind (form, variant, short) and case order.
        best = next((r for r in readings if r.name == mention.name), readings[0])
        if best.kind == SHORT:
            return old  # a short form counts as the name and is never rewritten
        case, suffix = best.case, occurrence.suffix
        # The source's own name with a suffix glued on stays the word the translation
        # wrote (az `Stepanakertdakı` is not respelt `Stepanakertdəkı`); only when the
        # name changes is a case ending read, so the new name takes its own case form.
        own_word = best.name == mention.name and best.kind == FORM and bool(suffix)
        if self._case_hidden(best, suffix) and not own_word:
            case, suffix = self._case_from_context(
                concept, mention.name, suffix, translation[: occurrence.word_start]
            )
        keep = occurrence.secondary is not None and self.policy.contested == "both"
        new = self._bare_rendering(
            concept, mention.name, case, suffix, secondary or keep, occurrence.capitals
        )
        if occurrence.capitals and same_in_capitals(self.language, new, old):
            return old
        return self._as_written(new, old, translation[occurrence.word_start : occurrence.word_end])

    def _near_miss_rendering(
        self, concept: Concept, mention: Mention, near: NearMiss, translation: str, secondary: bool
    ) -> str:
        """A near miss in its case: in hy/az the finder read the case (a case ending after
        the misspelled stem) and what follows it; in ru a hidden case comes from the
        preposition, as for a found form."""
        if near.case is not None:
            return self._bare_rendering(concept, mention.name, near.case, near.rest, secondary)
        case, suffix = near.reading.case, near.suffix
        if self._case_hidden(near.reading, suffix):
            case, suffix = self._case_from_context(
                concept, mention.name, suffix, translation[: near.start]
            )
        return self._bare_rendering(concept, mention.name, case, suffix, secondary)

    def _as_written(self, new: str, old: str, old_word: str) -> str:
        """`new`, keeping the translation's own spelling where it differs only in ё/е: the
        whole rendering when that is all, else the primary word."""
        if fold(self.language, new) == fold(self.language, old):
            return old
        if fold(self.language, new).startswith(fold(self.language, old_word)):
            return old_word + new[len(old_word) :]
        return new

    def _case_hidden(self, reading: Reading, suffix: str) -> bool:
        """True when the found spelling does not show its case (one form for every case,
        or in hy/az a nominative with a case ending glued on)."""
        if self.language in SUFFIXING_LANGUAGES:
            return bool(suffix) and (reading.case == "nom" or reading.one_form)
        return reading.one_form

    def _case_from_context(
        self, concept: Concept, name: str, suffix: str, before: str
    ) -> tuple[str, str]:
        """(case, remaining suffix) read from a case ending (hy/az) or a preposition (ru).

        A case the primary has no form for is not used: the nominative and the engine's
        own suffix are kept instead, so nothing the engine wrote is lost.
        """
        forms = concept.forms_of(self.language, name)
        assert forms is not None
        if self.language in SUFFIXING_LANGUAGES:
            found = case_ending(self.language, lower(self.language, suffix), forms.cases)
            if found is not None:
                ending, case = found
                return case, suffix[len(ending) :]
            return "nom", suffix
        if self.language == "ru":
            preceding = _PRECEDING_WORD.search(before)
            governed = RU_PREPOSITION_CASES.get(preceding.group(1).lower()) if preceding else None
            if governed is not None and governed in forms.cases:
                return governed, suffix
        return "nom", suffix

    def _bare_rendering(
        self,
        concept: Concept,
        name: str,
        case: str,
        suffix: str,
        secondary: bool,
        capitals: bool = False,
    ) -> str:
        """The primary in `case` with the suffix as written, and the secondary if asked;
        all in capitals when the occurrence was."""
        forms = concept.forms_of(self.language, name)
        assert forms is not None  # mentions() keeps only names with forms
        primary = forms.form(case)
        other = self.index.secondary_for(concept, name) if secondary else None
        if capitals:
            primary = upper(self.language, primary)
            other = upper(self.language, other) if other else other
        word = primary + suffix
        return self.policy.decorate(word, other) if other else word

    def _note(self, concept: Concept, mention: Mention, secondary: bool) -> str:
        rendering = self._bare_rendering(concept, mention.name, "nom", "", secondary)
        return f"{COMMENT_PREFIX}{concept.id}: {mention.spelling} → {rendering}"

    def _located(
        self,
        translation: str,
        mention: Mention,
        locate: Locate | None,
        taken: list[tuple[int, int]],
    ) -> tuple[int, int] | None:
        """The alignment's span for a mention, widened to whole words; None if unusable."""
        if locate is None:
            return None
        span = locate(mention.start, mention.end)
        if span is None:
            return None
        start, end = max(0, span[0]), min(len(translation), span[1])
        while start < end and not _WORD.match(translation[start]):
            start += 1
        while end > start and not _WORD.match(translation[end - 1]):
            end -= 1
        if start >= end:
            return None
        while start > 0 and _WORD.match(translation[start - 1]):
            start -= 1
        while end < len(translation) and _WORD.match(translation[end]):
            end += 1
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            return None
        return start, end


def render_segments(
    glossary: Glossary,
    language: str,
    segments: Iterable[tuple[str, str] | tuple[str, str, Locate | None]],
) -> list[SegmentRendering]:
    """Render a whole document's (source, translation[, locate]) segments in order."""
    renderer = DocumentRenderer(glossary, language)
    results = []
    for segment in segments:
        source, translation = segment[0], segment[1]
        locate = segment[2] if len(segment) > 2 else None
        results.append(renderer.render(source, translation, locate))
    return results
