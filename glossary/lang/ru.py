"""Russian: six cases, whole-word matching, ё/е and stress marks folded, case from context.

A name the engine left in a form that does not show its case (an indeclinable `Ханкенди`)
takes its case from the word before it: a preposition (`в`, `из`, `к` …), a noun, which
governs the genitive (`в электроснабжении Ханкенди` → `Степанакерта`), a generic noun in
apposition (`в городе Ханкенди` → `в городе Степанакерте`) or an adjective agreeing with it
(`в азербайджанском Ханкенди`). Nouns and adjectives are read with pymorphy3, imported on
first use so start-up does not pay for its dictionary; without it only prepositions and the
start of a sentence count, and the rest becomes a suggestion (contract 4.11).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from newsloc.glossary.lang import Language, register

#: Prepositions and the case they govern. `в`/`на` govern the locative for places ("in"),
#: far more common in news than the accusative ("into").
PREPOSITION_CASES = {
    **dict.fromkeys(("в", "во", "на", "о", "об", "обо", "при"), "loc"),
    **dict.fromkeys(
        (
            "из",
            "изо",
            "от",
            "ото",
            "до",
            "у",
            "около",
            "возле",
            "близ",
            "вблизи",
            "вокруг",
            "для",
            "без",
            "из-за",
            "из-под",
            "после",
            "против",
            "напротив",
            "севернее",
            "южнее",
            "западнее",
            "восточнее",
            "среди",
            "кроме",
            "вдоль",
            "внутри",
            "мимо",
        ),
        "gen",
    ),
    **dict.fromkeys(("к", "ко", "по", "благодаря", "согласно"), "dat"),
    **dict.fromkeys(("под", "подо", "над", "перед", "между", "с", "со"), "ins"),
    **dict.fromkeys(("через", "про", "сквозь"), "acc"),
}
#: `с`/`со` also govern the genitive ("from"): they settle nothing.
_UNSETTLED_PREPOSITIONS = frozenset(("с", "со"))

#: Generic nouns a place name stands in apposition to: the name agrees with the noun's case.
APPOSITION_NOUNS = frozenset(
    (
        "город",
        "село",
        "посёлок",
        "поселок",
        "деревня",
        "станция",
        "столица",
        "район",
        "область",
        "провинция",
        "регион",
        "республика",
        "страна",
        "государство",
    )
)

_PYMORPHY_CASES = {
    "nomn": "nom",
    "gent": "gen",
    "datv": "dat",
    "accs": "acc",
    "ablt": "ins",
    "loct": "loc",
    "gen2": "gen",
    "loc2": "loc",
}
#: pymorphy3's marks of a proper noun (a place, a person, an organisation).
_PROPER = frozenset(("Geox", "Name", "Surn", "Patr", "Orgn", "Trad"))
#: The glossary's case keys as pymorphy3 tags them.
_CASE_TAGS = {case: tag for tag, case in _PYMORPHY_CASES.items() if not tag.endswith("2")}
_LAST_WORD = re.compile(r"([\w\u0301-]+)[\s\u00a0]*$")
_SENTENCE_START = re.compile(r"(?:^|[.!?…:;]\s*|[«\"„“(—–-]\s*)$")
#: A character neither pattern above can run through (not a letter, digit, stress mark,
#: hyphen or space); see `_search_end`.
_STOP = re.compile(r"[^\w\u0301\s-]")
#: How much of the text before a name `_search_end` looks at first.
_TAIL = 256
_FIRST_WORD = re.compile(r"[\s\u00a0]*(?:\([^()]*\)[\s\u00a0]*)?([\w\u0301]+)")
_STRESS = "\u0301"
#: A stress mark on `г` or `к` composes, in NFC, into a Macedonian letter (`Аѓдам` is
#: `А`, `г` + U+0301, `дам` composed): in Russian text that letter is the stressed one.
_STRESSED = {"ѓ": "г", "ќ": "к", "Ѓ": "Г", "Ќ": "К"}
_FOLD = str.maketrans({"ё": "е", "Ё": "Е", _STRESS: None, **_STRESSED})
_CLASSES = {
    "е": "[её]",
    "ё": "[её]",
    "Е": "[ЕЁ]",
    "Ё": "[ЕЁ]",
    **{plain: f"[{plain}{stressed}]" for stressed, plain in _STRESSED.items()},
}


@cache
def _analyser() -> Any:
    """pymorphy3's analyser, loaded on first use; None when it is not installed."""
    try:
        import pymorphy3  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - declared as a dependency
        return None
    return pymorphy3.MorphAnalyzer()


def _parses(word: str) -> list[Any]:
    analyser = _analyser()
    if analyser is None:
        return []
    try:
        return list(analyser.parse(word))
    except ValueError:  # pymorphy3 names each character; a code point with no name raises
        return []


