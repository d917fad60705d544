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

import itertools
import re
import sys
import unicodedata
import weakref
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from heapq import heapify, heappop

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


@cache
def _word_count(form: str) -> int:
    return len(_RUN.findall(form))


@dataclass(frozen=True)
class _Candidate:
    text: str  # words joined by one space or one hyphen
    offsets: tuple[int, ...]  # offset in the translation of each character of `text`
    start: int
    end: int
    last_run: int  # index in `text` where the last word starts
    words: tuple[str, ...]
    first: int  # the translation's word runs it spans, first and last (`_Runs`)
    last: int


class NearMissFinder:
    """Looks for near misses of one concept's forms in a translation."""

    def __init__(self, index: TargetIndex):
        self.index = index
        self.language = index.language
        self.pack = language_pack(index.language)
        self.suffixing = self.pack.suffixing
        # Everything below is made on first use, for the concepts and first letters a
        # search asks about: a glossary of 20,000 concepts has some 130,000 spellings per
        # language, and a check needs the tables of a few dozen concepts.
        #: concept id -> its folded spellings that are no short form, in the index's order
        self._spellings_of: dict[str, list[str]] | None = None
        #: concept id -> [(spelling, its readings of that concept)] (`_concept_forms`)
        self._by_concept: dict[str, list[tuple[str, list[Reading]]]] = {}
        #: ways of writing a spelling other than its folded self (hy `Սեւ` for `Սև`),
        #: sorted, and the folded spellings each stands for (`_close_spellings`)
        self._variants: tuple[list[str], dict[str, list[str]]] | None = None

    def _concept_forms(self, concept_id: str) -> list[tuple[str, list[Reading]]]:
        """The concept's spellings that a near miss may stand for (no short form, long
        enough to be safe), each with its readings of that concept, in the index's order.

        Candidates keep their letters (offsets index into them), so a spelling is
        compared in each way it may be written (hy `Սև` and `Սեւ`)."""
        forms = self._by_concept.get(concept_id)
        if forms is None:
            if self._spellings_of is None:
                self._spellings_of = self._spellings_by_concept()
            forms = self._by_concept[concept_id] = []
            for folded in self._spellings_of.get(concept_id, ()):
                readings = self.index.readings[folded]
                own = [r for r in readings if r.concept_id == concept_id and r.kind != SHORT]
                for key in self.pack.spellings_of(folded):
                    if max_distance(_letters(key)):
                        forms.append((key, own))
        return forms

    def _spellings_by_concept(self) -> dict[str, list[str]]:
        """Concept id -> its folded spellings with a reading that is no short form."""
        table: dict[str, list[str]] = {}
        for folded, readings in self.index.readings.items():
            if len(readings) == 1:
                (reading,) = readings
                if reading.kind != SHORT:
                    table.setdefault(reading.concept_id, []).append(folded)
                continue
            for concept_id in dict.fromkeys(r.concept_id for r in readings if r.kind != SHORT):
                table.setdefault(concept_id, []).append(folded)
        return table

    def _begins_with_spelling(self, text: str) -> bool:
        """`text` begins with a known one-word spelling of four letters or more: a word
        derived from a name (ru `Азербайджан…`), looked up prefix by prefix."""
        readings = self.index.readings
        for end in range(4, len(text) + 1):
            head = text[:end]
            if " " in head:
                return False  # so are all longer ones
            if head in readings:
                return True
        return False

    def _close_spellings(self, initial: str, written: str, limit: int) -> Iterator[tuple[str, int]]:
        """(spelling, distance) for every spelling (in each way it may be written) that
        starts with `initial` and is at most `limit` edits from `written` (in hy and az
        from a start of `written`, as `prefix_distance` measures), by one walk of the
        index's sorted spellings read as a trie: a branch is left as soon as every prefix
        of `written` is more than `limit` edits from it, so the walk visits a few hundred
        spellings, not every spelling with that first letter."""
        if self._variants is None:
            self._variants = self._other_writings()
        for keys in (self.index.tables.spellings, self._variants[0]):
            yield from _walk(keys, initial, written, limit, self.suffixing)

    def _other_writings(self) -> tuple[list[str], dict[str, list[str]]]:
        stands_for: dict[str, list[str]] = {}
        for folded in self.index.readings:
            for key in self.pack.spellings_of(folded):
                if key != folded:
                    stands_for.setdefault(key, []).append(folded)
        return sorted(stands_for), stands_for

    def _readings_of(self, key: str) -> Iterator[Reading]:
        """The readings of a spelling as written `key`: its own, and those of the folded
        spellings it is another way of writing."""
        yield from self.index.readings.get(key, ())
        assert self._variants is not None
        for folded in self._variants[1].get(key, ()):
            yield from self.index.readings[folded]

    def search(
        self, translation: str, occurrences: Sequence[tuple[int, int]] = ()
    ) -> NearMissSearch:
        """A search of one translation for near misses of its mentions in turn: the
        translation is read once for all of them. `occurrences` is every name the index
        found (a candidate never lies inside one: `ATƏT-in` inside `ATƏT-in Minsk qrupu` is
        part of another name, not a misspelling); spans given to mentions are passed to
        `take` (a candidate never overlaps one)."""
        return NearMissSearch(self, translation, occurrences)

    def _best(
        self,
        concept: Concept,
        name: str,
        best: NearMiss | None,
        translation: str,
    ) -> NearMiss | None:
        """The guards that look at the winning candidate only, and the case it is read as."""
        if best is None or self._ambiguous(concept, best, translation):
            return None
        best = self._with_case(concept, name, best)
        if self._small_initial(translation[best.start :], best.form) and (
            best.rest not in self.pack.inflected_tails
        ):
            return None  # hy `եվրոպական`, az `azərbaycanlı`: a derived word, written small
        return best

    def _initials(self, forms: list[tuple[str, Reading]]) -> set[str]:
        """The (folded) first letters a candidate for `forms` may start with: a form's, in
        hy and az perhaps in small."""
        initials = {form[0] for form, _ in forms}
        if self.suffixing:
            initials |= {lower(self.language, initial) for initial in initials}
        return initials

    def _closest(
        self, forms: list[tuple[str, Reading]], candidate: _Candidate, translation: str
    ) -> tuple[tuple[int, int, int], NearMiss] | None:
        """The form the candidate is closest to (fewer edits, then the longer form, then
        the earlier form), with its sort key; None when it is close to none."""
        best: tuple[tuple[int, int, int], NearMiss] | None = None
        for number, (form, reading) in enumerate(forms):
            # As many words as the form, or one fewer (a lost space or hyphen); never
            # more, so a near miss cannot swallow the next word.
            words = _word_count(form)
            if len(candidate.words) not in (words - 1, words):
                continue
            # The first letter first: it is cheap and turns nearly every word away.
            same_initial = candidate.text[0] == form[0]
            if not same_initial and not self._small_initial(candidate.text, form):
                continue
            if not _same_script(candidate.text, _script(form[0])):
                continue
            if same_initial:
                limit = max_distance(_letters(form))
                found = self._compare(form, reading, candidate, limit, translation)
            else:
                # Exactly the form but for its first letter: no edit besides that.
                capitalised = replace(candidate, text=form[0] + candidate.text[1:])
                found = self._compare(form, reading, capitalised, 0, translation)
            if found is None:
                continue
            key = (found.distance, -len(found.form), number)
            if best is None or key < best[0]:
                best = (key, found)
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
            for key, own in self._concept_forms(concept.id)
        ]

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
            if found > limit or self._begins_with_spelling(text):
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
        for key, found in self._close_spellings(near.form[:1], written, near.distance):
            if found <= max_distance(_letters(key)) and any(
                r.concept_id != concept.id for r in self._readings_of(key)
            ):
                return True
        return False


