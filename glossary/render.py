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
  case order. A form that is both the primary's form and the secondary is written once
  (`X (X)` never is); a spelling of two names the words before it do not settle is left
  and flagged with both readings (a `Suggestion`).
- Rewrite only what is certain (4.11): a case the found form does not show comes from the
  words before it (the language pack), a suffix moved to a new stem is refitted (hy
  article, az harmony), a Russian subject that would change gender before its verb is
  left; otherwise the text stays and the entry carries `glossary: suggest: «…» for «…»`.
- An occurrence that already carries a secondary keeps it (re-rendered correctly) even
  after the first mention, unless the concept is not dual: apply never removes text a
  reviewer added that agrees with the glossary. Another name given anywhere in the
  segment introduces the place (4.3): nothing is added. Inside quotation marks (4.10)
  nothing is added and another name is not switched.
- A concept's own `contested = "source"` keeps its other names as written (recognised);
  a policy of "source" rewrites them to the source's name.
- A concept counts as introduced at its first source mention, found or not, so the
  secondary stays where a reader first meets the place once the translation is fixed.
- hy/az: on the source's own name the suffix stays exactly as written; only when the name
  changes is a case ending glued to a form that does not show its case read as that case,
  so the new name takes its own case form.
- A short form (`США`, `ԱՄՆ-ի`) is left as it is; a variant becomes the primary in the
  variant's case; a right form written with ё for е (or the reverse) is left as written.
- Counting: once a concept that is not contested has an occurrence in a segment, its
  further mentions there need none (a pronoun); a contested concept needs one per mention.
- Near misses (`glossary.near_miss`) are tried only for mentions that need an occurrence
  and have none, before the alignment fallback; they join the occurrences before pairing.
- A name in capitals is rendered in capitals, secondary included.
- Text in Unicode's decomposed form (NFD) is rendered as its NFC reads, and only the
  words rewritten change in it (`render`); a word with an Armenian mark inside it
  (`Ստեփանակե՞րտ`, `Խանքենդի՞ն`), found or misspelled, is never rewritten: apply's
  rendering of it is a suggestion (4.11).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from newsloc.glossary.lang import language_pack
from newsloc.glossary.match import Mention, matcher_for
from newsloc.glossary.model import Concept, Glossary
from newsloc.glossary.morphology import fold, same_in_capitals, upper
from newsloc.glossary.near_miss import NearMiss, near_miss_finder
from newsloc.glossary.pairing import (
    Pair,
    counted_mentions,
    in_edition_order,
    inside,
    name_in_small_letters,
    other_name_in_small_letters,
    other_names_shown,
    pair_mentions,
    quoted_spans,
)
from newsloc.glossary.target import FORM, SHORT, WORD_CLASS, Occurrence, Reading, target_index
from newsloc.glossary.textnorm import nfc, nfc_view

#: `locate(start, end)`: the target span most attended from source characters [start, end).
Locate = Callable[[int, int], tuple[int, int] | None]

