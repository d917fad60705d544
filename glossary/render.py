"""Rendering: make a translation say each place the way the glossary does (spec section 4).

A `DocumentRenderer` walks a document's segments in order, so it knows which contested
concepts a reader has already seen with both names. For each segment it pairs the k-th
source mention of a concept with the k-th occurrence of any of that concept's target forms
(`TargetIndex`), and replaces only those occurrences: every other character of the
translation stays as the engine or the reviewer wrote it.

Choices where the spec leaves room (a careful editor's reading):

- A spelling that belongs to several names and cases (ru `Шуши`: Шуша's genitive and the
  nominative of Шуши) is read as its first case in the language's case order; on a tie the
  source's own name wins.
- An occurrence that already carries a secondary keeps it (re-rendered correctly) even
  after the first mention, unless the policy is `contested = "source"`: apply never removes
  text a reviewer added that agrees with the glossary.
- A concept counts as introduced at its first source mention, found or not, so the
  secondary stays where a reader first meets the place once the translation is fixed.
- Armenian article: a `-ը`/`-ն` left over from the engine's word is fitted to the primary
  (`-ն` after a vowel, `-ը` after a consonant). Other suffixes stay exactly as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from newsloc.glossary.match import Matcher, Mention
from newsloc.glossary.model import SUFFIXING_LANGUAGES, Concept, Glossary
from newsloc.glossary.morphology import RU_PREPOSITION_CASES, SUFFIX_CASES, fit_suffix
from newsloc.glossary.target import WORD_CLASS, Occurrence, Reading, TargetIndex

#: `locate(start, end)`: the target span most attended from source characters [start, end).
Locate = Callable[[int, int], tuple[int, int] | None]

PLACED_BY_ALIGNMENT = "glossary: placed by alignment"

_PRECEDING_WORD = re.compile(r"(\w+(?:-\w+)?)\s+$")
_WORD = re.compile(WORD_CLASS)


@dataclass(frozen=True)
class Change:
    """One replacement in a translation, for the reviewer's comment."""

    concept_id: str
    old: str
    new: str
    how: str  # "form": an occurrence was found; "alignment": placed where attention pointed
    start: int
    end: int

    def comment(self) -> str:
        where = " (placed by alignment)" if self.how == "alignment" else ""
        return f'glossary: {self.concept_id}: "{self.old}" → "{self.new}"{where}'


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
        self.index = TargetIndex(glossary, language)
        self.matcher = Matcher(glossary)
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
        pairs = self._pair(mentions, occurrences)
        names: dict[str, set[str]] = {}
        for mention in mentions:
            names.setdefault(mention.concept_id, set()).add(mention.name)

        replacements: list[tuple[int, int, str, Change | None]] = []
        claimed = [(o.start, o.end) for o in occurrences]
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
            occurrence = pair.occurrence
            if occurrence is not None:
                new = self._rendering_for(concept, mention, occurrence, translation, secondary)
                old = translation[occurrence.start : occurrence.end]
                change = None
                if new != old:
                    change = Change(concept.id, old, new, "form", occurrence.start, occurrence.end)
                replacements.append((occurrence.start, occurrence.end, new, change))
                result.notes.append(self._note(concept, mention, secondary))
                continue
            span = self._located(translation, mention, locate, claimed)
            if span is None:
                expected = self._bare_rendering(concept, mention.name, "nom", "", secondary)
                unplaced.append((mention, expected))
                result.notes.append(self._note(concept, mention, secondary))
                continue
            start, end = span
            claimed.append(span)
            old = translation[start:end]
            readings = [r for r in self.index.reading_of(old) if r.case]
            case = readings[0].case if readings else "nom"
            new = self._bare_rendering(concept, mention.name, case or "nom", "", secondary)
            change = Change(concept.id, old, new, "alignment", start, end)
            replacements.append((start, end, new, change))
            result.placed_by_alignment += 1
            result.notes.append(self._note(concept, mention, secondary))

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
                f'glossary: {mention.concept_id}: expected "{expected}" for "{mention.spelling}"'
            )
        if result.placed_by_alignment:
            result.problems.append(PLACED_BY_ALIGNMENT)
        result.notes = list(dict.fromkeys(result.notes))
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
        readings = list(occurrence.readings_of(concept.id))
        # Readings are sorted by case order; on a tie the source's own name wins.
        best = readings[0]
        for reading in readings:
            if reading.case == best.case and reading.name == mention.name:
                best = reading
                break
        case, suffix = best.case or "nom", occurrence.suffix
        if self._case_hidden(concept, best, suffix):
            case, suffix = self._case_from_context(concept, mention.name, occurrence, translation)
        keep = occurrence.secondary is not None and self.policy.contested == "both"
        return self._bare_rendering(concept, mention.name, case, suffix, secondary or keep)

    def _case_hidden(self, concept: Concept, reading: Reading, suffix: str) -> bool:
        """True when the found spelling does not show its case (a one-form name, a variant,
        or in hy/az a nominative with a case ending glued on)."""
        if self.language in SUFFIXING_LANGUAGES:
            return bool(suffix) and reading.case in (None, "nom")
        forms = concept.forms_of(self.language, reading.name)
        return reading.case is None or (forms is not None and len(forms.cases) == 1)

    def _case_from_context(
        self, concept: Concept, name: str, occurrence: Occurrence, translation: str
    ) -> tuple[str, str]:
        """(case, remaining suffix) read from a case ending (hy/az) or a preposition (ru).

        A case the primary has no form for is not used: the nominative and the engine's
        own suffix are kept instead, so nothing the engine wrote is lost.
        """
        forms = concept.forms_of(self.language, name)
        assert forms is not None
        suffix = occurrence.suffix
        if self.language in SUFFIXING_LANGUAGES:
            for ending, case in SUFFIX_CASES.get(self.language, ()):
                if suffix.startswith(ending) and case in forms.cases:
                    return case, suffix[len(ending) :]
            return "nom", suffix
        if self.language == "ru":
            before = _PRECEDING_WORD.search(translation[: occurrence.word_start])
            governed = RU_PREPOSITION_CASES.get(before.group(1).lower()) if before else None
            if governed is not None and governed in forms.cases:
                return governed, suffix
        return "nom", suffix

    def _bare_rendering(
        self, concept: Concept, name: str, case: str, suffix: str, secondary: bool
    ) -> str:
        forms = concept.forms_of(self.language, name)
        assert forms is not None  # mentions() keeps only names with forms
        primary = forms.form(case)
        word = primary + fit_suffix(self.language, primary, suffix)
        other = self.index.secondary_for(concept, name) if secondary else None
        return self.policy.decorate(word, other) if other else word

    def _note(self, concept: Concept, mention: Mention, secondary: bool) -> str:
        rendering = self._bare_rendering(concept, mention.name, "nom", "", secondary)
        return f"glossary: {concept.id}: {mention.spelling} → {rendering}"

    def _located(
        self,
        translation: str,
        mention: Mention,
        locate: Locate | None,
        claimed: list[tuple[int, int]],
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
        if any(start < c_end and c_start < end for c_start, c_end in claimed):
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