def _walk(
    keys: Sequence[str], initial: str, written: str, limit: int, prefixes: bool
) -> Iterator[tuple[str, int]]:
    """(key, distance) for each of the sorted `keys` that starts with `initial` and is at
    most `limit` edits from `written` (`prefixes`: from its closest prefix, at least one
    letter long, as `prefix_distance` measures), walking `keys` as a trie.

    Each node is a run of `keys` sharing a prefix, found by bisection; it carries the
    banded edit-distance row of that prefix against `written` (`_next_row`), and a node
    whose row is all over `limit` is left with everything under it."""
    start = bisect_left(keys, initial)
    end = _run_end(keys, initial, start, len(keys))
    if start == end:
        return
    stack = [(len(initial), start, end, _row(initial, written, limit))]
    while stack:
        depth, low, high, row = stack.pop()
        if len(keys[low]) == depth:  # the prefix itself is a key (it sorts first)
            found = min(row[1:], default=limit + 1) if prefixes else row[-1]
            if found <= limit:
                yield keys[low], found
            low += 1
        while low < high:
            prefix = keys[low][: depth + 1]
            after = _run_end(keys, prefix, low, high)
            below = _next_row(row, prefix[-1], depth + 1, written, limit)
            if min(below) <= limit:
                stack.append((depth + 1, low, after, below))
            low = after


