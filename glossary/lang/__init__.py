"""Language packs: everything the glossary engine knows about one target language.

One module per language (`ru.py`, `hy.py`, `az.py`), each defining a `Language` subclass
and registering one instance; the engine (matching, rendering, near misses, checking) asks
`language_pack(code)` and never tests a language code itself. Adding a language means
adding a module here and naming it in `_MODULES` (translate-toolkit's `lang/` is the model).

A language the registry does not know gets the base `Language`: no cases beyond the
nominative, whole-word matching, Unicode capitals, no grammar, so rewrites that need
grammar are never certain and become suggestions.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Collection
from typing import ClassVar

#: Modules of the packs shipped, by language code.
_MODULES = {"ru": "ru", "hy": "hy", "az": "az"}

#: Quotation marks any language may use: opening -> closing.
COMMON_QUOTES: dict[str, str] = {"«": "»", "„": "“", "“": "”", '"': '"', "‘": "’"}


class Language:
    """The base pack: what every language shares. Subclasses override what differs."""

    code = ""
    #: Case keys in the order that breaks ties when one spelling stands for several cases.
    cases: tuple[str, ...] = ("nom",)
    #: Forms also match at the start of a longer word (suffixes attach freely).
    suffixing = False
    #: Quotation marks the language's texts use: opening -> closing.
    quotes: ClassVar[dict[str, str]] = COMMON_QUOTES
    #: Case endings a suffix may start with, longest first: (ending, case).
    suffix_cases: tuple[tuple[str, str], ...] = ()
    #: What a near miss may carry after its case ending and still be an inflected name.
    inflected_tails: frozenset[str] = frozenset()
    #: Letters of another script typed for the language's own: wrong -> right.
    homoglyphs: ClassVar[dict[str, str]] = {}
    #: Where a text has a spelling's own character, `char_pattern` reads that character
    #: alone (true of a mark that may stand *before* a letter, hy `Երե՛ւան`, not of one
    #: after it, ru `Ерева́н`): the matcher then compares it without the pattern.
    own_letter_alone = True
    #: Letters at the end of a word where another inflection differs (ru `морей`/`моря`);
    #: 0 where the language marks case with suffixes instead.
    inflection_ending = 0

    # -- letters -----------------------------------------------------------------
    def upper(self, text: str) -> str:
        """`text` in capitals as the language writes them."""
        return text.upper()

    def lower(self, text: str) -> str:
        """`text` in small letters as the language writes them."""
        return text.lower()

    def fold(self, text: str) -> str:
        """The spelling matching compares: typographic variants made one."""
        return text

    def spellings_of(self, folded: str) -> tuple[str, ...]:
        """The ways a folded spelling may be written letter for letter (for comparisons
        that cannot fold, such as edit distance on the translation's own letters)."""
        return (folded,)

    def capitals_key(self, text: str) -> str:
        """`text` in capitals, however the capitals were written (for comparison)."""
        return self.fold(self.upper(text))

    def char_pattern(self, char: str) -> str:
        """One character of a spelling as a target-side pattern."""
        if char == " ":
            return r"\s+"
        return re.escape(char)

    def first_char_pattern(self, char: str, starts_word: str) -> str:
        """The first character of a spelling as a target-side pattern, with `starts_word`
        (a test that looks back at the character read and the one before it, as
        `(?<!W.)` does) right after the first character the pattern reads: so a pattern
        that reads more than one (ru `А` with a stress mark after it, hy `և` as `եւ`)
        still tests the character before the word. This default suits a pattern that reads
        one character."""
        return self.char_pattern(char) + starts_word

    def also_read_at(self, char: str) -> tuple[str, ...]:
        """Characters of a spelling, other than `char` itself and what `fold` makes of it,
        whose `char_pattern` may match where a text has `char` (hy `Վ`, whose pattern also
        reads the `Ւ` of Unicode's capital `ԵՒ`)."""
        return ()

    def homoglyphs_in(self, text: str) -> str:
        """The letters of `text` that are another script's typed for this one."""
        return "".join(dict.fromkeys(char for char in text if char in self.homoglyphs))

    # -- grammar -------------------------------------------------------------------
    def case_ending(self, written: str, cases: Collection[str]) -> tuple[str, str] | None:
        """(ending, case) of the longest case ending `written` (in small letters) starts
        with, for a case in `cases`."""
        for ending, case in self.suffix_cases:
            if written.startswith(ending) and case in cases:
                return ending, case
        return None

    def joints(self, stem: str) -> tuple[str, ...]:
        """What may stand between a stem and a case ending."""
        return ("",)

    def harmonise(self, suffix: str, word: str) -> str:
        """`suffix` fitted to `word` (vowel harmony); unchanged where there is none."""
        return suffix

    def attach(self, stem: str, suffix: str, after: str = "") -> str | None:
        """`stem` + `suffix`, with the suffix refitted to the new stem where the language
        says how (hy article allomorph, az harmony); `after` is the text that follows the
        word. None when it cannot be done with certainty."""
        return stem + suffix

    def governed_case(self, before: str) -> str | None:
        """The case the words just before a name govern (a preposition, a noun that
        governs the genitive), or None when they do not settle it."""
        return None

    def governed_cases(self, before: str) -> frozenset[str]:
        """Every case the words before a name allow (one when `governed_case` settles it,
        several for a word that is itself ambiguous, none when nothing is known)."""
        case = self.governed_case(before)
        return frozenset() if case is None else frozenset((case,))

    def mark_inside_word(self, text: str, start: int, end: int) -> bool:
        """Whether the word of `text[start:end]` has a mark set inside it: within the span
        (hy `Ստեփանակե՞րտ`), or just past either end with the word going on beyond it (hy
        `Խանքենդի՞ն`: the question mark sits on the word, before its ending). Such a word is
        never rewritten: a new name would lose the mark or leave it and the ending behind,
        so the rewrite is only suggested (contract 4.11)."""
        return False

    def plural_head(self, phrase: str, case: str) -> str | None:
        """A fixed phrase's spelling in one case (`Лачинском районе`) with its head noun,
        the last word, in the plural of that case (`Лачинском районах`): coordinated
        phrases share one plural head (`в Кельбаджарском и Лачинском районах`, contract
        4.9), and the last conjunct is written with it. None where the language needs no
        such spelling (its plural is a suffix the matching already takes) or the head noun
        is not known."""
        return None

    def gender_of(self, form: str) -> str | None:
        """The grammatical gender of a nominative place name, or None (no gender or not
        known)."""
        return None

    def agreement_breaks(self, old: str, new: str, after: str) -> bool:
        """True when replacing a subject `old` by `new` would break agreement with the
        words `after` it (a Russian past-tense verb's gender)."""
        return False


_PACKS: dict[str, Language] = {}


def register(pack: Language) -> Language:
    """Add a pack to the registry (each language module calls this once)."""
    _PACKS[pack.code] = pack
    return pack


def language_pack(code: str) -> Language:
    """The pack of a language; the base pack for a language with none."""
    pack = _PACKS.get(code)
    if pack is None and code in _MODULES:
        importlib.import_module(f"{__name__}.{_MODULES[code]}")
        pack = _PACKS.get(code)
    if pack is None:
        pack = _PACKS.setdefault(code, _base(code))
    return pack


def _base(code: str) -> Language:
    pack = Language()
    pack.code = code
    return pack


def known_languages() -> tuple[str, ...]:
    """The languages that have a pack of their own."""
    return tuple(_MODULES)


#: Case keys per target language (the glossary file's case keys, section 2).
CASES: dict[str, tuple[str, ...]] = {code: language_pack(code).cases for code in _MODULES}
#: Languages whose forms also match at the start of a longer word.
SUFFIXING_LANGUAGES = frozenset(code for code in _MODULES if language_pack(code).suffixing)
