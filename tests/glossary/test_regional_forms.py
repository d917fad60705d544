"""Name forms real regional copy writes and the glossary must find (issue 18, forms).

Coordinated phrases whose shared head noun is plural (`в Кельбаджарском и Лачинском
районах`, `Kəlbəcər rayonları`, `Լաչինի շրջաններում`: each conjunct is its district,
contract 4.9), a coordinated adjective made from a phrase's short form (`Зангиланский`),
the long official names of the Trump Route as Russian, Armenian and Azerbaijani outlets
write them, Western Armenian spellings, and Armenian outlets' `Лачинский (Бердзорский)
коридор`. Each is found where it is written, `check` finds no error in the sentence and
`apply` leaves it as written.
"""

from __future__ import annotations

import pytest

from newsloc.glossary.check import ERROR, CheckEntry, check_entries
from newsloc.glossary.lang import language_pack
from newsloc.glossary.loader import load_default_glossary
from newsloc.glossary.model import Glossary
from newsloc.glossary.render import DocumentRenderer
from newsloc.glossary.target import target_index


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_default_glossary()


def _found_as(glossary: Glossary, language: str, text: str, written: str) -> set[str]:
    """The concepts of the occurrence that covers `written` where the text has it."""
    start = text.index(written)
    end = start + len(written)
    return {
        reading.concept_id
        for occurrence in target_index(glossary, language).find(text)
        if occurrence.start <= start and end <= max(occurrence.end, occurrence.word_end)
        for reading in occurrence.readings
    }


def _clean_and_kept(glossary: Glossary, language: str, source: str, translation: str) -> None:
    errors = [
        v.message
        for v in check_entries(glossary, language, [CheckEntry(source, translation, 1)])
        if v.severity == ERROR
    ]
    assert errors == []
    assert DocumentRenderer(glossary, language).render(source, translation).text == translation


# --- the plural of a shared head noun: the language packs -------------------------------


@pytest.mark.parametrize(
    ("phrase", "case", "plural"),
    [
        ("Лачинском районе", "loc", "Лачинском районах"),
        ("Агдамского района", "gen", "Агдамского районов"),
        ("Лачинский район", "nom", "Лачинский районы"),
        ("Лачинским районом", "ins", "Лачинским районами"),
        ("Сюникской области", "loc", "Сюникской областях"),
        ("Сюникской области", "gen", "Сюникской областей"),
        ("Нагорно-Карабахская Республика", "nom", "Нагорно-Карабахская Республики"),
        # a proper noun at the end is no head noun; one word has no head
        ("Республика Арцах", "nom", None),
        ("Международный аэропорт Физули", "nom", None),
        ("Кельбаджар", "nom", None),
    ],
)
def test_russian_puts_the_head_noun_in_the_plural_of_the_same_case(phrase, case, plural) -> None:
    assert language_pack("ru").plural_head(phrase, case) == plural


@pytest.mark.parametrize(
    ("phrase", "plural"),
    [
        ("Kəlbəcər rayonu", "Kəlbəcər rayonları"),
        ("Sünik vilayəti", "Sünik vilayətləri"),
        ("Laçın dəhlizi", "Laçın dəhlizləri"),
        ("Dağlıq Qarabağ Respublikası", "Dağlıq Qarabağ Respublikaları"),
        ("Vaşinqton Bəyannaməsi", "Vaşinqton Bəyannamələri"),
        # no possessive at the end: no head noun to put in the plural
        ("Böyük Ermənistan", None),
        ("Bağanis Ayrım", None),
        ("Kəlbəcər", None),
    ],
)
def test_azerbaijani_puts_the_possessed_head_noun_in_the_plural(phrase, plural) -> None:
    assert language_pack("az").plural_head(phrase, "nom") == plural


def test_azerbaijani_needs_the_nominative_plural_only() -> None:
    """Every case of `rayonları` starts with it, and forms match at a word's start."""
    assert language_pack("az").plural_head("Kəlbəcər rayonunda", "loc") is None


def test_armenian_plural_is_a_suffix_and_needs_no_spelling() -> None:
    assert language_pack("hy").plural_head("Լաչինի շրջան", "nom") is None


# --- coordinated phrases with a plural head, found and left alone -----------------------


@pytest.mark.parametrize(
    ("language", "text", "written", "concept_id"),
    [
        (
            "ru",
            "высоты в Кельбаджарском и Лачинском районах",
            "Лачинском районах",
            "lachin-district",
        ),
        (
            "ru",
            "высоты в Кельбаджарском и Лачинском районах",
            "Кельбаджарском",
            "kalbajar-district",
        ),
        (
            "ru",
            "жители Агдамского, Лачинского и Кельбаджарского районов",
            "Кельбаджарского районов",
            "kalbajar-district",
        ),
        ("ru", "в Сюникской и Тавушской областях", "Тавушской областях", "tavush-province"),
        ("hy", "Քելբաջարի և Լաչինի շրջաններում", "Լաչինի շրջաններում", "lachin-district"),
        ("hy", "Քելբաջարի և Լաչինի շրջաններում", "Քելբաջարի", "kalbajar-district"),
        ("az", "Ağdam, Füzuli və Kəlbəcər rayonları", "Kəlbəcər rayonları", "kalbajar-district"),
        ("az", "Füzuli və Kəlbəcər rayonlarında", "Kəlbəcər rayonlarında", "kalbajar-district"),
        ("az", "Sünik və Tavuş vilayətlərində", "Tavuş vilayətlərində", "tavush-province"),
    ],
)
def test_each_conjunct_of_a_plural_head_is_its_phrase(
    glossary: Glossary, language: str, text: str, written: str, concept_id: str
) -> None:
    assert concept_id in _found_as(glossary, language, text, written)


