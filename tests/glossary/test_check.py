"""Checking reviewed translations (spec section 5): missing primary, missing secondary at
the first mention, the other name used alone; warnings for ambiguous concepts."""

from __future__ import annotations

import pytest

from newsloc.glossary.check import ERROR, WARNING, CheckEntry, check_entries
from newsloc.glossary.model import Glossary
from tests.glossary.test_render import make_glossary


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return make_glossary()


def messages(glossary: Glossary, language: str, entries: list[CheckEntry]) -> list[tuple]:
    return [
        (v.line, v.concept_id, v.severity, v.message)
        for v in check_entries(glossary, language, entries)
    ]


def test_a_correct_rendering_has_no_violations(glossary):
    entries = [
        CheckEntry("Shelling in Stepanakert.", "Обстрел в Степанакерте (Ханкенди).", 3),
        CheckEntry("Stepanakert is calm.", "Степанакерт спокоен.", 8),
        CheckEntry("Near Baku and in Nagorno-Karabakh.", "Около Баку и в Нагорном Карабахе.", 12),
    ]
    assert messages(glossary, "ru", entries) == []


def test_the_other_name_alone_is_reported_once_as_the_wrong_name(glossary):
    # Contract 5 / issue 18 class 7: one violation, the wrong name, with what apply writes
    # (it used to be three: lacks the name, lacks the secondary, uses the other name).
    entries = [CheckEntry("Shelling in Stepanakert.", "Обстрел в Ханкенди.", 7)]
    assert messages(glossary, "ru", entries) == [
        (
            7,
            "stepanakert",
            ERROR,
            'uses "Ханкенди" (Khankendi) where the source says Stepanakert; '
            'apply writes "Степанакерте (Ханкенди)"',
        ),
    ]


def test_secondary_is_required_only_at_the_first_mention_in_the_document(glossary):
    entries = [
        CheckEntry("Shelling in Stepanakert.", "Обстрел в Степанакерте.", 3),
        CheckEntry("Stepanakert is calm.", "Степанакерт спокоен.", 8),
    ]
    assert messages(glossary, "ru", entries) == [
        (
            3,
            "stepanakert",
            ERROR,
            'lacks the other name at its first mention: expected "Степанакерт (Ханкенди)"',
        )
    ]


def test_scope_every_requires_the_secondary_at_every_mention():
    glossary = make_glossary(scope="every")
    entries = [
        CheckEntry("In Stepanakert.", "В Степанакерте (Ханкенди).", 3),
        CheckEntry("Stepanakert is calm.", "Степанакерт спокоен.", 8),
    ]
    assert [(line, msg) for line, _, _, msg in messages(glossary, "ru", entries)] == [
        (8, 'lacks the other name at every mention: expected "Степанакерт (Ханкенди)"')
    ]


def test_policy_source_requires_no_secondary():
    glossary = make_glossary(contested="source")
    entries = [CheckEntry("In Stepanakert.", "В Степанакерте.", 3)]
    assert messages(glossary, "ru", entries) == []


def test_source_naming_both_needs_both_and_no_secondary(glossary, seed_article):
    source = next(
        p for p in seed_article.read_text(encoding="utf-8").split("\n\n") if "Khankendi" in p
    ).strip()
    good = "Обстрел в Степанакерте, столице Карабаха, который Азербайджан называет Ханкенди."
    assert messages(glossary, "ru", [CheckEntry(source, good, 5)]) == []
    dropped = "Обстрел в Степанакерте, столице Карабаха."
    assert messages(glossary, "ru", [CheckEntry(source, dropped, 5)]) == [
        (5, "stepanakert", ERROR, 'lacks "Ханкенди" (any case) for "Khankendi"')
    ]


def test_the_other_name_beside_the_source_name_is_accepted_later(glossary):
    entries = [
        CheckEntry("In Stepanakert.", "В Степанакерте (Ханкенди).", 3),
        CheckEntry("Stepanakert again.", "Снова Ханкенди (Степанакерт).", 9),
    ]
    assert messages(glossary, "ru", entries) == []


def test_repeated_mentions_of_a_contested_place_need_as_many_occurrences(glossary):
    # Spec 4.8: a concept that is not contested needs one occurrence per segment ...
    entries = [CheckEntry("Baku said Baku would respond.", "Баку заявил, что ответит.", 4)]
    assert messages(glossary, "ru", entries) == []
    # ... a contested one needs one per mention.
    entries = [
        CheckEntry(
            "Stepanakert said Stepanakert would respond.",
            "Степанакерт (Ханкенди) заявил, что ответит.",
            4,
        )
    ]
    assert messages(glossary, "ru", entries) == [
        (
            4,
            "stepanakert",
            ERROR,
            '"Stepanakert" is mentioned 2 times but "Степанакерт" appears 1 time',
        )
    ]


def test_any_case_form_counts_as_the_primary_in_every_language(glossary):
    entries_by_language = {
        "hy": [
            CheckEntry("In Stepanakert.", "Ստեփանակերտում (Խանքենդի)։", 1),
            CheckEntry("Stepanakert is calm.", "Ստեփանակերտը հանգիստ է։", 2),
        ],
        "az": [
            CheckEntry("Residents of Stepanakert.", "Stepanakertdəki (Xankəndi) sakinlər.", 1),
            CheckEntry("From Stepanakert.", "Stepanakertdən.", 2),
        ],
        "ru": [CheckEntry("From Stepanakert.", "Из Степанакерта (Ханкенди).", 1)],
    }
    for language, entries in entries_by_language.items():
        assert messages(glossary, language, entries) == [], language


def test_az_other_name_with_a_suffix_is_reported(glossary):
    entries = [CheckEntry("Residents of Shusha.", "Şuşidəki sakinlər.", 2)]
    found = messages(glossary, "az", entries)
    assert found == [
        (
            2,
            "shusha",
            ERROR,
            'uses "Şuşidəki" (Shushi) where the source says Shusha; apply writes "Şuşadakı (Şuşi)"',
        )
    ]
    # Beside the source's name, another name anywhere in the segment is a gloss (4.3; this
    # used to be an error).
    glossed = [CheckEntry("Residents of Shusha.", "Şuşa (Şuşi) və Şuşidəki sakinlər.", 2)]
    assert messages(glossary, "az", glossed) == []


def test_ambiguous_concepts_give_warnings_only(glossary):
    entries = [CheckEntry("Officials in Georgia said.", "Чиновники Джорджии заявили.", 6)]
    assert messages(glossary, "ru", entries) == [
        (6, "georgia", WARNING, 'lacks "Грузия" (any case) for "Georgia"')
    ]


def test_untranslated_entries_are_skipped_but_count_as_the_first_mention(glossary):
    entries = [
        CheckEntry("Shelling in Stepanakert.", "", 3),
        CheckEntry("Stepanakert is calm.", "Степанакерт спокоен.", 8),
    ]
    assert messages(glossary, "ru", entries) == []


def test_fuzzy_entries_are_checked_and_obsolete_ones_are_not(glossary):
    entries = [
        CheckEntry("Old text about Baku.", "Старый текст.", 2, obsolete=True),
        CheckEntry("Baku said.", "Город заявил.", 5, fuzzy=True),
    ]
    assert messages(glossary, "ru", entries) == [
        (5, "baku", ERROR, 'lacks "Баку" (any case) for "Baku"')
    ]
