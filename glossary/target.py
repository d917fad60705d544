"""Finding a glossary's place names in a translation (the target side of spec section 4).

`TargetIndex` knows every spelling of every name in one target language (case forms,
variants and short forms) and finds them in a text in one pass, longest first,
recognising a rendering that already carries its secondary (`Степанакерт (Ханкенди)`) as
one occurrence. The spellings are kept sorted and read as a trie (`_Spellings`): the time
is linear in the text and nearly flat in the glossary's size, and building an index costs
one sort, so a glossary of tens of thousands of names is indexed in a second, not in the
minutes the single regular expression of every spelling once took to compile (its rules
are kept exactly: tests/glossary/test_target_index_reference.py). A glossary loaded from a
file keeps its indexes in the cache (`glossary.cache`).

What counts as the same spelling (spec 4.1):

- Russian folds ё and е both ways: `Соединённые Штаты` is `Соединенные Штаты`.
- An occurrence written entirely in capitals (`ХАНКЕНДИ`, `XANKƏNDİ`, also `XANKƏNDI` as
  engines write it, hy `ԵՐԵՎԱՆ` and Unicode's `ԵՐԵՒԱՆ`) is found; `Occurrence.capitals`
  says so, and rendering follows it.
- Typographic variants (spec 4.12) are read by the language packs' `char_pattern`: ru
  stress marks after any letter (`А́гдаме`), hy `եւ` for `և` and the marks `՛ ՜ ՞` inside
  a word (`Երե՛ւան`), az Cyrillic `ә`.
- Text in Unicode's decomposed form (NFD: az `S` + U+0327 for `Ş`) is read in NFC
  (`glossary.textnorm`), so a name is found in it exactly as in composed text.
- In hy and az a spelling also matches at the start of a longer word; the rest of the
  word is the occurrence's suffix. An abbreviation (a short form in capitals: `ԱՄՆ`,
  `ABŞ`) matches whole, or with a hyphenated suffix (`ԱՄՆ-ի`, `ABŞ-ın`), never at the
  start of a longer word (`AİLƏ` is no `Aİ`).
- A short form the glossary writes with a small first letter (ru `иракская`, hy
  `իրաքյան`, az `italyan`) also matches with its first letter capitalised as the language
  does (`Иракская`, `Իրաքյան`, `İtalyan`): a sentence may begin with it.
"""

from __future__ import annotations

import bisect
import re
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property, partial

from newsloc.glossary import cache
from newsloc.glossary.cache import quiet_gc
from newsloc.glossary.lang import Language, language_pack
from newsloc.glossary.match import WORD_CHARS, coordinated_heads
from newsloc.glossary.model import Concept, Glossary, NameForms
from newsloc.glossary.morphology import fold, is_capitals, lower, upper
from newsloc.glossary.textnorm import nfc_view

#: A character that continues a word, exactly as in source matching, so an accented
#: letter never ends a name.
WORD_CLASS = f"[{WORD_CHARS}]"
#: After the first character a pattern reads: the character before it is no word character.
_STARTS_WORD = f"(?<!{WORD_CLASS}.)"
_WORD = re.compile(WORD_CLASS)
#: What follows a spelling in hy and az: the rest of its word, perhaps after a hyphen.
_WORD_RUN = re.compile(f"{WORD_CLASS}+")
_SUFFIX = re.compile(f"-?{WORD_CLASS}*")
#: How many first characters of the spellings pick the places a search starts from.
_PREFIX = 3

FORM = "form"
VARIANT = "variant"
SHORT = "short"
_KIND_ORDER = {FORM: 0, VARIANT: 1, SHORT: 2}


@dataclass(frozen=True)
class Reading:
    """One way to read a target spelling: which concept, name, case and kind of spelling."""

    concept_id: str
    name: str
    #: The first case (in the language's case order) the spelling stands for.
    case: str
    #: FORM (a case form of the name), VARIANT (detected, replaced) or SHORT (kept).
    kind: str = FORM
    #: The spelling's table has one form for every case, so it does not show its case.
    one_form: bool = False


