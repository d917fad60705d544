"""Language-neutral entry points to what the language packs (`glossary.lang`) know.

Kept so callers (and tests) that ask `upper(language, text)` need not look a pack up
themselves; every function here asks the language's pack, and none tests a language code.
"""

from __future__ import annotations

from collections.abc import Collection

from newsloc.glossary.lang import language_pack
from newsloc.glossary.lang.ru import PREPOSITION_CASES as RU_PREPOSITION_CASES

__all__ = [
    "RU_PREPOSITION_CASES",
    "case_ending",
    "fold",
    "harmonise",
    "inflected_tails",
    "is_capitals",
    "joints",
    "lower",
    "same_in_capitals",
    "upper",
]


def case_ending(language: str, written: str, cases: Collection[str]) -> tuple[str, str] | None:
    """(ending, case) of the longest case ending that `written` (in small letters) starts
    with, for a case in `cases` (the cases a name has forms for)."""
    return language_pack(language).case_ending(written, cases)


def inflected_tails(language: str) -> frozenset[str]:
    """What a near miss may carry after its case ending and still be an inflected name."""
    return language_pack(language).inflected_tails


def joints(language: str, stem: str) -> tuple[str, ...]:
    """What may stand between `stem` and a case ending."""
    return language_pack(language).joints(stem)


def harmonise(language: str, suffix: str, word: str) -> str:
    """`suffix` fitted to `word` (Azerbaijani vowel harmony); other languages: unchanged."""
    return language_pack(language).harmonise(suffix, word)


def upper(language: str, text: str) -> str:
    """`text` in capitals as the language writes them: az `Xankəndi` → `XANKƏNDİ`, hy
    `Երևան` → `ԵՐԵՎԱՆ`."""
    return language_pack(language).upper(text)


def lower(language: str, text: str) -> str:
    """`text` in small letters as the language writes them (az `BAKI` → `bakı`)."""
    return language_pack(language).lower(text)


def fold(language: str, text: str) -> str:
    """The spelling matching compares (ru ё/е and stress marks, hy և/եւ, az ә/ə)."""
    return language_pack(language).fold(text)


def is_capitals(text: str) -> bool:
    """True when every letter of `text` is a capital and there are at least two."""
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def same_in_capitals(language: str, a: str, b: str) -> bool:
    """True when `a` and `b` are the same text in capitals, however the capitals were
    written (az `XANKƏNDI` or `XANKƏNDİ`, hy `ԵՎ` or `ԵՒ`, ru `Ё` or `Е`)."""
    pack = language_pack(language)
    return pack.capitals_key(a) == pack.capitals_key(b)
