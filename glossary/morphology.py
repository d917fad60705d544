"""What the renderer must know of Russian, Armenian and Azerbaijani grammar, and no more.

Russian prepositions tell the case of a name whose form does not show it; Armenian and
Azerbaijani case endings glued to a nominative tell its case; capitals differ in
Azerbaijani (İ, I) and Armenian (the ligature և); Russian writes ё or е. Suffixes are never
reshaped: the one a translation attached to a right form stays as written (spec 4.1); only
a near miss (a misspelled stem, fuzzy anyway) has its suffix re-harmonised in Azerbaijani.
"""

from __future__ import annotations

from collections.abc import Collection

#: Russian prepositions and the case they govern, to inflect a name the engine left in a
#: form that does not show its case (ru `в Ханкенди` → `в Степанакерте`). `в`/`на` govern
#: the locative for places ("in"), far more common in news than the accusative ("into").
RU_PREPOSITION_CASES = {
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
        ),
        "gen",
    ),
    **dict.fromkeys(("к", "ко", "по"), "dat"),
    **dict.fromkeys(("под", "подо", "над", "перед", "между"), "ins"),
    **dict.fromkeys(("через", "про", "сквозь"), "acc"),
}

#: Case endings that hy/az attach to a name the glossary lists only in the nominative,
#: longest first (Azerbaijani with its vowel-harmony and buffer-consonant variants).
SUFFIX_CASES: dict[str, tuple[tuple[str, str], ...]] = {
    "hy": (("ում", "loc"), ("ից", "abl"), ("ով", "ins"), ("ին", "dat"), ("ի", "gen")),
    "az": tuple(
        sorted(
            [(e, "abl") for e in ("dan", "dən", "tan", "tən")]
            + [(e, "loc") for e in ("da", "də", "ta", "tə")]
            + [(e, "gen") for e in ("nın", "nin", "nun", "nün", "ın", "in", "un", "ün")]
            + [(e, "dat") for e in ("ya", "yə", "a", "ə")]
            + [(e, "acc") for e in ("nı", "ni", "nu", "nü", "ı", "i", "u", "ü")],
            key=lambda pair: -len(pair[0]),
        )
    ),
}


def case_ending(language: str, written: str, cases: Collection[str]) -> tuple[str, str] | None:
    """(ending, case) of the longest case ending in `SUFFIX_CASES` that `written` (in small
    letters) starts with, for a case in `cases` (the cases a name has forms for)."""
    for ending, case in SUFFIX_CASES.get(language, ()):
        if written.startswith(ending) and case in cases:
            return ending, case
    return None


#: What a near miss may carry after its case ending and still be an inflected name, not
#: a derived word (hy `ավստրալիացի` "an Australian", az `polşalı` "a Pole"): an article,
#: az `-kı`.
INFLECTED_TAILS = {"hy": frozenset(("", "ը", "ն")), "az": frozenset(("", "kı", "ki"))}


def joints(language: str, stem: str) -> tuple[str, ...]:
    """What may stand between `stem` and a case ending: nothing, the Armenian buffer `յ`
    (`Եթովպիա` + `յ` + `ում`) and, after a stem in `-ի`, the `այ` of its `-իա` spelling
    (`Սոմալի`, written `Սոմալիայից`). Azerbaijani needs none: its buffer consonants are
    part of the endings in `SUFFIX_CASES` (`-ya`, `-nın`, `-nı`)."""
    if language != "hy":
        return ("",)
    return ("", "յ", "այ") if stem.endswith("ի") else ("", "յ")


#: Azerbaijani vowel harmony: each back vowel with its front partner.
_AZ_BACK, _AZ_FRONT = "aıou", "əiöü"
_AZ_TO_FRONT = str.maketrans(_AZ_BACK, _AZ_FRONT)
_AZ_TO_BACK = str.maketrans(_AZ_FRONT, _AZ_BACK)
_AZ_VOWELS = frozenset(_AZ_BACK + _AZ_FRONT + "e")


def harmonise(language: str, suffix: str, word: str) -> str:
    """`suffix` with its vowels made to follow the last vowel of `word` (Azerbaijani
    front/back pairs a/ə, ı/i, o/ö, u/ü): `kı` after `Kopenhagendə` is `ki`. Other
    languages, and a word without a vowel, leave it as it is."""
    if language != "az":
        return suffix
    last = next((char for char in reversed(lower(language, word)) if char in _AZ_VOWELS), "")
    if not last:
        return suffix
    return suffix.translate(_AZ_TO_BACK if last in _AZ_BACK else _AZ_TO_FRONT)


#: Letters whose capitals differ in Azerbaijani (Turkic dotted and dotless i).
_AZ_UPPER = str.maketrans({"i": "İ", "ı": "I"})
_AZ_LOWER = str.maketrans({"İ": "i", "I": "ı"})
#: Russian writes ё or е for the same letter; matching treats them as one.
_RU_FOLD = str.maketrans({"ё": "е", "Ё": "Е"})


def upper(language: str, text: str) -> str:
    """`text` in capitals as the language writes them: az `Xankəndi` → `XANKƏNDİ`, hy
    `Երևան` → `ԵՐԵՎԱՆ` (Unicode's capital of the ligature `և` is the older `ԵՒ`)."""
    if language == "az":
        text = text.translate(_AZ_UPPER)
    elif language == "hy":
        text = text.replace("և", "եվ")
    return text.upper()


def lower(language: str, text: str) -> str:
    """`text` in small letters as the language writes them (az `BAKI` → `bakı`)."""
    if language == "az":
        text = text.translate(_AZ_LOWER)
    return text.lower()


def fold(language: str, text: str) -> str:
    """The spelling matching compares: in Russian ё and е are one letter."""
    return text.translate(_RU_FOLD) if language == "ru" else text


def is_capitals(text: str) -> bool:
    """True when every letter of `text` is a capital and there are at least two."""
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def same_in_capitals(language: str, a: str, b: str) -> bool:
    """True when `a` and `b` are the same text in capitals, however the capitals were
    written (az `XANKƏNDI` or `XANKƏNDİ`, hy `ԵՎ` or `ԵՒ`, ru `Ё` or `Е`)."""

    def key(text: str) -> str:
        text = fold(language, upper(language, text))
        if language == "az":
            return text.replace("İ", "I")
        if language == "hy":
            return text.replace("ԵՒ", "ԵՎ")
        return text

    return key(a) == key(b)