@dataclass(frozen=True)
class Occurrence:
    """A place name found in a translation, with its decoration when it has one.

    `start`/`end` cover the whole rendering (primary word plus the format's secondary);
    `word_start`/`word_end` the primary word itself, suffix included (hy/az).
    """

    start: int
    end: int
    word_start: int
    word_end: int
    form: str
    suffix: str
    readings: tuple[Reading, ...]
    secondary: str | None = None
    #: Readings of the names shown in the secondary (for checking).
    secondary_readings: tuple[Reading, ...] = ()
    #: Written entirely in capitals although the glossary's spelling is not.
    capitals: bool = False

    def readings_of(self, concept_id: str) -> tuple[Reading, ...]:
        return tuple(r for r in self.readings if r.concept_id == concept_id)

    def names_shown(self, concept_id: str) -> set[str]:
        """Every name of the concept this occurrence puts in front of the reader."""
        shown = {r.name for r in self.readings if r.concept_id == concept_id}
        shown.update(r.name for r in self.secondary_readings if r.concept_id == concept_id)
        return shown


def _not_swallowed(decorated: list[Occurrence]) -> list[Occurrence]:
    """The occurrences that lie inside no other occurrence with a secondary, in order.

    By bisection over the renderings with a secondary sorted by start, each with the two
    furthest ends reached so far (from two different renderings, so one never swallows
    itself): a long paragraph costs its names times a logarithm, not its names squared."""
    spans = sorted((o.start, o.end, i) for i, o in enumerate(decorated) if o.secondary is not None)
    starts = [start for start, _, _ in spans]
    # furthest[k]: the two largest (end, index) among spans[: k + 1], from distinct spans
    furthest: list[tuple[tuple[int, int], tuple[int, int]]] = []
    first, second = (-1, -1), (-1, -1)
    for _, end, i in spans:
        if (end, i) > first:
            first, second = (end, i), first
        elif (end, i) > second:
            second = (end, i)
        furthest.append((first, second))
    kept = []
    for i, occurrence in enumerate(decorated):
        at = bisect.bisect_right(starts, occurrence.start) - 1
        if at >= 0:
            first, second = furthest[at]
            end = first[0] if first[1] != i else second[0]
            if occurrence.end <= end:
                continue
        kept.append(occurrence)
    return kept


def _is_abbreviation(spelling: str) -> bool:
    return " " not in spelling and is_capitals(spelling)


@dataclass(frozen=True)
class IndexTables:
    """What a `TargetIndex` knows, as plain data: built from a glossary in one language,
    or read back from the cache (`glossary.cache`) when the same file was indexed before."""

    #: folded spelling -> readings, as the glossary writes the spelling
    readings: dict[str, list[Reading]]
    #: folded spelling in capitals -> readings, for occurrences written in capitals
    capital_readings: dict[str, list[Reading]]
    #: spellings that are abbreviations (`ԱՄՆ`, `ABŞ`): whole words, or a hyphenated suffix
    abbreviations: frozenset[str]
    #: contested concept id -> the secondaries a rendering may show, longest first
    secondaries: dict[str, list[str]]
    #: every spelling (of both tables), sorted
    spellings: list[str]
    #: the spellings' first characters, where a search may start
    prefixes: frozenset[str]


