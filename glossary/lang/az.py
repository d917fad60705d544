"""Azerbaijani: case endings with vowel harmony, dotted and dotless i, Cyrillic `ә`.

Forms match at the start of a longer word (`Xankəndidə`, `Xankəndidəki`). A suffix moved to
a new stem is re-harmonised (`Karvaçardakı`, `Şuşidəki`). Capitals differ (`i`/`İ`,
`ı`/`I`). Texts typed on a Russian layout write the Cyrillic `ә`/`Ә` for `ə`/`Ə` (TRT's
`Azәrbaycan`): matching reads them as the Latin letter, and check warns.
"""

from __future__ import annotations

from newsloc.glossary.lang import Language, register

_BACK, _FRONT = "aıou", "əiöü"
_TO_FRONT = str.maketrans(_BACK, _FRONT)
_TO_BACK = str.maketrans(_FRONT, _BACK)
_VOWELS = frozenset(_BACK + _FRONT + "e")
#: Consonants Azerbaijani puts between a vowel stem and a vowel suffix.
_BUFFERS = frozenset("yns")
#: The vowels of the third-person possessive (`rayonu`, `vilayəti`) that ends a head noun.
_POSSESSIVE = frozenset("ıiuü")
_UPPER = str.maketrans({"i": "İ", "ı": "I"})
_LOWER = str.maketrans({"İ": "i", "I": "ı"})
_HOMOGLYPHS = {"ә": "ə", "Ә": "Ə"}
_FOLD = str.maketrans(_HOMOGLYPHS)


class Azerbaijani(Language):
    code = "az"
    cases = ("nom", "gen", "dat", "acc", "loc", "abl")
    suffixing = True
    suffix_cases = tuple(
        sorted(
            [(e, "abl") for e in ("dan", "dən", "tan", "tən")]
            + [(e, "loc") for e in ("da", "də", "ta", "tə")]
            + [(e, "gen") for e in ("nın", "nin", "nun", "nün", "ın", "in", "un", "ün")]
            + [(e, "dat") for e in ("ya", "yə", "a", "ə")]
            + [(e, "acc") for e in ("nı", "ni", "nu", "nü", "ı", "i", "u", "ü")],
            key=lambda pair: -len(pair[0]),
        )
    )
    inflected_tails = frozenset(("", "kı", "ki"))
    homoglyphs = _HOMOGLYPHS

    def upper(self, text: str) -> str:
        return text.translate(_UPPER).upper()

    def lower(self, text: str) -> str:
        return text.translate(_LOWER).lower()

    def fold(self, text: str) -> str:
        return text.translate(_FOLD)

    def capitals_key(self, text: str) -> str:
        return self.fold(self.upper(text)).replace("İ", "I")

    def char_pattern(self, char: str) -> str:
        for cyrillic, latin in _HOMOGLYPHS.items():
            if char == latin:
                return f"[{latin}{cyrillic}]"
        return super().char_pattern(char)

    def harmonise(self, suffix: str, word: str) -> str:
        """Vowels of `suffix` follow the last vowel of `word` (a/ə, ı/i, o/ö, u/ü):
        `kı` after `Kopenhagendə` is `ki`."""
        last = next((char for char in reversed(self.lower(word)) if char in _VOWELS), "")
        if not last:
            return suffix
        return suffix.translate(_TO_BACK if last in _BACK else _TO_FRONT)

    def plural_head(self, phrase: str, case: str) -> str | None:
        """The head noun with its possessive (`rayonu`, `vilayəti`, `Respublikası`) put in
        the plural (`rayonları`, `vilayətləri`, `Respublikaları`): `Ağdam, Füzuli və
        Kəlbəcər rayonları`. Only for the nominative: every case of the plural starts with
        it (`rayonlarında`), and forms match at the start of a longer word."""
        words = phrase.split()
        if len(words) < 2 or case != "nom":
            return None
        head = words[-1]
        low = self.lower(head)
        if len(low) > 3 and low[-2] == "s" and low[-1] in _POSSESSIVE and low[-3] in _VOWELS:
            stem = head[:-2]  # `Respublika` + `sı`
        elif len(low) > 2 and low[-1] in _POSSESSIVE and low[-2] not in _VOWELS:
            stem = head[:-1]  # `rayon` + `u`
        else:
            return None
        return " ".join([*words[:-1], stem + self.harmonise("ları", stem)])

    def attach(self, stem: str, suffix: str, after: str = "") -> str | None:
        """Harmony refitted. A suffix that starts with a vowel after a stem that ends with
        one would need a buffer consonant (`-y-`, `-n-`, `-s-`), and one that starts with a
        buffer consonant is wrong after a stem that ends with a consonant: not certain."""
        first, last = self.lower(suffix[:1]), self.lower(stem[-1:])
        if first in _VOWELS and last in _VOWELS:
            return None
        if first in _BUFFERS and last not in _VOWELS:
            return None  # `Xankəndi` + `ndə`: a buffer consonant after a consonant stem
        return stem + self.harmonise(suffix, stem)


register(Azerbaijani())
