"""Armenian: case endings glued to a nominative, the article `-ը`/`-ն`, the ligature `և`.

Forms match at the start of a longer word (`Ստեփանակերտը`, `Ստեփանակերտում`); the rest of
the word is its suffix. The article is `-ը` after a consonant and `-ն` after a vowel
(`Ստեփանակերտը` but `Խանքենդին`), so a suffix moved to a new stem is refitted. `և` and
`եւ` (the older spelling of the ligature) are one letter for matching, and so are their
capitals `ԵՎ` and Unicode's `ԵՒ` (`"Երևան".upper()` is `ԵՐԵՒԱՆ`). A plural head
noun shared by coordinated phrases (`Քելբաջարի և Լաչինի շրջաններում`) is the phrase's
spelling with a suffix (`շրջան` + `ներում`), so it needs no spelling of its own.
"""

from __future__ import annotations

from newsloc.glossary.lang import Language, register

_VOWELS = frozenset("աեէըիոօւ")
_ARTICLES = ("ը", "ն")


#: Marks written inside an Armenian word (U+055B emphasis, U+055C exclamation, U+055E question).
_WORD_MARKS = "\u055b\u055c\u055e"


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
        return text.replace("եւ", "և").replace("ԵՒ", "ԵՎ")

    def spellings_of(self, folded: str) -> tuple[str, ...]:
        return (folded, folded.replace("և", "եւ")) if "և" in folded else (folded,)

    def capitals_key(self, text: str) -> str:
        return self.upper(text).replace("ԵՒ", "ԵՎ")

    def char_pattern(self, char: str) -> str:
        """`և` is also read as `եւ`; in capitals `ԵՎ` also as Unicode's `ԵՒ` (the `Ւ` of a
        spelling's `Վ` right after its `Ե`), as `str.upper` and engines write it."""
        if char == "և":
            return "(?:և|եւ)"
        if char == "Վ":
            return "(?:Վ|(?<=Ե)Ւ)"
        return super().char_pattern(char)

    def first_char_pattern(self, char: str, starts_word: str) -> str:
        if char == "և":
            return f"(?:և{starts_word}|ե{starts_word}ւ)"
        return super().first_char_pattern(char, starts_word)

    def also_read_at(self, char: str) -> tuple[str, ...]:
        return ("Վ",) if char == "Ւ" else ()

    def mark_inside_word(self, text: str, end: int) -> bool:
        # Emphasis ՛, exclamation ՜ and question mark ՞ are written on the word itself,
        # over its stressed vowel, with the rest of the word after them.
        return end + 1 < len(text) and text[end] in _WORD_MARKS and text[end + 1].isalpha()

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