class TargetIndex:
    """Finds every glossary place name in a text of one target language.

    One pass, longest spelling first, no overlaps: ru `Нагорного Карабаха` is one
    occurrence of Nagorno-Karabakh, never a Karabakh. Build one with `target_index()` to
    share it between renderers and checkers of the same glossary.
    """

    def __init__(self, glossary: Glossary, language: str, tables: IndexTables | None = None):
        """The index of `glossary` in `language`; `tables` are its contents when already
        built from the same glossary file (`target_index` keeps them in the cache)."""
        self.glossary = glossary
        self.language = language
        self.pack = language_pack(language)
        self.suffixing = self.pack.suffixing
        if tables is None:
            with quiet_gc():
                tables = self._build(glossary)
        self.tables = tables
        #: folded spelling -> readings, as the glossary writes the spelling
        self.readings = tables.readings
        #: folded spelling in capitals -> readings, for occurrences written in capitals
        self.capital_readings = tables.capital_readings
        self.abbreviations = tables.abbreviations
        self._secondaries = tables.secondaries
        self._spellings = _Spellings(tables.spellings, tables.prefixes, self.pack)

    def _build(self, glossary: Glossary) -> IndexTables:
        language = self.language
        readings: dict[str, list[Reading]] = {}
        capital_readings: dict[str, list[Reading]] = {}
        key = self.key
        for concept in glossary:
            if language not in glossary.languages_of(concept):
                continue
            for name in concept.names:
                forms = concept.forms_of(language, name)
                if forms is None:
                    continue
                for text, reading in _readings(concept, name, forms, language):
                    folded = key(text)
                    known = readings.setdefault(folded, []) if folded else None
                    if known is not None and reading not in known:
                        known.append(reading)
        for text, reading in _coordinated_readings(glossary, language):
            known = readings.setdefault(key(text), [])
            if reading not in known:
                known.append(reading)
        order = {case: i for i, case in enumerate(self.pack.cases)}
        for known in readings.values():
            if len(known) > 1:
                known.sort(key=lambda r: (_KIND_ORDER[r.kind], order.get(r.case, len(order))))
        for folded, known in readings.items():
            for capitals in _capitals_of(language, folded):
                capitals = key(capitals)
                if capitals != folded:
                    shown = capital_readings.setdefault(capitals, [])
                    shown.extend(r for r in known if r not in shown)
        spellings = sorted({*readings, *capital_readings})
        return IndexTables(
            readings=readings,
            capital_readings=capital_readings,
            abbreviations=frozenset(k for k in readings if _is_abbreviation(k)),
            secondaries={
                concept.id: self._secondary_texts(concept)
                for concept in glossary
                if language in glossary.languages_of(concept) and concept.contested
            },
            spellings=spellings,
            prefixes=frozenset(spelling[:_PREFIX] for spelling in spellings),
        )

    @cached_property
    def words(self) -> frozenset[str]:
        """Every word of every spelling, folded (near misses never take a known word)."""
        return frozenset(word for key in self.readings for word in _WORD_RUN.findall(key))

    def key(self, text: str) -> str:
        """The form a spelling is looked up by: spaces normalised, ё/е folded in ru."""
        return self.pack.fold(" ".join(text.split()))

    def secondary_for(self, concept: Concept, name: str) -> str | None:
        """The other names' nominatives joined by ", ", or None when they lack forms."""
        others = []
        for other in concept.others(name):
            forms = concept.forms_of(self.language, other)
            if forms is None:
                return None
            others.append(forms.nom)
        return ", ".join(others) if others else None

    def _secondary_texts(self, concept: Concept) -> list[str]:
        texts = {self.secondary_for(concept, name) for name in concept.names}
        return sorted((t for t in texts if t), key=lambda t: (-len(t), t))

    def _shown_secondaries(self, concept_id: str, capitals: bool) -> Iterator[tuple[str, str]]:
        """(secondary, as it may be written) for the concept's secondaries, longest first."""
        for secondary in self._secondaries.get(concept_id, ()):
            for shown in _capitals_of(self.language, secondary) if capitals else (secondary,):
                yield secondary, shown

    def reading_of(self, text: str) -> list[Reading]:
        """The readings of a spelling as the glossary writes it (spaces normalised, ё/е
        folded in ru), or in capitals."""
        key = self.key(text)
        return self.readings.get(key) or self.capital_readings.get(key, [])

    def find(self, text: str) -> list[Occurrence]:
        """Every occurrence in `text`, in order, decorated renderings recognised as one.

        A text not in NFC (az `Ş` written `S` + U+0327, ru `й` as `и` + U+0306) is read in
        NFC: the occurrences' offsets index the text as written, their `form` and
        `suffix` are as read (`glossary.textnorm`). Rendering and checking read NFC text
        themselves, so they never take this path."""
        view = nfc_view(text)
        if view is None:
            return self._find(text)
        found = []
        for occurrence in self._find(view.text):
            start, end = view.original_span(occurrence.start, occurrence.end)
            word_start, word_end = view.original_span(occurrence.word_start, occurrence.word_end)
            found.append(
                replace(occurrence, start=start, end=end, word_start=word_start, word_end=word_end)
            )
        return found

    def _find(self, text: str) -> list[Occurrence]:
        tokens: list[Occurrence] = []
        for start, end in self._spans(text):
            token = self._token(text, start, end)
            if token is not None and not (tokens and token.word_start < tokens[-1].word_end):
                tokens.append(token)
        decorated = [self._decorate(text, token, tokens) for token in tokens]
        # A decorated rendering swallows the tokens of its secondary.
        return _not_swallowed(decorated)

    def _spans(self, text: str) -> Iterable[tuple[int, int]]:
        """(start, end) of every spelling found in `text` (the suffix not included)."""
        return self._spellings.find(text)

    def _token(self, text: str, start: int, form_end: int) -> Occurrence | None:
        form = text[start:form_end]
        key = self.key(form)
        readings = self.readings.get(key)
        capitals = False
        if readings is None:
            readings = self.capital_readings.get(key)
            capitals = True
        if not readings:
            return None
        suffix = ""
        if self.suffixing:
            suffix = _SUFFIX.match(text, form_end).group()  # type: ignore[union-attr]
        if not capitals and key in self.abbreviations:
            if suffix and not suffix.startswith("-"):
                return None  # an abbreviation never begins a longer word
            if suffix == "-":
                suffix = ""
        elif suffix.startswith("-"):
            suffix = ""  # a hyphen ends the word of a name that is no abbreviation
        if suffix.startswith("-") and suffix[1:2].isupper() and not is_capitals(suffix):
            suffix = ""  # `ԱՄՆ-Չինաստան`, `ABŞ-Çin`: a capital after the hyphen starts a word
        end = form_end + len(suffix)
        return Occurrence(
            start=start,
            end=end,
            word_start=start,
            word_end=end,
            form=form,
            suffix=suffix,
            readings=tuple(readings),
            capitals=capitals,
        )

    def _decorate(self, text: str, token: Occurrence, tokens: list[Occurrence]) -> Occurrence:
        """The token widened to its decoration when the format's secondary surrounds it."""
        lead_part, trail_part = _split_format(self.glossary.policy.format)
        for concept_id in dict.fromkeys(r.concept_id for r in token.readings):
            for secondary, shown in self._shown_secondaries(concept_id, token.capitals):
                lead = fold(self.language, lead_part.replace("{secondary}", shown))
                trail = fold(self.language, trail_part.replace("{secondary}", shown))
                start = token.word_start - len(lead)
                if start < 0 or fold(self.language, text[start : token.word_start]) != lead:
                    continue
                end = token.word_end + len(trail)
                if fold(self.language, text[token.word_end : end]) != trail:
                    continue
                inside = [t for t in tokens if t is not token and t.start >= start and t.end <= end]
                return Occurrence(
                    start=start,
                    end=end,
                    word_start=token.word_start,
                    word_end=token.word_end,
                    form=token.form,
                    suffix=token.suffix,
                    readings=token.readings,
                    secondary=secondary,
                    secondary_readings=tuple(r for t in inside for r in t.readings),
                    capitals=token.capitals,
                )
        return token