#: Every comment line the glossary writes into a catalogue starts with this: translator
#: comments (changes, problems) and notes alike. The catalogue side recognises its own
#: lines by it (catalog/glossary_qa.py replaces them, catalog/comments.py clears them).
COMMENT_PREFIX = "glossary: "
PLACED_BY_ALIGNMENT = f"{COMMENT_PREFIX}placed by alignment"
NEAR_MISS = "near miss"

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
    #: The name the found spelling was read as (another name than `name`: the wrong name).
    read_as: str = ""

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
    #: Renderings left unwritten (ambiguous, uncertain, quoted): each also a problem line.
    suggestions: list[Suggestion] = field(default_factory=list)

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
    write a half-translated phrase (`North Afrika`), so the entry stays flagged instead.
    (The translation is read in NFC; the source as written, so it is compared in NFC.)"""
    if translation[near.start : near.end] != nfc(source[mention.start : mention.end]):
        return False
    before = nfc(_word_before(source, mention.start))
    after = nfc(_word_after(source, mention.end))
    return bool(before and before == _word_before(translation, near.start)) or bool(
        after and after == _word_after(translation, near.end)
    )


def _word_before(text: str, position: int) -> str:
    found = _LAST_WORD.search(text, 0, position)
    return found.group(1) if found else ""


def _word_after(text: str, position: int) -> str:
    found = _FIRST_WORD.match(text, position)
    return found.group(1) if found else ""


@dataclass(frozen=True)
class Suggestion:
    """A rendering `apply` would write if it could be sure of it (contract 4.11): the text
    is left as it is, the entry flagged, and the suggestion put in a translator comment."""

    concept_id: str
    old: str
    new: str
    #: Why it is only a suggestion (for the comment and for `check`).
    reason: str
    #: AMBIGUOUS (two readings), UNCERTAIN (case or agreement), QUOTED (inside quotes).
    kind: str
    start: int
    end: int
    name: str = ""
    #: The name the found spelling was read as, when the sentence settles it.
    read_as: str = ""

    def comment(self) -> str:
        where = f"{self.concept_id}: {self.reason}"
        return f"{COMMENT_PREFIX}suggest: «{self.new}» for «{self.old}» ({where})"


#: Why a word with a mark inside it (hy `Ստեփանակե՞րտ`, `Խանքենդի՞ն`) is not rewritten.
_MARKED = "a mark inside the word would be lost or left behind"

AMBIGUOUS = "ambiguous"
UNCERTAIN = "uncertain"
QUOTED = "quoted"

_CASE_NAMES = {
    "nom": "nominative",
    "gen": "genitive",
    "dat": "dative",
    "acc": "accusative",
    "ins": "instrumental",
    "loc": "locative",
    "abl": "ablative",
}


@dataclass(frozen=True)
class _Outcome:
    """What one found occurrence becomes: a rendering, or a suggestion only."""

    new: str | None
    suggestion: Suggestion | None = None
    #: The name the occurrence was read as.
    read_as: str = ""


def is_dual(glossary: Glossary, concept: Concept) -> bool:
    """`concept.dual`: every name is kept, the secondary demanded and inserted. A concept
    not resolved for a policy (no `contested_setting`) follows the glossary's policy."""
    if concept.contested_setting is None and concept.contested:
        return glossary.policy.contested != "source"
    return concept.dual


def recognised_only(concept: Concept) -> bool:
    """True for a contested concept whose own setting is `contested = "source"` (the file's,
    not the policy's): its other names are accepted where a translation uses them, never
    demanded, inserted or switched."""
    own = getattr(concept, "contested_own", concept.contested_setting)
    return concept.contested and own == "source"