def _run_end(keys: Sequence[str], prefix: str, low: int, high: int) -> int:
    """Where the run of sorted `keys[low:high]` that start with `prefix` ends (it starts
    at `low`)."""
    last = ord(prefix[-1])
    if last == sys.maxunicode:
        while low < high and keys[low].startswith(prefix):
            low += 1
        return low
    return bisect_left(keys, prefix[:-1] + chr(last + 1), low, high)


def _row(prefix: str, written: str, limit: int) -> list[int]:
    row = [min(j, limit + 1) for j in range(len(written) + 1)]
    for depth, char in enumerate(prefix, start=1):
        row = _next_row(row, char, depth, written, limit)
    return row


def _next_row(previous: list[int], char: str, depth: int, written: str, limit: int) -> list[int]:
    """The edit distances of a prefix of `depth` letters ending in `char` to every prefix
    of `written`, from those of the prefix one letter shorter; only the band of `limit`
    around the diagonal is worked out, and every value over `limit` reads `limit + 1`."""
    cap = limit + 1
    current = [cap] * len(previous)
    current[0] = min(depth, cap)
    for j in range(max(1, depth - limit), min(len(written), depth + limit) + 1):
        value = previous[j - 1] + (char != written[j - 1])
        if previous[j] + 1 < value:
            value = previous[j] + 1
        if current[j - 1] + 1 < value:
            value = current[j - 1] + 1
        current[j] = value if value < cap else cap
    return current


#: A candidate in a `NearMissSearch` heap: its sort key (edits, minus the form's length,
#: the form's rank, the candidate's rank), the runs it spans and what it is read as.
_Entry = tuple[tuple[int, int, int, int], int, int, NearMiss]


class _Runs:
    """The word runs of one translation, read once: each run's span, its letters folded
    in place (when asked for), whether a gap that may stand inside a name (`_GAP`) joins
    it to the run before, and, by folded first letter, the runs that start a word."""

    def __init__(self, finder: NearMissFinder, translation: str):
        language = finder.language
        self.spans = [(m.start(), m.end()) for m in _RUN.finditer(translation)]
        self.ends = [end for _, end in self.spans]
        self._fold = finder._fold_in_place
        self._translation = translation
        self._words: dict[int, str] = {}
        #: joiners[i]: how run i joins run i - 1 in a candidate ("-" or " "), or None
        self.joiners: list[str | None] = [None]
        for (_, end), (start, _) in itertools.pairwise(self.spans):
            gap = translation[end:start]
            self.joiners.append(("-" if "-" in gap else " ") if _GAP.fullmatch(gap) else None)
        self.by_initial: dict[str, list[int]] = {}
        for number, (start, _) in enumerate(self.spans):
            if start > 0 and _WORD.match(translation[start - 1]):
                continue
            initial = fold(language, translation[start])
            self.by_initial.setdefault(initial, []).append(number)

    def word(self, number: int) -> str:
        """Run `number`'s letters folded in place, on first use (most runs start with a
        letter no missing name starts with and are never read)."""
        word = self._words.get(number)
        if word is None:
            start, end = self.spans[number]
            word = self._words[number] = self._fold(self._translation[start:end])
        return word

    def overlapping(self, start: int, end: int) -> range:
        """The runs that overlap the span [start, end)."""
        first = bisect_right(self.ends, start)
        last = first
        while last < len(self.spans) and self.spans[last][0] < end:
            last += 1
        return range(first, last)