class _Spellings:
    """Every spelling of one index, and where they occur in a text.

    The spellings are kept sorted, so the spellings that share a prefix form one run of
    the list, found by bisection: the list is a trie that costs nothing to build (one
    sort), and a text is read from each place a spelling may start, one character at a
    time, for as long as some spelling continues. Each character of a spelling matches
    the text as the language pack's `char_pattern` says (ru ё/е and stress marks, hy
    `եւ` for `և`, az Cyrillic `ә`, any run of white space for a space), and the rules are
    those of one alternation of every spelling written as a trie, continuations before
    the end of a spelling (which is how the index was found before, one compiled regular
    expression per language):

    - a spelling starts a word: the character before it is no word character;
    - at each character the longest continuation that leads to a whole spelling wins;
    - a whole spelling ends a word (ru), or may go on into a suffix (hy, az);
    - after an occurrence, the search goes on where its spelling ends.
    """

    def __init__(self, keys: list[str], prefixes: Iterable[str], pack: Language):
        self.keys = keys
        self.pack = pack
        self.suffixing = pack.suffixing
        #: Where the text has a spelling's own character (not a space, whose pattern reads
        #: a run of white space), its pattern reads just that one.
        self._alone = pack.own_letter_alone
        #: character of a spelling -> its pattern, or None when it matches only itself
        self._patterns: dict[str, re.Pattern[str] | None] = {}
        #: two characters of a text -> the characters of a spelling that may match there
        self._chars: dict[str, tuple[str, ...]] = {}
        #: the last few texts read -> what was found in them
        self._recent: dict[str, tuple[tuple[int, int], ...]] = {}
        #: a run keys[low:high] -> the depth its shared path reaches, and its pattern
        self._jumps: dict[tuple[int, int], tuple[int, re.Pattern[str] | None]] = {}
        # Where an occurrence may start: the spellings' first three characters, as the
        # walk reads them, in one small pattern (a few thousand prefixes at most).
        self._start = re.compile(_prefix_pattern(prefixes, pack)) if keys else None

    def _jump(self, low: int, high: int, depth: int) -> tuple[int, re.Pattern[str] | None]:
        """(depth, pattern) of the path every spelling in keys[low:high] shares beyond
        `depth`, as the pattern's characters read it; (depth, None) when it branches or
        ends there. (A sorted run shares what its first and last spelling share.)"""
        first, last = self.keys[low], self.keys[high - 1]
        shared = depth
        end = min(len(first), len(last))
        while shared < end and first[shared] == last[shared]:
            shared += 1
        if shared == depth:
            return depth, None
        chars = (self.pack.char_pattern(char) for char in first[depth:shared])
        return shared, re.compile("".join(chars))

    def _pattern(self, char: str) -> re.Pattern[str] | None:
        try:
            return self._patterns[char]
        except KeyError:
            pattern = self.pack.char_pattern(char)
            compiled = None if pattern == re.escape(char) else re.compile(pattern)
            self._patterns[char] = compiled
            return compiled

    def _candidates(self, pair: str) -> tuple[str, ...]:
        """The characters of a spelling that may match where a text reads `pair` (its
        own first character, what the pack folds it to, a space for white space), in
        the order the pattern tries them.

        This holds as long as a pack's `char_pattern(c)` matches only text that its `fold`
        turns into `c` (ru `ё` and a stress mark, hy `եւ`, az `ә`), as every pack's does,
        or that the pack names in `also_read_at` for the text's character or for what
        the pack folds it to (hy `Վ` for the `Ւ` of `ԵՒ`, also after a mark: `Ե՛Ւ`; `և`
        for the `ե` of `ե՛ւ`); each candidate is then tried with the pattern itself."""
        folded = self.pack.fold(pair)[:1] or pair[0]
        chars = {pair[0], folded, *self.pack.also_read_at(pair[0])}
        if folded != pair[0]:
            chars.update(self.pack.also_read_at(folded))
        if pair[0].isspace():
            chars.add(" ")
        return tuple(sorted(chars))

    def find(self, text: str) -> tuple[tuple[int, int], ...]:
        """(start, end) of each spelling found in `text`, in order, never overlapping.

        Rendering and checking read one translation several times over, so the last few
        texts' answers are kept."""
        found = self._recent.get(text)
        if found is None:
            found = tuple(self._find(text))
            if len(self._recent) >= _RECENT:
                del self._recent[next(iter(self._recent))]
            self._recent[text] = found
        return found

    def _find(self, text: str) -> Iterator[tuple[int, int]]:
        if self._start is None:
            return
        search = self._start.search
        position = 0
        while True:
            found = search(text, position)
            if found is None:
                return
            start = found.start()
            end = self._walk(text, start, 0, len(self.keys), "")
            if end is None:
                position = start + 1
            else:
                yield start, end
                position = end

    def _walk(self, text: str, at: int, low: int, high: int, prefix: str) -> int | None:
        """The end of the longest spelling in keys[low:high] (all of which start with
        `prefix`, read up to `at`) that continues `text` from `at`, or None."""
        keys = self.keys
        depth = len(prefix)
        if not depth and at and _WORD.match(text, at - 1):
            return None  # a spelling starts a word
        # Where every spelling left goes on alike (a stem shared by its case forms), the
        # trie has one path and no end: read it in one match instead of letter by letter.
        jump = self._jumps.get((low, high)) if depth else _NO_JUMP
        if jump is None:
            jump = self._jumps[low, high] = self._jump(low, high, depth)
        if jump[1] is not None:
            matched = jump[1].match(text, at)
            if matched is None:
                return None
            at = matched.end()
            depth = jump[0]
            prefix = keys[low][:depth]
        if at < len(text):
            here = text[at]
            pair = text[at : at + 2]
            chars = self._chars.get(pair)
            if chars is None:
                chars = self._chars[pair] = self._candidates(pair)
            for char in chars:
                longer = prefix + char
                first = bisect.bisect_left(keys, longer, low, high)
                if first == high or not keys[first].startswith(longer):
                    continue
                pattern = self._pattern(char)
                if pattern is None or (self._alone and here == char != " "):
                    if here != char:
                        continue
                    after = at + 1
                else:
                    matched = pattern.match(text, at)
                    if matched is None:
                        continue
                    after = matched.end()
                after_char = prefix + chr(ord(char) + 1) if char < "\U0010ffff" else None
                last = bisect.bisect_left(keys, after_char, first, high) if after_char else high
                end = self._walk(text, after, first, last, longer)
                if end is not None:
                    return end
        if depth and len(keys[low]) == depth and (self.suffixing or not _WORD.match(text, at)):
            return at
        return None


