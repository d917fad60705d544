"""Near misses (spec 4.6): a misspelled name that no form matches, found by edit distance.

Engines misspell names (`Степанокерте` for `Степанакерте`, `Xankendidə` for
`Xankəndidə`, `Nagorno- Qarabağ` with a stray space, hy `ավստրալիայում` in small
letters). When a mention finds no form, a word of the translation (in hy and az the start
of a word) close enough to a form of the concept is taken as its occurrence. The rule must
never touch correct text, so a candidate is refused unless every guard holds:

- the form is long enough (`MIN_LENGTH` letters) and the distance small for its length
  (`max_distance`: 1 edit up to 11 letters, 2 from 12);
- the candidate is in the form's script, starts with the same letter (a lowercase
  adjective `армянский` or another script is never a misspelled name; in hy and az only,
  a candidate that is exactly a form but for a small first letter is one) and is not the
  form cut short, which is usually another word (hy `Թուրքի`, "a Turk's", is no
  `Թուրքիա`);
- a one-word candidate is not a word of the glossary (any word of any spelling of any
  concept); a candidate has as many words as the form or one fewer, overlaps no
  occurrence that is already a mention's, and, in Russian, does not begin with a known
  spelling (`Азербайджанец` is a derived word, not `Азербайджане` misspelled) and is not
  the form with other endings (`Каспийского морей` is a plural, not `Каспийского моря`
  misspelled);
- no spelling of another concept is as close, counting only spellings that could be near
  misses at that distance themselves (a two-letter `ԵՄ` is one edit from any word in Ե,
  which says nothing).

In hy and az a case ending after the misspelled stem (hy after a buffer `յ`) is read as
that case: `Կահիրոյում` stands for the glossary's locative `Կահիրեում`, not for `Կահիրե`
with `յում` glued on; only what follows the ending is kept, re-harmonised in Azerbaijani
(`Kopenhagandakı` → `Kopenhagendəki`).

Edit distance is a small banded Levenshtein written here: `difflib`'s ratio measures
matching blocks, not edits, so it cannot say "one letter wrong" and is erratic on short
words; the band (at most two edits) keeps each comparison to a few dozen steps.
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from newsloc.glossary.lang import language_pack
from newsloc.glossary.model import Concept
from newsloc.glossary.morphology import case_ending, fold, harmonise, joints, lower
from newsloc.glossary.target import SHORT, WORD_CLASS, Reading, TargetIndex

#: Shortest form (in letters) that a near miss may stand for.
MIN_LENGTH = 6
#: Longest suffix (hy/az) a near miss may carry after the misspelled form.
MAX_SUFFIX = 8
_RUN = re.compile(f"{WORD_CLASS}+")
_WORD = re.compile(WORD_CLASS)
#: What may stand between the words of a multi-word candidate: spaces and one hyphen.
_GAP = re.compile(r"[ \u00a0]*-?[ \u00a0]*")


@dataclass(frozen=True)
class NearMiss:
    """A span of the translation read as a misspelled form."""

    start: int
    end: int
    #: The form it was taken for, and how that form reads.
    form: str
    reading: Reading
    #: hy/az: the rest of the last word, as written (the span's tail).
    suffix: str
    distance: int
    #: hy/az: the case the rendering takes (a case ending after the stem is read as its
    #: case) and what the rendering appends (what follows that ending, re-harmonised in
    #: az). None in Russian, where the renderer reads a hidden case from a preposition.
    case: str | None = None
    rest: str = ""


def _letters(text: str) -> int:
    return sum(char.isalpha() for char in text)


def another_inflection(form: str, text: str, ending: int = 3) -> bool:
    """ru: `text` is `form` word by word but for the last few letters of some words, an
    ending (`Каспийского морей` / `Каспийского моря`, `Гренланд` / `Гренландия`): another
    inflection of the name or a word made from it, not a misspelling."""
    form_words, text_words = _RUN.findall(form), _RUN.findall(text)
    if len(form_words) != len(text_words):
        return False
    for a, b in zip(form_words, text_words, strict=True):
        common = 0
        while common < min(len(a), len(b)) and a[common] == b[common]:
            common += 1
        if max(len(a), len(b)) - common > ending:
            return False
    return True


def max_distance(length: int) -> int:
    """Edits allowed for a form of `length` letters (0: too short to be safe)."""
    if length < MIN_LENGTH:
        return 0
    return 1 if length < 12 else 2


@cache
def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else ""


def _same_script(text: str, script: str) -> bool:
    return all(_script(char) == script for char in text if char.isalpha())


def distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of `a` and `b`, or `limit + 1` once it must exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    return _prefix_row(a, b, limit)[len(b)]


def prefix_distance(form: str, text: str, limit: int, from_index: int) -> tuple[int, int]:
    """(distance, end) of the prefix `text[:end]` closest to `form`, `end` > `from_index`;
    among equally close prefixes the longest, so a doubled letter stays in the name
    (`Moskvva` is `Moskva` misspelled, not `Moskvv` with a suffix `a`)."""
    best = (limit + 1, len(text))
    low = max(from_index + 1, len(form) - limit)
    high = min(len(text), len(form) + limit)
    if low > high:
        return best
    row = _prefix_row(form, text[:high], limit)
    for end in range(low, high + 1):
        if row[end] <= best[0]:
            best = (row[end], end)
    return best


def _prefix_row(form: str, text: str, limit: int) -> list[int]:
    """`distance(form, text[:end], limit)` for every `end`, from one banded programme:
    a cell depends only on the prefixes it joins, so the last row holds every prefix's
    distance (values above `limit` read as `limit + 1`)."""
    previous = list(range(len(text) + 1))
    for i, char in enumerate(form, start=1):
        low, high = max(1, i - limit), min(len(text), i + limit)
        current = [limit + 1] * (len(text) + 1)
        current[0] = i
        for j in range(low, high + 1):
            cost = 0 if char == text[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if min(current[max(0, low - 1) : high + 1]) > limit:
            return [limit + 1] * (len(text) + 1)
        previous = current
    return [min(value, limit + 1) for value in previous]


def _closer(found: NearMiss, best: NearMiss) -> bool:
    """Fewer edits first; then the longer form (a case form over a nominative + suffix)."""
    return (found.distance, -len(found.form)) < (best.distance, -len(best.form))


@dataclass(frozen=True)
class _Candidate:
    text: str  # words joined by one space or one hyphen
    offsets: tuple[int, ...]  # offset in the translation of each character of `text`
    start: int
    end: int
    last_run: int  # index in `text` where the last word starts
    words: tuple[str, ...]


class NearMissFinder:
    """Looks for near misses of one concept's forms in a translation."""

    def __init__(self, index: TargetIndex):
        self.index = index
        self.language = index.language
        self.pack = language_pack(index.language)
        self.suffixing = self.pack.suffixing
        #: first letter -> [(folded spelling, readings)], for the ambiguity guard
        self._by_initial: dict[str, list[tuple[str, list[Reading]]]] = {}
        #: concept id -> [(folded spelling, its readings of that concept)]
        self._by_concept: dict[str, list[tuple[str, list[Reading]]]] = {}
        for folded, readings in index.readings.items():
            # Candidates keep their letters (offsets index into them), so a spelling is
            # compared in each way it may be written (hy `Սև` and `Սեւ`).
            for key in self.pack.spellings_of(folded):
                self._by_initial.setdefault(key[:1], []).append((key, readings))
                for concept_id in dict.fromkeys(r.concept_id for r in readings):
                    own = [r for r in readings if r.concept_id == concept_id and r.kind != SHORT]
                    if own and max_distance(_letters(key)):
                        self._by_concept.setdefault(concept_id, []).append((key, own))
        #: Known spellings long enough to mark a derived word (ru `Азербайджан…`).
        self._stems = sorted(
            (key for key in index.readings if len(key) >= 4 and " " not in key),
            key=len,
            reverse=True,
        )

    def find(
        self,
        concept: Concept,
        name: str,
        translation: str,
        taken: list[tuple[int, int]],
        occurrences: Sequence[tuple[int, int]] = (),
    ) -> NearMiss | None:
        """The closest safe near miss of the concept in `translation`, or None.

        `name` is the source's name (a spelling is read as its form first), `taken` the
        spans already given to mentions (a candidate never overlaps one) and `occurrences`
        every name the index found (a candidate never lies inside one: `ATƏT-in` inside
        `ATƏT-in Minsk qrupu` is part of another name, not a misspelling)."""
        forms = self._forms(concept, name)
        if not forms:
            return None
        # A candidate starts with a form's first letter (in hy and az perhaps in small),
        # so words that start otherwise are never gathered: the search is then a few
        # comparisons instead of one per word of the sentence.
        initials = {form[0] for form, _ in forms}
        if self.suffixing:
            initials |= {lower(self.language, initial) for initial in initials}
        candidates = [
            candidate
            for candidate in self._candidates(translation, taken, initials)
            if not any(s <= candidate.start and candidate.end <= e for s, e in occurrences)
        ]
        best: NearMiss | None = None
        for form, reading in forms:
            limit = max_distance(_letters(form))
            script = _script(form[0])
            words = len(_RUN.findall(form))
            for candidate in candidates:
                # As many words as the form, or one fewer (a lost space or hyphen); never
                # more, so a near miss cannot swallow the next word.
                if len(candidate.words) not in (words - 1, words):
                    continue
                # The first letter first: it is cheap and turns nearly every word away.
                same_initial = candidate.text[0] == form[0]
                if not same_initial and not self._small_initial(candidate.text, form):
                    continue
                if not _same_script(candidate.text, script):
                    continue
                if same_initial:
                    found = self._compare(form, reading, candidate, limit, translation)
                else:
                    # Exactly the form but for its first letter: no edit besides that.
                    capitalised = replace(candidate, text=form[0] + candidate.text[1:])
                    found = self._compare(form, reading, capitalised, 0, translation)
                if found is not None and (best is None or _closer(found, best)):
                    best = found
        if best is None or self._ambiguous(concept, best, translation):
            return None
        best = self._with_case(concept, name, best)
        if self._small_initial(translation[best.start :], best.form) and (
            best.rest not in self.pack.inflected_tails
        ):
            return None  # hy `եվրոպական`, az `azərbaycanlı`: a derived word, written small
        return best

    def _fold_in_place(self, word: str) -> str:
        """`word` folded letter by letter, keeping its length (offsets index into it): a
        fold that joins or drops letters (hy `եւ`, ru stress marks) is left out here."""
        folded = (fold(self.language, char) for char in word)
        return "".join(f if len(f) == 1 else c for f, c in zip(folded, word, strict=True))

    def _small_initial(self, text: str, form: str) -> bool:
        """hy/az: `text` starts with the form's first letter in small (`ավստրալիայում`).

        Not in Russian, where small letters mostly mean another word: the generic word of
        an official name (`республика`, `область`, `море`) is written small in running
        text, and place names double as common nouns and surnames."""
        return self.suffixing and text[0] != form[0] and text[0] == lower(self.language, form[0])

    def _with_case(self, concept: Concept, name: str, near: NearMiss) -> NearMiss:
        """hy/az: the case the rendering takes and what it appends.

        A nominative (or a spelling that does not show its case) followed by a case
        ending, after an optional buffer letter, stands for the glossary's own form of that
        case (`Կահիրո` + `յ` + `ում` → `Կահիրեում`), so the misspelling's buffer and the
        engine's ending do not survive into an ungrammatical `Կահիրեյում`; a case the
        primary lacks is not read. What follows is kept, re-harmonised in Azerbaijani."""
        if not self.suffixing:
            return near
        forms = concept.forms_of(self.language, name)
        assert forms is not None
        case, rest = near.reading.case, near.suffix
        if rest and (case == "nom" or near.reading.one_form):
            case = "nom"
            written = lower(self.language, rest)
            for joint in joints(self.language, near.form):
                if not written.startswith(joint):
                    continue
                ending = case_ending(self.language, written[len(joint) :], forms.cases)
                if ending is not None:
                    case, rest = ending[1], rest[len(joint) + len(ending[0]) :]
                    break
        rest = harmonise(self.language, rest, forms.form(case))
        return replace(near, case=case, rest=rest)

    def _forms(self, concept: Concept, name: str) -> list[tuple[str, Reading]]:
        """The concept's forms and variants (folded) long enough to be safe, each with its
        reading as a form of `name` when it is one."""
        return [
            (key, next((r for r in own if r.name == name), own[0]))
            for key, own in self._by_concept.get(concept.id, ())
        ]

    def _candidates(
        self, translation: str, taken: list[tuple[int, int]], initials: set[str]
    ) -> list[_Candidate]:
        """Runs of up to four words that start with one of `initials` (folded)."""
        runs = [(m.start(), m.end()) for m in _RUN.finditer(translation)]
        candidates = []
        for first in range(len(runs)):
            start = runs[first][0]
            if start > 0 and _WORD.match(translation[start - 1]):
                continue
            if fold(self.language, translation[start]) not in initials:
                continue
            text, offsets, words = "", [], []
            last_run = 0
            for last in range(first, min(first + 4, len(runs))):
                run_start, run_end = runs[last]
                if last > first:
                    gap = translation[runs[last - 1][1] : run_start]
                    if not _GAP.fullmatch(gap):
                        break
                    joiner = "-" if "-" in gap else " "
                    text += joiner
                    offsets.append(runs[last - 1][1])
                last_run = len(text)
                word = self._fold_in_place(translation[run_start:run_end])
                text += word
                offsets.extend(range(run_start, run_end))
                words.append(word)
                if any(run_start < t_end and t_start < run_end for t_start, t_end in taken):
                    break
                if len(words) == 1 and word in self.index.words:
                    continue  # a word of the glossary is no misspelling
                candidates.append(
                    _Candidate(text, tuple(offsets), start, run_end, last_run, tuple(words))
                )
        return candidates

    def _compare(
        self, form: str, reading: Reading, candidate: _Candidate, limit: int, translation: str
    ) -> NearMiss | None:
        text = candidate.text
        if self.suffixing:
            found, end = prefix_distance(form, text, limit, candidate.last_run)
            if found > limit or len(text) - end > MAX_SUFFIX:
                return None
        else:
            found, end = distance(form, text, limit), len(text)
            if found > limit or any(text.startswith(stem) for stem in self._stems):
                return None
            if self.pack.inflection_ending and another_inflection(
                form, text, self.pack.inflection_ending
            ):
                return None  # `морей` is the plural of `моря`, not a misspelling
        if end < len(form) and form.startswith(text[:end]):
            return None  # a name cut short is another word: hy `Թուրքի` (a Turk's), not `Թուրքիա`
        suffix_start = candidate.offsets[end] if end < len(text) else candidate.end
        if fold(self.language, translation[candidate.start : suffix_start]) == form:
            return None  # the form itself: the index found it, or it is part of another name
        return NearMiss(
            start=candidate.start,
            end=candidate.end,
            form=form,
            reading=reading,
            suffix=translation[suffix_start : candidate.end],
            distance=found,
        )

    def _ambiguous(self, concept: Concept, near: NearMiss, translation: str) -> bool:
        """True when a spelling of another concept is at least as close to the candidate
        and could itself be a near miss that close (`max_distance` of its length): a short
        `ԵՄ` is one edit from every word in Ե, which makes no word ambiguous."""
        written = fold(self.language, " ".join(translation[near.start : near.end].split()))
        if self._small_initial(written, near.form):
            written = near.form[0] + written[1:]
        limit = near.distance
        for key, readings in self._by_initial.get(near.form[:1], ()):
            if all(r.concept_id == concept.id for r in readings):
                continue
            if self.suffixing:
                found = prefix_distance(key, written, limit, 0)[0]
            else:
                found = distance(key, written, limit)
            if found <= limit and found <= max_distance(_letters(key)):
                return True
        return False


_finders: weakref.WeakKeyDictionary[TargetIndex, NearMissFinder] = weakref.WeakKeyDictionary()


def near_miss_finder(index: TargetIndex) -> NearMissFinder:
    """The index's `NearMissFinder`, built once (indexes are shared per glossary)."""
    finder = _finders.get(index)
    if finder is None:
        finder = _finders[index] = NearMissFinder(index)
    return finder