class DocumentRenderer:
    """Renders a document's segments in order, remembering which concepts were introduced."""

    def __init__(self, glossary: Glossary, language: str):
        self.glossary = glossary
        self.language = language
        self.pack = language_pack(language)
        self.policy = glossary.policy
        self.index = target_index(glossary, language)
        self.matcher = matcher_for(glossary)
        self.near_misses = near_miss_finder(self.index)
        self.introduced: set[str] = set()
        self.verbatim = getattr(self.policy, "quotes", "verbatim") == "verbatim"

    def applies_to(self, concept: Concept) -> bool:
        """Rendering touches a concept only when it has an unambiguous name and forms here
        (a mention of an ambiguous name itself is left out by `mentions`)."""
        return not concept.wholly_ambiguous and self.language in self.glossary.languages_of(concept)

    def mentions(self, source: str) -> list[Mention]:
        """The source mentions rendering acts on, in order."""
        found = self.matcher.find(source)
        counted = counted_mentions(self.glossary, self.language, found, ambiguous=False)
        return in_edition_order(self.glossary, self.language, counted)

    def wants_secondary(self, concept: Concept, names_in_segment: set[str], first: bool) -> bool:
        """Whether this mention gets the other name(s) beside it (spec 4.3)."""
        if not is_dual(self.glossary, concept):
            return False
        if len(names_in_segment) > 1:
            return False
        return first or self.policy.scope == "every"

    def pass_over(self, source: str) -> None:
        """Count a segment's mentions as met without rendering it (an untranslated entry),
        so the secondary stays where the document first mentions the place."""
        self.introduced.update(mention.concept_id for mention in self.mentions(source))

    def pair(self, source: str, translation: str, mentions: list[Mention]) -> list[Pair]:
        """The segment's mentions paired with their occurrences (`pairing.pair_mentions`)."""
        return pair_mentions(
            mentions,
            self.index.find(translation),
            source_quotes=quoted_spans(source),
            target_quotes=quoted_spans(translation, self.language),
        )

    def render(
        self, source: str, translation: str, locate: Locate | None = None
    ) -> SegmentRendering:
        """Render one segment; `locate` is consulted only for mentions not found by form.

        A translation not in NFC (az `Ş` written `S` + U+0327) is rendered as its NFC
        reads, exactly as composed text would be, and the rewrites are then made in the
        text as written: only the words a rewrite changes are replaced (written as the
        glossary writes them), every other character keeps its code points
        (`textnorm.NfcView.rewrite`). The changes' and
        suggestions' `start`/`end` index the translation as written; their `old` and
        `new`, like the comments, are as read."""
        view = nfc_view(translation)
        if view is None:
            return self._render(source, translation, locate)
        located = locate
        if locate is not None:

            def located(start: int, end: int) -> tuple[int, int] | None:
                span = locate(start, end)
                return None if span is None else view.text_span(*span)

        result = self._render(source, view.text, located)
        result.original = translation
        result.text = view.rewrite((c.start, c.end, c.new) for c in result.changes)
        result.changes = view.moved(result.changes)
        result.suggestions = view.moved(result.suggestions)
        return result

    def _render(
        self, source: str, translation: str, locate: Locate | None = None
    ) -> SegmentRendering:
        result = SegmentRendering(source=source, original=translation, text=translation)
        mentions = self.mentions(source)
        result.mentions = len(mentions)
        if not mentions:
            return result
        occurrences = self.index.find(translation)
        spans = [(o.start, o.end) for o in occurrences]  # alignment never lands on a name
        source_quotes = quoted_spans(source)
        target_quotes = quoted_spans(translation, self.language)

        def pair(found: list[Occurrence]) -> list[Pair]:
            return pair_mentions(
                mentions, found, source_quotes=source_quotes, target_quotes=target_quotes
            )

        pairs = pair(occurrences)
        near_misses = self._near_misses(pairs, occurrences, source, translation)
        if near_misses:
            # Misspelled names join the occurrences before pairing, so the k-th mention
            # still pairs with the k-th name in the translation's order.
            found = [occurrence for occurrence, _ in near_misses.values()]
            occurrences = sorted([*occurrences, *found], key=lambda o: o.start)
            pairs = pair(occurrences)
        names: dict[str, set[str]] = {}
        for mention in mentions:
            names.setdefault(mention.concept_id, set()).add(mention.name)
        paired = {id(p.occurrence) for p in pairs if p.occurrence is not None}
        # Each concept looks only at the occurrences that read as it.
        of_concept: dict[str, list[Occurrence]] = {}
        for each in occurrences:
            for concept_id in dict.fromkeys(r.concept_id for r in each.readings):
                of_concept.setdefault(concept_id, []).append(each)
        glossed = {
            concept_id
            for concept_id, shown in names.items()
            if other_names_shown(concept_id, shown, of_concept.get(concept_id, ()), paired)
            or other_name_in_small_letters(
                self.glossary, self.language, concept_id, shown, translation
            )
        }

        replacements: list[tuple[int, int, str, Change | None]] = []
        taken = [(p.occurrence.start, p.occurrence.end) for p in pairs if p.occurrence]
        found_concepts = {p.mention.concept_id for p in pairs if p.occurrence is not None}
        unplaced: list[tuple[Mention, str]] = []
        seen_in_segment: set[str] = set()
        # (concept, name) -> the names of the mentions whose paired occurrence shows it
        shown_for: dict[tuple[str, str], set[str]] = {}
        for p in pairs:
            if p.occurrence is not None:
                concept_id = p.mention.concept_id
                for shown_name in p.occurrence.names_shown(concept_id):
                    shown_for.setdefault((concept_id, shown_name), set()).add(p.mention.name)
        for pair_ in pairs:
            mention = pair_.mention
            concept = self.glossary.concept(mention.concept_id)
            first = mention.concept_id not in self.introduced and (
                mention.concept_id not in seen_in_segment
            )
            seen_in_segment.add(mention.concept_id)
            # The quotation rule holds where the translation quotes the mention too.
            quoted = (
                pair_.quoted
                and self.verbatim
                and pair_.occurrence is not None
                and inside(target_quotes, pair_.occurrence.start, pair_.occurrence.end)
            )
            secondary = (
                self.wants_secondary(concept, names[concept.id], first)
                and concept.id not in glossed
                and not quoted
            )
            result.notes.append(self._note(concept, mention, secondary))
            occurrence = pair_.occurrence
            if occurrence is not None:
                near = near_misses.get(id(occurrence), (None, None))[1]
                how = NEAR_MISS if near is not None else "form"
                if quoted:
                    # Inside quotation marks the speaker's name stays: another name is
                    # flagged, never switched; the source's own name is only spelled as
                    # the glossary spells it (a variant, a misspelling), nothing added.
                    suggestion = self._quoted(concept, mention, occurrence, translation)
                    if suggestion is not None:
                        result.suggestions.append(suggestion)
                        continue
                read_as = ""
                if near is not None:
                    new: str | None = self._near_miss_rendering(
                        concept, mention, near, translation, secondary
                    )
                    if new is not None and self.pack.mark_inside_word(
                        translation, near.start, near.end
                    ):
                        # hy `Ստեփանոկերտի՞ն`: the misspelled word is left as written.
                        result.suggestions.append(
                            Suggestion(
                                concept.id,
                                translation[near.start : near.end],
                                new,
                                _MARKED,
                                UNCERTAIN,
                                near.start,
                                near.end,
                                mention.name,
                            )
                        )
                        continue
                    result.near_misses += 1
                else:
                    outcome = self._rendering_for(
                        concept, mention, occurrence, translation, secondary, names[concept.id]
                    )
                    new = outcome.new
                    read_as = outcome.read_as
                    if outcome.suggestion is not None:
                        result.suggestions.append(outcome.suggestion)
                if new is None:
                    continue
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
                        read_as=read_as,
                    )
                replacements.append((occurrence.start, occurrence.end, new, change))
                continue
            if not concept.contested and concept.id in found_concepts:
                continue  # a further mention, rendered by a pronoun or left out (spec 4.8)
            if shown_for.get((concept.id, mention.name), set()) - {mention.name}:
                continue  # one word shows both names (ru `Шуши`, or `X (Y)`): counts as both
            if pair_.quoted and name_in_small_letters(
                self.glossary, self.language, concept.id, {mention.name}, translation
            ):
                continue  # a quoted name quoted as a word, in small letters (`«ханкенди»`)
            span = self._located(translation, mention, locate, taken + spans if locate else [])
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
        # One join: cutting the text once per replacement would cost its length each time.
        pieces, position = [], 0
        for start, end, new_text, _ in sorted(replacements, key=lambda r: r[0]):
            pieces += [translation[position:start], new_text]
            position = end
        result.text = "".join([*pieces, translation[position:]])
        result.changes = sorted(
            (c for *_, c in replacements if c is not None), key=lambda c: c.start
        )
        result.not_found = len(unplaced)
        for mention, expected in unplaced:
            result.problems.append(
                f'{COMMENT_PREFIX}{mention.concept_id}: expected "{expected}" for '
                f'"{mention.spelling}"'
            )
        for suggestion in result.suggestions:
            result.problems.append(suggestion.comment())
        if result.placed_by_alignment:
            result.problems.append(PLACED_BY_ALIGNMENT)
        result.notes = list(dict.fromkeys(result.notes))
        return result

    def _quoted(
        self, concept: Concept, mention: Mention, occurrence: Occurrence, translation: str
    ) -> Suggestion | None:
        """Inside quotation marks (4.10): the source's name as the speaker said it, nothing
        added, nothing rewritten; a departure is flagged with what the glossary writes."""
        readings = occurrence.readings_of(concept.id)
        if any(r.name == mention.name for r in readings):
            return None
        old = translation[occurrence.start : occurrence.end]
        best = readings[0]
        new = self._bare_rendering(concept, mention.name, best.case, "", False)
        return Suggestion(
            concept.id,
            old,
            new,
            "inside a quotation the source's name is kept as said; not rewritten",
            QUOTED,
            occurrence.start,
            occurrence.end,
            mention.name,
        )

    def _near_misses(
        self, pairs: list[Pair], occurrences: list[Occurrence], source: str, translation: str
    ) -> dict[int, tuple[Occurrence, NearMiss]]:
        """Misspelled names (spec 4.6) for the mentions that need an occurrence and have
        none, as occurrences of their own: id(occurrence) -> (occurrence, near miss)."""
        found = {pair.mention.concept_id for pair in pairs if pair.occurrence is not None}
        result: dict[int, tuple[Occurrence, NearMiss]] = {}
        search = None
        for pair in pairs:
            concept = self.glossary.concept(pair.mention.concept_id)
            if pair.occurrence is not None or (not concept.contested and concept.id in found):
                continue
            if search is None:
                # The translation is read once for every mention that looks for one.
                search = self.near_misses.search(
                    translation, [(occurrence.start, occurrence.end) for occurrence in occurrences]
                )
                for p in pairs:
                    if p.occurrence is not None:
                        search.take(p.occurrence.start, p.occurrence.end)
            near = search.find(concept, pair.mention.name)
            if near is None or _left_untranslated(source, pair.mention, translation, near):
                continue
            search.take(near.start, near.end)
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

    def _rendering_for(
        self,
        concept: Concept,
        mention: Mention,
        occurrence: Occurrence,
        translation: str,
        secondary: bool,
        mentioned: set[str] = frozenset(),  # type: ignore[assignment]
    ) -> _Outcome:
        """What the occurrence becomes; `mentioned` are the concept's names the source
        segment uses (a spelling of two of them is no ambiguity)."""
        old = translation[occurrence.start : occurrence.end]
        readings = occurrence.readings_of(concept.id)
        before = translation[: occurrence.word_start]
        # Read as a form of the source's name first (spec 4.2); readings come sorted by
        # kind (form, variant, short) and case order.
        own = [r for r in readings if r.name == mention.name]
        best = own[0] if own else readings[0]
        if best.kind == SHORT:
            return _Outcome(old)  # a short form counts as the name and is never rewritten
        if not own and any(
            r.name == mention.name
            for r in occurrence.secondary_readings
            if r.concept_id == concept.id
        ):
            return _Outcome(old)  # both names, the other first (`Karvaçar (Kəlbəcər)`): 4.3
        if not own and best.kind == FORM and recognised_only(concept):
            # A place whose own setting is `contested = "source"`: its other names are
            # recognised spellings, accepted where a translation uses them, never switched
            # (contract 2). A policy of "source" for every place rewrites them instead.
            return _Outcome(old, read_as=best.name)
        keep = occurrence.secondary is not None and is_dual(self.glossary, concept)
        others = [
            r
            for r in readings
            if r.name != mention.name and r.kind == FORM and r.name not in mentioned
        ]
        settled_case: str | None = None
        if (
            own
            and others
            and not occurrence.suffix
            and occurrence.secondary is None
            and all(r.case != "nom" for r in own)
        ):
            # One spelling, two readings (ru `Шуши`: Шуша's genitive, or the name Shushi).
            # The source's name is read when the words before allow its case (`жители`,
            # `из`, `города`); the other name when they ask a case the source's name would
            # show otherwise (`в Шуши`: Шуша's locative is `Шуше`); else it is unsettled.
            allowed = self.pack.governed_cases(before)
            if allowed == {"nom"}:
                allowed = frozenset()  # a sentence may begin with a genitive (`Шуши жители`)
            own_cases = {r.case for r in own}
            if allowed & own_cases:
                best = next(r for r in own if r.case in allowed)
            elif allowed:
                best = others[0]
                settled_case = next(iter(allowed)) if len(allowed) == 1 else None
            else:
                return self._ambiguous(concept, mention, occurrence, translation, own, others)
        case, suffix = best.case, occurrence.suffix

        def unsure(case: str, reason: str, new: str | None = None) -> _Outcome:
            """Left as written, the rewrite (`new`, else the primary in `case`) only
            suggested (contract 4.11)."""
            return self._uncertain(
                concept,
                mention,
                occurrence,
                translation,
                case,
                suffix,
                secondary or keep,
                reason,
                best.name,
                new,
            )

        # The source's own name with a suffix glued on stays the word the translation
        # wrote (az `Stepanakertdakı` is not respelt `Stepanakertdəkı`); only when the
        # name changes is a case ending read, so the new name takes its own case form.
        own_word = best.name == mention.name and best.kind == FORM and bool(suffix)
        if self._case_hidden(best, suffix) and not own_word:
            found = self._case_from_context(
                concept, mention.name, suffix, before, settled_case, occurrence.form
            )
            if found is None:
                return unsure("nom", "the sentence does not show which case the new name takes")
            case, suffix = found
        # The suffix is refitted only to a new stem; on the source's own word it stays.
        after = None if own_word else translation[occurrence.word_end :]
        attached = self._attached(concept, mention.name, case, suffix, after)
        if attached is None:
            return unsure(case, "the suffix cannot be fitted to the new name with certainty")
        if best.name != mention.name and case == "nom":
            forms = concept.forms_of(self.language, mention.name)
            assert forms is not None
            if self.pack.agreement_breaks(
                occurrence.form, forms.nom, translation[occurrence.end :]
            ):
                return unsure(case, "the words after it agree with the name as written")
        new = self._bare_rendering(
            concept, mention.name, case, suffix, secondary or keep, occurrence.capitals, after
        )
        if occurrence.capitals and same_in_capitals(self.language, new, old):
            return _Outcome(old, read_as=best.name)
        written = self._as_written(
            new, old, translation[occurrence.word_start : occurrence.word_end]
        )
        if written != old and self.pack.mark_inside_word(
            translation, occurrence.word_start, occurrence.word_end
        ):
            # hy `Ստեփանակե՞րտ`, `Խանքենդի՞ն`: the word is left as written (4.12).
            return unsure(case, _MARKED, written)
        return _Outcome(written, read_as=best.name)

    def _ambiguous(
        self,
        concept: Concept,
        mention: Mention,
        occurrence: Occurrence,
        translation: str,
        own: list[Reading],
        others: list[Reading],
    ) -> _Outcome:
        """Contract 4.2: a spelling the sentence does not settle is left, flagged with both
        readings and the rendering the other reading would need."""
        old = translation[occurrence.start : occurrence.end]
        word = translation[occurrence.word_start : occurrence.word_end]
        own_nom = self._nom(concept, own[0].name)
        other = others[0]
        new = self._bare_rendering(concept, mention.name, "nom", "", True, occurrence.capitals)
        reason = (
            f"«{word}» reads as the {_CASE_NAMES.get(own[0].case, own[0].case)} of «{own_nom}» "
            f"or as «{self._nom(concept, other.name)}» ({other.name}); not rewritten"
        )
        suggestion = Suggestion(
            concept.id,
            old,
            new,
            reason,
            AMBIGUOUS,
            occurrence.start,
            occurrence.end,
            mention.name,
        )
        return _Outcome(None, suggestion)

    def _uncertain(
        self,
        concept: Concept,
        mention: Mention,
        occurrence: Occurrence,
        translation: str,
        case: str,
        suffix: str,
        secondary: bool,
        reason: str,
        read_as: str = "",
        new: str | None = None,
    ) -> _Outcome:
        old = translation[occurrence.start : occurrence.end]
        if new is None:
            new = self._bare_rendering(
                concept, mention.name, case, suffix, secondary, occurrence.capitals
            )
        suggestion = Suggestion(
            concept.id,
            old,
            new,
            reason,
            UNCERTAIN,
            occurrence.start,
            occurrence.end,
            mention.name,
            read_as,
        )
        return _Outcome(None, suggestion, read_as)

    def _near_miss_rendering(
        self, concept: Concept, mention: Mention, near: NearMiss, translation: str, secondary: bool
    ) -> str:
        """A near miss in its case: in hy/az the finder read the case (a case ending after
        the misspelled stem) and what follows it; in ru a hidden case comes from the
        preposition, as for a found form."""
        if near.case is not None:
            # The words after it choose the Armenian article (`Ստեփանակերտն է`, 4.11).
            after = translation[near.end :]
            return self._bare_rendering(
                concept, mention.name, near.case, near.rest, secondary, after=after
            )
        case, suffix = near.reading.case, near.suffix
        if self._case_hidden(near.reading, suffix):
            found = self._case_from_context(
                concept, mention.name, suffix, translation[: near.start], None
            )
            case, suffix = found if found is not None else ("nom", suffix)
        return self._bare_rendering(concept, mention.name, case, suffix, secondary)

    def _as_written(self, new: str, old: str, old_word: str) -> str:
        """`new`, keeping the translation's own spelling where it differs only in ё/е: the
        whole rendering when that is all, else the primary word."""
        if fold(self.language, new) == fold(self.language, old):
            return old
        folded_word = fold(self.language, old_word)
        if fold(self.language, new).startswith(folded_word):
            # The fold may join or drop letters (hy `եւ`, ru stress marks): cut `new` at
            # the folded word's length, which is the glossary spelling's.
            return old_word + new[len(folded_word) :]
        return new

    def _case_hidden(self, reading: Reading, suffix: str) -> bool:
        """True when the found spelling does not show its case (one form for every case,
        or in hy/az a nominative with a case ending glued on)."""
        if self.pack.suffixing:
            return bool(suffix) and (reading.case == "nom" or reading.one_form)
        return reading.one_form

    def _case_from_context(
        self,
        concept: Concept,
        name: str,
        suffix: str,
        before: str,
        governed: str | None,
        stem: str = "",
    ) -> tuple[str, str] | None:
        """(case, remaining suffix) read from a case ending (hy/az) or from the words
        before the name (a preposition, a governing noun: the language pack); None when
        the new name declines and the context does not settle its case (4.11)."""
        forms = concept.forms_of(self.language, name)
        assert forms is not None
        if self.pack.suffixing:
            written = self.pack.lower(suffix)
            # After the old stem's buffer (hy `Եթովպիա` + `յ` + `ում`) the case ending.
            for joint in self.pack.joints(stem):
                if not written.startswith(joint):
                    continue
                found = self.pack.case_ending(written[len(joint) :], forms.cases)
                if found is not None:
                    ending, case = found
                    return case, suffix[len(joint) + len(ending) :]
            return "nom", suffix
        if forms.one_form:
            return "nom", suffix  # the new name does not decline either
        governed = governed or self.pack.governed_case(before)
        if governed is not None and governed in forms.cases:
            return governed, suffix
        return None

    def _attached(
        self, concept: Concept, name: str, case: str, suffix: str, after: str | None = ""
    ) -> str | None:
        """The primary's form with the suffix refitted to it (the language pack); `after`
        is the text after the word, None to keep the suffix as written."""
        forms = concept.forms_of(self.language, name)
        assert forms is not None
        if not suffix or after is None:
            return forms.form(case) + suffix
        return self.pack.attach(forms.form(case), suffix, after)

    def _bare_rendering(
        self,
        concept: Concept,
        name: str,
        case: str,
        suffix: str,
        secondary: bool,
        capitals: bool = False,
        after: str | None = "",
    ) -> str:
        """The primary in `case` with the suffix fitted to it, and the secondary if asked;
        all in capitals when the occurrence was. A secondary that is the same word as the
        primary is not written again (`X (X)` never is: 4.2)."""
        word = self._attached(concept, name, case, suffix, after)
        if word is None:
            forms = concept.forms_of(self.language, name)
            assert forms is not None
            word = forms.form(case) + suffix
        other = self.index.secondary_for(concept, name) if secondary else None
        if other is not None and fold(self.language, other) == fold(self.language, word):
            other = None
        if capitals:
            word = upper(self.language, word)
            other = upper(self.language, other) if other else other
        return self.policy.decorate(word, other) if other else word

    def _nom(self, concept: Concept, name: str) -> str:
        forms = concept.forms_of(self.language, name)
        return forms.nom if forms is not None else name

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
        if self.pack.mark_inside_word(translation, start, end):
            return None  # part of a word with a mark inside (hy `Ստեփանոկե՞րտ`): never rewritten
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