_NO_JUMP: tuple[int, re.Pattern[str] | None] = (0, None)
#: Texts whose spans a `_Spellings` keeps.
_RECENT = 64


def _prefix_pattern(prefixes: Iterable[str], pack: Language) -> str:
    """One pattern of the spellings' first few characters, read as the walk reads them,
    written as a trie; the test that an occurrence starts a word comes right after the
    first character it reads (`first_char_pattern`), so most places fail on one test."""
    root: dict[str, dict] = {}
    for prefix in prefixes:
        node = root
        for char in prefix:
            node = node.setdefault(char, {})
        node[""] = {}  # a prefix may end here (a spelling shorter than the others)
    return _node_pattern(root, pack, first=True)


def _node_pattern(node: dict[str, dict], pack: Language, first: bool = False) -> str:
    branches = [
        (pack.first_char_pattern(char, _STARTS_WORD) if first else pack.char_pattern(char))
        + _node_pattern(node[char], pack)
        for char in sorted(char for char in node if char)
    ]
    if "" in node:
        branches.append("")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def _capitals_of(language: str, text: str) -> tuple[str, ...]:
    """`text` in capitals as the language writes them, and as Unicode does (engines write
    az `XANKƏNDI` for `XANKƏNDİ`, hy `ԵՒ` for `ԵՎ`)."""
    return tuple(dict.fromkeys((upper(language, text), text.upper())))