class _Contained:
    """Is a span inside one of a fixed set of spans? By bisection: spans sorted by start,
    with the furthest end reached so far."""

    def __init__(self, spans: Sequence[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.reach: list[int] = []
        for _, end in ordered:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def __call__(self, start: int, end: int) -> bool:
        at = bisect_right(self.starts, start) - 1
        return at >= 0 and end <= self.reach[at]


class NearMissSearch:
    """Near misses in one translation, for its mentions in turn (`NearMissFinder.search`).

    The translation's words are read once, and for each concept and name the candidates
    and their closest forms are worked out once and kept in a heap, closest first; a span
    given to a mention (`take`) only retires the candidates that overlap it. A paragraph
    with many missing names so costs about its length, not its length times its names."""

    def __init__(
        self, finder: NearMissFinder, translation: str, occurrences: Sequence[tuple[int, int]]
    ):
        self.finder = finder
        self.translation = translation
        self.runs = _Runs(finder, translation)
        self.inside_occurrence = _Contained(occurrences)
        #: runs that overlap a span already given to a mention
        self.taken: set[int] = set()
        #: (concept id, name) -> [(sort key, first run, run after the last, near miss)]
        self._heaps: dict[tuple[str, str], list[_Entry]] = {}

    def take(self, start: int, end: int) -> None:
        """The span [start, end) is a mention's now: no candidate may overlap it."""
        self.taken.update(self.runs.overlapping(start, end))

    def find(self, concept: Concept, name: str) -> NearMiss | None:
        """The closest safe near miss of the concept not overlapping a taken span, or None.
        `name` is the source's name: a spelling is read as its form first."""
        key = (concept.id, name)
        heap = self._heaps.get(key)
        if heap is None:
            heap = self._heaps[key] = self._heap(concept, name)
        # Spans are only ever taken, never given back: a candidate that overlaps one is
        # gone for good.
        while heap and not self.taken.isdisjoint(range(heap[0][1], heap[0][2])):
            heappop(heap)
        return self.finder._best(concept, name, heap[0][3] if heap else None, self.translation)

    def _heap(self, concept: Concept, name: str) -> list[_Entry]:
        finder = self.finder
        forms = finder._forms(concept, name)
        if not forms:
            return []
        heap: list[_Entry] = []
        for number, candidate in enumerate(self._candidates(finder._initials(forms))):
            if self.inside_occurrence(candidate.start, candidate.end):
                continue
            closest = finder._closest(forms, candidate, self.translation)
            if closest is not None:
                (distance, length, form), found = closest
                heap.append(
                    ((distance, length, form, number), candidate.first, candidate.last + 1, found)
                )
        heapify(heap)
        return heap

    def _candidates(self, initials: set[str]) -> list[_Candidate]:
        """Runs of up to four words that start with one of `initials` (folded), in the
        translation's order, the taken runs included (`find` skips them)."""
        runs, words = self.runs, self.finder.index.words
        firsts = sorted(i for initial in initials for i in runs.by_initial.get(initial, ()))
        candidates = []
        for first in firsts:
            start = runs.spans[first][0]
            text, offsets, found = "", [], []
            last_run = 0
            for last in range(first, min(first + 4, len(runs.spans))):
                run_start, run_end = runs.spans[last]
                if last > first:
                    joiner = runs.joiners[last]
                    if joiner is None:
                        break
                    text += joiner
                    offsets.append(runs.spans[last - 1][1])
                last_run = len(text)
                word = runs.word(last)
                text += word
                offsets.extend(range(run_start, run_end))
                found.append(word)
                if len(found) == 1 and word in words:
                    continue  # a word of the glossary is no misspelling
                candidates.append(
                    _Candidate(
                        text, tuple(offsets), start, run_end, last_run, tuple(found), first, last
                    )
                )
        return candidates


_finders: weakref.WeakKeyDictionary[TargetIndex, NearMissFinder] = weakref.WeakKeyDictionary()


def near_miss_finder(index: TargetIndex) -> NearMissFinder:
    """The index's `NearMissFinder`, built once (indexes are shared per glossary)."""
    finder = _finders.get(index)
    if finder is None:
        finder = _finders[index] = NearMissFinder(index)
    return finder
