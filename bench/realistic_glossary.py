"""A large glossary that looks like the curated one: the shipped concepts, then thousands
more place names, each with a full case table in Armenian, Azerbaijani and Russian.

Names are made of syllables and written in each language's script; the case endings
follow the curated file's conventions (ru: -а -у -ом -е; hy: -ի -ին -ից -ով -ում; az:
vowel harmony, a buffer n/y after a vowel). Every tenth concept is contested (two names),
every seventh has an extra English spelling, every fifth a variant spelling in one
language, so the target index holds what a real file makes it hold.
"""

from __future__ import annotations

import json
import random

from newsloc.glossary.loader import DEFAULT_GLOSSARY_PATH

#: Syllables with their spelling in each script: (en, ru, hy, az).
SYLLABLES = [
    ("ka", "ка", "կա", "ka"),
    ("ra", "ра", "րա", "ra"),
    ("ma", "ма", "մա", "ma"),
    ("na", "на", "նա", "na"),
    ("ta", "та", "տա", "ta"),
    ("sa", "са", "սա", "sa"),
    ("ga", "га", "գա", "qa"),
    ("ba", "ба", "բա", "ba"),
    ("da", "да", "դա", "da"),
    ("la", "ла", "լա", "la"),
    ("ve", "ве", "վե", "ve"),
    ("ke", "ке", "կե", "ke"),
    ("mi", "ми", "մի", "mi"),
    ("ri", "ри", "րի", "ri"),
    ("zo", "зо", "զո", "zo"),
    ("ku", "ку", "կու", "ku"),
    ("shu", "шу", "շու", "şu"),
    ("gor", "гор", "գոր", "qor"),
    ("dar", "дар", "դար", "dar"),
    ("bek", "бек", "բեկ", "bək"),
    ("kan", "кан", "կան", "kan"),
    ("sur", "сур", "սուր", "sur"),
    ("tam", "там", "թամ", "tam"),
    ("lin", "лин", "լին", "lin"),
    ("ver", "вер", "վեր", "vər"),
    ("zor", "зор", "զոր", "zor"),
    ("jan", "джан", "ջան", "can"),
    ("ash", "аш", "աշ", "aş"),
    ("ov", "ов", "ով", "ov"),
    ("er", "ер", "եր", "er"),
]
ENDINGS = [
    ("ak", "ак", "ակ", "ak"),
    ("an", "ан", "ան", "an"),
    ("ert", "ерт", "երտ", "ert"),
    ("in", "ин", "ին", "in"),
    ("ul", "ул", "ուլ", "ul"),
    ("ar", "ар", "ար", "ar"),
    ("ez", "ез", "եզ", "əz"),
]
BACK_VOWELS = "aıou"
FRONT_VOWELS = "eəiöü"


def _az_cases(nom: str) -> dict[str, str]:
    vowels = [c for c in nom.lower() if c in BACK_VOWELS + FRONT_VOWELS]
    last = vowels[-1] if vowels else "a"
    back = last in BACK_VOWELS
    four = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "ə": "i", "i": "i", "ö": "ü"}
    high = four.get(last, "ü")
    return {
        "nom": nom,
        "gen": f"{nom}{high}n",
        "dat": f"{nom}{'a' if back else 'ə'}",
        "acc": f"{nom}{high}",
        "loc": f"{nom}d{'a' if back else 'ə'}",
        "abl": f"{nom}d{'a' if back else 'ə'}n",
    }


def _ru_cases(nom: str) -> dict[str, str]:
    return {
        "nom": nom,
        "gen": nom + "а",
        "dat": nom + "у",
        "acc": nom,
        "ins": nom + "ом",
        "loc": nom + "е",
    }


def _hy_cases(nom: str) -> dict[str, str]:
    return {
        "nom": nom,
        "gen": nom + "ի",
        "dat": nom + "ին",
        "abl": nom + "ից",
        "ins": nom + "ով",
        "loc": nom + "ում",
    }


def _names(count: int, rng: random.Random, taken: set[str]) -> list[tuple[str, str, str, str]]:
    """`count` distinct names, each (en, ru, hy, az), capitalised as each script does."""
    made = []
    while len(made) < count:
        parts = [rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))] + [rng.choice(ENDINGS)]
        spelled = ["".join(part[i] for part in parts) for i in range(4)]
        en = spelled[0].capitalize()
        if en in taken:
            continue
        taken.add(en)
        az = spelled[3]
        az = ("İ" + az[1:]) if az.startswith("i") else az.capitalize()
        made.append((en, spelled[1].capitalize(), spelled[2].capitalize(), az))
    return made


def _table(cases: dict[str, str], variant: str | None = None) -> str:
    body = ", ".join(
        f"{case} = {json.dumps(form, ensure_ascii=False)}" for case, form in cases.items()
    )
    if variant:
        body += f", variants = [{json.dumps(variant, ensure_ascii=False)}]"
    return "{ " + body + " }"


def realistic_glossary_toml(extra: int, seed: int = 1) -> str:
    """The curated glossary's TOML with `extra` generated concepts appended."""
    text = DEFAULT_GLOSSARY_PATH.read_text(encoding="utf-8")
    rng = random.Random(seed)
    taken: set[str] = set()
    lines = [text.rstrip("\n"), ""]
    for index in range(extra):
        contested = index % 10 == 0
        names = _names(2 if contested else 1, rng, taken)
        lines += [
            "[[concept]]",
            f'id = "generated-{index}"',
            'kind = "village"',
            f"names = [{', '.join(json.dumps(name[0]) for name in names)}]",
        ]
        if index % 7 == 0:
            lines.append(f"en.{names[0][0]} = [{json.dumps(names[0][0] + 'a')}]")
        for en, ru, hy, az in names:
            variant = index % 5 == 0
            lines.append(f"ru.{en} = {_table(_ru_cases(ru))}")
            lines.append(f"hy.{en} = {_table(_hy_cases(hy), hy + 'ը' if variant else None)}")
            lines.append(f"az.{en} = {_table(_az_cases(az))}")
        lines.append("")
    return "\n".join(lines) + "\n"