def sentence_start(language: str, text: str) -> str:
    """`text` with its first letter capitalised as the language does (az `italyan` →
    `İtalyan`; hy `և` → `Եվ`), as at the start of a sentence."""
    first = upper(language, text[:1])
    return first[:1] + lower(language, first[1:]) + text[1:]


def _readings(
    concept: Concept, name: str, forms: NameForms, language: str
) -> Iterator[tuple[str, Reading]]:
    """Every spelling of one name with how it reads: forms, then variants, then short forms.

    A short form written with a small first letter also reads with it capitalised, so a
    curator lists `иракская` once and a sentence beginning `Иракская тюрьма` is found too.
    """
    for text, case in forms.spellings(language):
        yield text, Reading(concept.id, name, case, FORM, forms.one_form)
    for kind, spellings in ((VARIANT, forms.variants), (SHORT, forms.short)):
        for spelling in spellings:
            for text, case in spelling.spellings(language):
                reading = Reading(concept.id, name, case, kind, spelling.one_form)
                yield text, reading
                if kind == SHORT and text[:1].islower():
                    yield sentence_start(language, text), reading


def _coordinated_readings(glossary: Glossary, language: str) -> Iterator[tuple[str, Reading]]:
    """A fixed phrase's words before its head noun (ru `Агдамского` of `Агдамского района`,
    hy `Աղդամի`, az `Ağdam`; also of its short forms: `Зангиланский`), the phrase with its
    head in the plural (`Лачинском районах`, `Kəlbəcər rayonları`: the language pack's
    `plural_head`), and the forms of the place it is named after, as short forms of the
    phrase: coordinated phrases share one head (`Агдамского, Лачинского и
    Кельбаджарского районов`, contract 4.9)."""
    pack = language_pack(language)
    names = {spelling: (c, name) for c in glossary for spelling, name in c.english_spellings()}
    for (head_of, _), (concept_id, name, _) in coordinated_heads(glossary).items():
        concept = glossary.concept(concept_id)
        forms = concept.forms_of(language, name)
        if forms is None or language not in glossary.languages_of(concept):
            continue
        for spelling in (forms, *forms.short):
            for text, case in spelling.spellings(language):
                words = text.split()
                if len(words) > 1:
                    yield " ".join(words[:-1]), Reading(concept_id, name, case, SHORT)
            for case, text in spelling.cases.items():  # one spelling, several plurals
                plural = pack.plural_head(text, case)
                if plural is not None:
                    yield plural, Reading(concept_id, name, case, SHORT)
        # ... and the place's own name, as in `районы Агдам, Кельбаджар и Лачин`.
        place, place_name = names[head_of]
        place_forms = place.forms_of(language, place_name)
        if place_forms is not None:
            for text, case in place_forms.spellings(language):
                yield text, Reading(concept_id, name, case, SHORT)