class Russian(Language):
    code = "ru"
    cases = ("nom", "gen", "dat", "acc", "ins", "loc")
    inflection_ending = 3
    own_letter_alone = False  # a stress mark may follow the letter

    def fold(self, text: str) -> str:
        """ё and е are one letter; stress marks (U+0301) are not letters, also where NFC
        composed one with its letter (`ѓ`, `ќ`)."""
        return text.translate(_FOLD)

    def char_pattern(self, char: str) -> str:
        if char == " ":
            return r"\s+"
        # A stress mark may follow any letter (Wikipedia's `Степанаке́рт`).
        return _CLASSES.get(char, re.escape(char)) + f"{_STRESS}?"

    def first_char_pattern(self, char: str, starts_word: str) -> str:
        """A stress mark on the first letter (`А́гдам`) comes after the start-of-word test,
        which looks at the letter itself and the character before it."""
        if char == " ":
            return super().first_char_pattern(char, starts_word)
        return _CLASSES.get(char, re.escape(char)) + starts_word + f"{_STRESS}?"

    def governed_case(self, before: str) -> str | None:
        cases = self.governed_cases(before)
        return next(iter(cases)) if len(cases) == 1 else None

    def governed_cases(self, before: str) -> frozenset[str]:
        if _search_end(_SENTENCE_START, before):
            return frozenset(("nom",))
        found = _search_end(_LAST_WORD, before)
        if found is None:
            return frozenset()
        word = found.group(1).replace(_STRESS, "").lower()
        if word in PREPOSITION_CASES:
            if word in _UNSETTLED_PREPOSITIONS:
                return frozenset((PREPOSITION_CASES[word], "gen"))
            return frozenset((PREPOSITION_CASES[word],))
        if word in _CONJUNCTIONS:
            return _conjunct_cases(before[: found.start()])
        return _cases_from_word(word)

    def plural_head(self, phrase: str, case: str) -> str | None:
        """The head noun (the last word) put in the plural of the same case with pymorphy3:
        `Агдамского района` → `Агдамского районов`, `Сюникской области` → `Сюникской
        областях` for the locative. A proper noun as the last word (`Республика Арцах`)
        is no head."""
        words = phrase.split()
        tag = _CASE_TAGS.get(case)
        if len(words) < 2 or tag is None:
            return None
        head = words[-1]
        for parse in _parses(head.replace(_STRESS, "").lower()):
            grammemes = parse.tag.grammemes
            if (
                parse.tag.POS != "NOUN"
                or not parse.is_known
                or parse.tag.number != "sing"
                or parse.tag.case != tag
                or grammemes & _PROPER
            ):
                continue
            plural = parse.inflect({"plur", tag})
            if plural is None:
                continue
            word = plural.word
            if head[:1].isupper():
                word = word[:1].upper() + word[1:]
            return " ".join([*words[:-1], word])
        return None

    def gender_of(self, form: str) -> str | None:
        word = form.split()[-1].lower() if form.split() else ""
        if not word:
            return None
        if word.endswith(("а", "я")):
            return "femn"
        if word.endswith(("о",)):
            return "neut"
        return "masc"  # consonants and indeclinable -и/-е names: город

    def agreement_breaks(self, old: str, new: str, after: str) -> bool:
        """A past-tense verb or short participle right after the name (a parenthesised
        secondary skipped) agrees with the old name's gender and not the new one's."""
        old_gender, new_gender = self.gender_of(old), self.gender_of(new)
        if old_gender is None or new_gender is None or old_gender == new_gender:
            return False
        found = _FIRST_WORD.match(after)
        if found is None:
            return False
        for parse in _parses(found.group(1).lower()):
            if parse.tag.POS in ("VERB", "PRTS", "ADJS") and parse.tag.gender:
                return True
        return bool(re.fullmatch(r"(был|стал)[аои]?", found.group(1).lower()))


def _search_end(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """`pattern.search(text)` for `_SENTENCE_START` or `_LAST_WORD`, which match only at
    the end of the text. A search tries every position of the text, which for each name
    of a long paragraph would cost the paragraph's length; so it starts `_TAIL`
    characters from the end when those hold a `_STOP` character, which a match starting
    earlier would have to run through: the same match, found in constant time."""
    cut = len(text) - _TAIL
    if cut > 0 and _STOP.search(text, cut):
        return pattern.search(text, cut)
    return pattern.search(text)


_CONJUNCTIONS = frozenset(("и", "или", "либо"))
_CONJUNCT = re.compile(r"([\w\u0301-]+)[\s\u00a0]*(?:\([^()]*\)[\s\u00a0]*)?,?[\s\u00a0]*$")


def _conjunct_cases(before: str) -> frozenset[str]:
    """After `и`/`или`: the cases of the conjunct before it (`до Лачина (Бердзор) и Шуши`:
    `Лачина` is a genitive, so is `Шуши`)."""
    found = _CONJUNCT.search(before)
    if found is None:
        return frozenset()
    return frozenset(
        case
        for parse in _parses(found.group(1).replace(_STRESS, "").lower())
        if parse.tag.POS == "NOUN" and parse.score >= 0.05
        for case in (_PYMORPHY_CASES.get(str(parse.tag.case)),)
        if case is not None
    )


def _cases_from_word(word: str) -> frozenset[str]:
    """The cases a noun or adjective just before a name allows: a noun governs the
    genitive, a generic noun in apposition (`город`) and an adjective share their case."""
    parses = _parses(word)
    if not parses:
        return frozenset()
    best = parses[0]
    pos = best.tag.POS
    if pos == "NOUN" and best.normal_form not in APPOSITION_NOUNS:
        return frozenset(("gen",))
    if pos in ("NOUN", "ADJF"):
        return frozenset(
            case
            for parse in parses
            if parse.tag.POS == best.tag.POS
            for case in (_PYMORPHY_CASES.get(str(parse.tag.case)),)
            if case is not None
        )
    return frozenset()


register(Russian())
