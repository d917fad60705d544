"""Finding a glossary's place names in a translation (the target side of spec section 4).

`TargetIndex` knows every spelling of every name in one target language (case forms,
variants and short forms) and finds them in a text in one pass, longest first,
recognising a rendering that already carries its secondary (`Степанакерт (Ханкенди)`) as
one occurrence. All spellings go into one trie-shaped regular expression, as in source
matching, so the time is linear in the text and nearly flat in the glossary's size.

What counts as the same spelling (spec 4.1):

- Russian folds ё and е both ways: `Соединённые Штаты` is `Соединенные Штаты`.
- An occurrence written entirely in capitals (`ХАНКЕНДИ`, `XANKƏNDİ`, also `XANKƏNDI` as
  engines write it) is found; `Occurrence.capitals` says so, and rendering follows it.
- In hy and az a spelling also matches at the start of a longer word; the rest of the
  word is the occurrence's suffix. An abbreviation (a short form in capitals: `ԱՄՆ`,
  `ABŞ`) matches whole, or with a hyphenated suffix (`ԱՄՆ-ի`, `ABŞ-ın`), never at the
  start of a longer word (`AİLƏ` is no `Aİ`).
- A short form the glossary writes with a small first letter (ru `иракская`, hy
  `իրաքյան`, az `italyan`) also matches with its first letter capitalised as the language
  does (`Иракская`, `Իրաքյան`, `İtalyan`): a sentence may begin with it.
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from newsloc.glossary.lang import language_pack
from newsloc.glossary.match import WORD_CHARS, coordinated_heads, trie_pattern
from newsloc.glossary.model import Concept, Glossary, NameForms
from newsloc.glossary.morphology import fold, is_capitals, lower, upper

#: A character that continues a word, exactly as in source matching, so an accented
#: letter never ends a name.
WORD_CLASS = f"[{WORD_CHARS}]"

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
        at = bisect_right(starts, occurrence.start) - 1
        if at >= 0:
            first, second = furthest[at]
            end = first[0] if first[1] != i else second[0]
            if occurrence.end <= end:
                continue
        kept.append(occurrence)
    return kept


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _is_abbreviation(spelling: str) -> bool:
    return " " not in spelling and is_capitals(spelling)


class TargetIndex:
    """Finds every glossary place name in a text of one target language.

    One pass, longest spelling first, no overlaps: ru `Нагорного Карабаха` is one
    occurrence of Nagorno-Karabakh, never a Karabakh. Build one with `target_index()` to
    share it between renderers and checkers of the same glossary.
    """

    def __init__(self, glossary: Glossary, language: str):
        self.glossary = glossary
        self.language = language
        self.pack = language_pack(language)
        self.suffixing = self.pack.suffixing
        #: folded spelling -> readings, as the glossary writes the spelling
        self.readings: dict[str, list[Reading]] = {}
        #: folded spelling in capitals -> readings, for occurrences written in capitals
        self.capital_readings: dict[str, list[Reading]] = {}
        #: every word of every spelling, folded (near misses never take a known word)
        self.words: set[str] = set()
        for concept in glossary:
            if language not in glossary.languages_of(concept):
                continue
            for name in concept.names:
                forms = concept.forms_of(language, name)
                if forms is None:
                    continue
                for text, reading in _readings(concept, name, forms, language):
                    key = self.key(text)
                    known = self.readings.setdefault(key, []) if key else None
                    if known is not None and reading not in known:
                        known.append(reading)
        for text, reading in _coordinated_readings(glossary, language):
            known = self.readings.setdefault(self.key(text), [])
            if reading not in known:
                known.append(reading)
        order = {case: i for i, case in enumerate(self.pack.cases)}
        for readings in self.readings.values():
            readings.sort(key=lambda r: (_KIND_ORDER[r.kind], order.get(r.case, len(order))))
        for key, readings in self.readings.items():
            self.words.update(re.findall(f"{WORD_CLASS}+", key))
            for capitals in _capitals_of(language, key):
                capitals = self.key(capitals)
                if capitals != key:
                    known = self.capital_readings.setdefault(capitals, [])
                    known.extend(r for r in readings if r not in known)
        self.abbreviations = frozenset(key for key in self.readings if _is_abbreviation(key))
        spellings = [*self.readings, *self.capital_readings]
        if self.suffixing:
            # The suffix is looked at, not consumed: a hyphenated suffix of a name that is
            # no abbreviation (`Qarabağ-Azərbaycan`) leaves the next word to be found.
            tail = f"(?=(?P<suffix>-?{WORD_CLASS}*))"
            pattern = f"(?P<form>{trie_pattern(spellings, self._char, end='')}){tail}"
        else:
            pattern = f"(?P<form>{trie_pattern(spellings, self._char, f'(?!{WORD_CLASS})')})"
        self._regex = re.compile(pattern) if spellings else None
        self._secondaries = {
            concept.id: self._secondary_texts(concept)
            for concept in glossary
            if language in glossary.languages_of(concept) and concept.contested
        }

    def key(self, text: str) -> str:
        """The form a spelling is looked up by: spaces normalised, ё/е folded in ru."""
        return fold(self.language, _normalise(text))

    def _char(self, char: str) -> str:
        return self.pack.char_pattern(char)

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
        """Every occurrence in `text`, in order, decorated renderings recognised as one."""
        if self._regex is None:
            return []
        tokens: list[Occurrence] = []
        for found in self._regex.finditer(text):
            token = self._token(found)
            if token is not None and not (tokens and token.word_start < tokens[-1].word_end):
                tokens.append(token)
        decorated = [self._decorate(text, token, tokens) for token in tokens]
        # A decorated rendering swallows the tokens of its secondary.
        return _not_swallowed(decorated)

    def _token(self, found: re.Match[str]) -> Occurrence | None:
        form = found.group("form")
        key = self.key(form)
        readings = self.readings.get(key)
        capitals = False
        if readings is None:
            readings = self.capital_readings.get(key)
            capitals = True
        if not readings:
            return None
        suffix = (found.groupdict().get("suffix") or "") if self.suffixing else ""
        if not capitals and key in self.abbreviations:
            if suffix and not suffix.startswith("-"):
                return None  # an abbreviation never begins a longer word
            if suffix == "-":
                suffix = ""
        elif suffix.startswith("-"):
            suffix = ""  # a hyphen ends the word of a name that is no abbreviation
        if suffix.startswith("-") and suffix[1:2].isupper() and not is_capitals(suffix):
            suffix = ""  # `ԱՄՆ-Չինաստան`, `ABŞ-Çin`: a capital after the hyphen starts a word
        start = found.start()
        end = found.end() + len(suffix)
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
    """
    key = (id(glossary), language)
    cached = _indexes.get(key)
    if cached is not None and cached[0]() is glossary:
        return cached[1]
    index = TargetIndex(glossary, language)
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