def _split_format(fmt: str) -> tuple[str, str]:
    """Split a policy format around `{primary}` into (lead, trail) templates on `{secondary}`.

    `"{primary} ({secondary})"` gives `("", " ({secondary})")`.
    """
    before, _, after = fmt.partition("{primary}")
    return before, after


_indexes: dict[tuple[int, str], tuple[weakref.ref[Glossary], TargetIndex]] = {}


def target_index(glossary: Glossary, language: str) -> TargetIndex:
    """The `TargetIndex` of a glossary and language, built once per glossary object.

    Glossaries are immutable, so renderers and checkers of one run share the index; the
    entry goes when its glossary is garbage-collected (the same scheme as source matching).
    A glossary loaded from a file has its index's tables kept in the cache
    (`glossary.cache`), keyed by the file's content, so the next command reads them back
    instead of building them. Only the languages asked for are built.
    """
    key = (id(glossary), language)
    cached = _indexes.get(key)
    if cached is not None and cached[0]() is glossary:
        return cached[1]
    content = cache.key_of(glossary)
    stored = cache.derived_key(content, "target index", language) if content else None
    tables = cache.load(stored, IndexTables) if stored else None
    index = TargetIndex(glossary, language, tables)  # type: ignore[arg-type]
    if stored and tables is None:
        cache.store(stored, index.tables)
    _indexes[key] = (weakref.ref(glossary, partial(_forget, _indexes, key)), index)
    return index


def _forget(
    cache: dict[tuple[int, str], tuple[weakref.ref[Glossary], TargetIndex]],
    key: tuple[int, str],
    ref: object,
) -> None:
    """Weakref callback; gets the cache as an argument so it also works at interpreter exit."""
    entry = cache.get(key)
    if entry is not None and entry[0] is ref:
        del cache[key]