@pytest.mark.parametrize(
    ("language", "translation"),
    [
        ("ru", "Солдаты пытались захватить высоты в Кельбаджарском и Лачинском районах."),
        ("hy", "Զինվորները փորձել են գրավել բարձունքներ Քելբաջարի և Լաչինի շրջաններում։"),
        ("az", "Əsgərlər Kəlbəcər və Laçın rayonlarında yüksəklikləri tutmağa çalışıblar."),
    ],
)
def test_a_plural_head_is_clean_and_left_as_written(
    glossary: Glossary, language: str, translation: str
) -> None:
    source = "Soldiers tried to seize heights in the Kalbajar and Lachin districts."
    _clean_and_kept(glossary, language, source, translation)


def test_a_coordinated_adjective_may_come_from_a_short_form(glossary: Glossary) -> None:
    """`Зангиланский` (Azerbaijan's Russian spelling, a short form of `Зангеланский
    район`) among the other districts' adjectives sharing `района`."""
    source = "Azerbaijan had taken four districts - Fuzuli, Jabrayil, Zangilan and Qubadli."
    translation = (
        "Азербайджан взял четыре района – Физулинский, Джебраильский, Зангиланский и Кубатлинский."
    )
    assert "zangilan-district" in _found_as(glossary, "ru", translation, "Зангиланский")
    _clean_and_kept(glossary, "ru", source, translation)


# --- spellings real copy writes -----------------------------------------------------------

TRIPP = "Trump Route for International Peace and Prosperity"


@pytest.mark.parametrize(
    ("language", "translation", "written"),
    [
        (
            "ru",
            "Декларация предусматривает создание «Пути Трампа во имя международного мира и "
            "процветания».",
            "Пути Трампа во имя международного мира и процветания",
        ),
        (
            "ru",
            "Путь Трампа во имя международного мира и процветания пройдет через Сюник.",
            "Путь Трампа во имя международного мира и процветания",
        ),
        (
            "ru",
            "Россия готова участвовать в проекте «Маршрут Трампа для международного мира и "
            "процветания».",
            "Маршрут Трампа для международного мира и процветания",
        ),
        (
            "az",
            "Onlar “Beynəlxalq Sülh və Rifah Naminə Tramp Yolu” adlı Bəyannamə imzalayıblar.",
            "Beynəlxalq Sülh və Rifah Naminə Tramp Yolu",
        ),
        (
            "az",
            "Beynəlxalq Sülh və Rifah Naminə Tramp Yolunun tikintisi başlayır.",
            "Beynəlxalq Sülh və Rifah Naminə Tramp Yolunun",
        ),
        (
            "hy",
            "Ճանապարհը կոչվելու է «Միջազգային համագործակցության և խաղաղության Թրամփի ուղի»։",
            "Միջազգային համագործակցության և խաղաղության Թրամփի ուղի",
        ),
    ],
)
def test_the_long_names_of_the_trump_route_are_found_whole_and_kept(
    glossary: Glossary, language: str, translation: str, written: str
) -> None:
    assert "tripp" in _found_as(glossary, language, translation, written)
    _clean_and_kept(glossary, language, f'They signed the "{TRIPP}".', translation)


@pytest.mark.parametrize(
    ("translation", "written"),
    [
        ("Զուիցերիոյ Տաւոս քաղաքին մէջ ստորագրեցին կանոնադրութիւնը։", "Զուիցերիոյ"),
        ("Հանդիպումը տեղի ունեցաւ Զուիցերիայի մէջ։", "Զուիցերիայի"),
    ],
)
def test_western_armenian_switzerland_is_switzerland(
    glossary: Glossary, translation: str, written: str
) -> None:
    assert "switzerland" in _found_as(glossary, "hy", translation, written)
    _clean_and_kept(glossary, "hy", "They met in Switzerland.", translation)


def test_an_armenian_outlets_lachin_berdzor_corridor_is_one_name(glossary: Glossary) -> None:
    translation = "перекрытие Лачинского (Бердзорского) коридора – единственной дороги"
    written = "Лачинского (Бердзорского) коридора"
    assert "lachin-corridor" in _found_as(glossary, "ru", translation, written)
    source = "the blocking of the Lachin corridor, the only road"
    _clean_and_kept(glossary, "ru", source, translation)
