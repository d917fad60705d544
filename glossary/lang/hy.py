"""Armenian: case endings glued to a nominative, the article `-ը`/`-ն`, the ligature `և`.

Forms match at the start of a longer word (`Ստեփանակերտը`, `Ստեփանակերտում`); the rest of
the word is its suffix. The article is `-ը` after a consonant and `-ն` after a vowel
(`Ստեփանակերտը` but `Խանքենդին`), so a suffix moved to a new stem is refitted. `և` and
`եւ` (the older spelling of the ligature) are one letter for matching, and so are their
capitals `ԵՎ` and Unicode's `ԵՒ` (`"Երևան".upper()` is `ԵՐԵՒԱՆ`). The emphasis,
exclamation and question marks `՛ ՜ ՞` are written on the word, over its stressed vowel,
which may stand inside a name's stem (`Ստեփանակե՞րտ`, `Երե՛ւան`): matching reads past a
mark after any letter of a name but the last, and a word holding one is never rewritten
(`mark_inside_word`). A plural head
noun shared by coordinated phrases (`Քելբաջարի և Լաչինի շրջաններում`) is the phrase's
spelling with a suffix (`շրջան` + `ներում`), so it needs no spelling of its own.
"""

from __future__ import annotations

import re

from newsloc.glossary.lang import Language, register

_VOWELS = frozenset("աեէըիոօւ")
_ARTICLES = ("ը", "ն")


#: Marks written inside an Armenian word (U+055B emphasis, U+055C exclamation, U+055E question).
_WORD_MARKS = "\u055b\u055c\u055e"
#: A mark that may stand before any letter of a name but the first.
_MARK = f"[{_WORD_MARKS}]?"
_NO_MARKS = str.maketrans(dict.fromkeys(_WORD_MARKS))


class Armenian(Language):
    code = "hy"
    cases = ("nom", "gen", "dat", "abl", "ins", "loc")
    suffixing = True
    suffix_cases = (("ում", "loc"), ("ից", "abl"), ("ով", "ins"), ("ին", "dat"), ("ի", "gen"))
    inflected_tails = frozenset(("", "ը", "ն"))

    def upper(self, text: str) -> str:
        """Unicode's capital of the ligature `և` is the older `ԵՒ`; Armenian writes `ԵՎ`."""
        return text.replace("և", "եվ").upper()

    def fold(self, text: str) -> str:
        """`եւ` is `և`, `ԵՒ` is `ԵՎ`; a mark inside a word (`Երե՛ւան`) is no letter."""
        if "\u055b" in text or "\u055c" in text or "\u055e" in text:
            text = text.translate(_NO_MARKS)
        return text.replace("եւ", "և").replace("ԵՒ", "ԵՎ")

    def spellings_of(self, folded: str) -> tuple[str, ...]:
        return (folded, folded.replace("և", "եւ")) if "և" in folded else (folded,)

    def capitals_key(self, text: str) -> str:
        return self.upper(text).replace("ԵՒ", "ԵՎ")

    def char_pattern(self, char: str) -> str:
        """`և` is also read as `եւ`; in capitals `ԵՎ` also as Unicode's `ԵՒ` (the `Ւ` of a
        spelling's `Վ` right after its `Ե`), as `str.upper` and engines write it. A mark
        `՛ ՜ ՞` may stand before the letter (after the one before it), inside `եւ` too."""
        if char == " ":
            return super().char_pattern(char)
        if char == "և":
            return f"{_MARK}(?:և|ե{_MARK}ւ)"
        if char == "Վ":
            return f"(?:{_MARK}Վ|(?<=Ե){_MARK}Ւ)"
        return _MARK + re.escape(char)

    def first_char_pattern(self, char: str, starts_word: str) -> str:
        """No mark before a name's first letter: a mark belongs to the word it stands in."""
        if char == "և":
            return f"(?:և{starts_word}|ե{starts_word}{_MARK}ւ)"
        return re.escape(char) + starts_word

    def also_read_at(self, char: str) -> tuple[str, ...]:
        """`Վ` where the text has the `Ւ` of `ԵՒ`, and `և` where it has the `ե` of `ե՛ւ`
        (the pair `ե՛` folds to `ե`, not to `և`)."""
        if char == "Ւ":
            return ("Վ",)
        return ("և",) if char == "ե" else ()

    def mark_inside_word(self, text: str, start: int, end: int) -> bool:
        """Emphasis ՛, exclamation ՜ and question mark ՞ are written on the word itself,
        over its stressed vowel: inside a name's stem (`Ստեփանակե՞րտ`), or between the
        name and its ending (`Խանքենդի՞ն`), with letters on both sides."""
        if any(mark in text[start:end] for mark in _WORD_MARKS):
            return True
        after = end + 1 < len(text) and text[end] in _WORD_MARKS and text[end + 1].isalpha()
        before = start >= 2 and text[start - 1] in _WORD_MARKS and text[start - 2].isalpha()
        return after or before

    def joints(self, stem: str) -> tuple[str, ...]:
        """The buffer `յ` (`Եթովպիա` + `յ` + `ում`) and, after a stem in `-ի`, the `այ` of
        its `-իա` spelling (`Սոմալի`, written `Սոմալիայից`)."""
        return ("", "յ", "այ") if stem.endswith("ի") else ("", "յ")

    def attach(self, stem: str, suffix: str, after: str = "") -> str | None:
        """The article takes the allomorph the new stem needs: `-ն` after a vowel or before
        a word that starts with one (`Ադրբեջանն այդ`), else `-ը`."""
        if suffix in _ARTICLES and stem:
            next_word = after.lstrip(" \u00a0")
            before_vowel = next_word[:1].lower() in _VOWELS and next_word[:1] != "ը"
            vowel = stem[-1].lower() in _VOWELS
            return stem + ("ն" if vowel or before_vowel else "ը")
        return stem + suffix


register(Armenian())
