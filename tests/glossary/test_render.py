"""Rendering (spec section 4): primary in the found case, secondary at first mention,
untouched text elsewhere, problems for what cannot be found, in hy, az and ru."""

# ruff: noqa: E501  (the glossary TOML below keeps its inline tables on one line each)
from __future__ import annotations

import pytest

from newsloc.glossary.loader import parse_glossary
from newsloc.glossary.model import Glossary
from newsloc.glossary.render import PLACED_BY_ALIGNMENT, DocumentRenderer, render_segments

#: A small glossary with the spec's forms; policy fields are filled in by `make_glossary`.
GLOSSARY_TOML = """\
[glossary]
name = "Test place names"
version = "test"
source = "en"
targets = ["hy", "az", "ru"]

[policy]
contested = "@CONTESTED@"
scope = "@SCOPE@"
format = "@FORMAT@"

[[concept]]
id = "stepanakert"
kind = "city"
names = ["Stepanakert", "Khankendi"]
en.Khankendi = ["Khankandi"]
ru.Stepanakert = { nom = "Степанакерт", gen = "Степанакерта", dat = "Степанакерту", acc = "Степанакерт", ins = "Степанакертом", loc = "Степанакерте" }
ru.Khankendi = "Ханкенди"
hy.Stepanakert = { nom = "Ստեփանակերտ", gen = "Ստեփանակերտի", dat = "Ստեփանակերտին", abl = "Ստեփանակերտից", ins = "Ստեփանակերտով", loc = "Ստեփանակերտում" }
hy.Khankendi = { nom = "Խանքենդի", gen = "Խանքենդիի", abl = "Խանքենդիից", ins = "Խանքենդիով", loc = "Խանքենդիում" }
az.Stepanakert = { nom = "Stepanakert", gen = "Stepanakertin", dat = "Stepanakertə", acc = "Stepanakerti", loc = "Stepanakertdə", abl = "Stepanakertdən" }
az.Khankendi = { nom = "Xankəndi", gen = "Xankəndinin", dat = "Xankəndiyə", acc = "Xankəndini", loc = "Xankəndidə", abl = "Xankəndidən" }

[[concept]]
id = "shusha"
kind = "city"
names = ["Shusha", "Shushi"]
ru.Shusha = { nom = "Шуша", gen = "Шуши", dat = "Шуше", acc = "Шушу", ins = "Шушой", loc = "Шуше" }
ru.Shushi = "Шуши"
hy.Shusha = { nom = "Շուշի", gen = "Շուշիի", abl = "Շուշիից", loc = "Շուշիում" }
hy.Shushi = { nom = "Շուշա", gen = "Շուշայի", abl = "Շուշայից", loc = "Շուշայում" }
az.Shusha = { nom = "Şuşa", gen = "Şuşanın", dat = "Şuşaya", acc = "Şuşanı", loc = "Şuşada", abl = "Şuşadan" }
az.Shushi = "Şuşi"

[[concept]]
id = "nagorno-karabakh"
kind = "region"
names = ["Nagorno-Karabakh"]
ru.Nagorno-Karabakh = { nom = "Нагорный Карабах", gen = "Нагорного Карабаха", dat = "Нагорному Карабаху", acc = "Нагорный Карабах", ins = "Нагорным Карабахом", loc = "Нагорном Карабахе" }
hy.Nagorno-Karabakh = { nom = "Լեռնային Ղարաբաղ", gen = "Լեռնային Ղարաբաղի", abl = "Լեռնային Ղարաբաղից", loc = "Լեռնային Ղարաբաղում" }
az.Nagorno-Karabakh = { nom = "Dağlıq Qarabağ", gen = "Dağlıq Qarabağın", dat = "Dağlıq Qarabağa", acc = "Dağlıq Qarabağı", loc = "Dağlıq Qarabağda", abl = "Dağlıq Qarabağdan" }

[[concept]]
id = "karabakh"
kind = "region"
names = ["Karabakh"]
ru.Karabakh = { nom = "Карабах", gen = "Карабаха", dat = "Карабаху", acc = "Карабах", ins = "Карабахом", loc = "Карабахе" }
hy.Karabakh = { nom = "Ղարաբաղ", gen = "Ղարաբաղի", abl = "Ղարաբաղից", loc = "Ղարաբաղում" }
az.Karabakh = { nom = "Qarabağ", gen = "Qarabağın", dat = "Qarabağa", acc = "Qarabağı", loc = "Qarabağda", abl = "Qarabağdan" }

[[concept]]
id = "baku"
kind = "city"
names = ["Baku"]
ru.Baku = "Баку"
hy.Baku = { nom = "Բաքու", gen = "Բաքվի", abl = "Բաքվից", loc = "Բաքվում" }
az.Baku = { nom = "Bakı", gen = "Bakının", dat = "Bakıya", acc = "Bakını", loc = "Bakıda", abl = "Bakıdan" }

[[concept]]
id = "georgia"
kind = "country"
names = ["Georgia"]
ambiguous = true
ru.Georgia = "Грузия"
hy.Georgia = "Վրաստան"
az.Georgia = "Gürcüstan"

[[concept]]
id = "martuni"
kind = "town"
names = ["Martuni", "Khojavend"]
targets = ["ru"]
ru.Martuni = "Мартуни"
ru.Khojavend = "Ходжавенд"
"""


def make_glossary(
    contested: str = "both", scope: str = "first", fmt: str = "{primary} ({secondary})"
) -> Glossary:
    """The test glossary under a given policy."""
    text = (
        GLOSSARY_TOML.replace("@CONTESTED@", contested)
        .replace("@SCOPE@", scope)
        .replace("@FORMAT@", fmt)
    )
    return parse_glossary(text, "test-glossary.toml")


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return make_glossary()


def render_one(glossary: Glossary, language: str, source: str, translation: str):
    return DocumentRenderer(glossary, language).render(source, translation)


# --- Russian: whole words, cases, the other name ------------------------------------------


def test_ru_engine_used_the_other_name_gets_primary_in_its_case_and_secondary(glossary):
    result = render_one(
        glossary, "ru", "Shelling in Stepanakert on Tuesday.", "Обстрел в Ханкенди во вторник."
    )
    assert result.text == "Обстрел в Степанакерте (Ханкенди) во вторник."
    assert result.changed
    assert [(c.concept_id, c.old, c.new, c.how) for c in result.changes] == [
        ("stepanakert", "Ханкенди", "Степанакерте (Ханкенди)", "form")
    ]
    assert result.problems == []
    assert result.notes == ["glossary: stepanakert: Stepanakert → Степанакерт (Ханкенди)"]


def test_ru_found_case_is_kept_and_secondary_is_nominative(glossary):
    result = render_one(
        glossary, "ru", "They fled from Stepanakert.", "Они бежали из Степанакерта."
    )
    assert result.text == "Они бежали из Степанакерта (Ханкенди)."


def test_ru_secondary_only_at_first_mention_of_the_document(glossary):
    results = render_segments(
        glossary,
        "ru",
        [
            ("Shelling in Stepanakert.", "Обстрел в Степанакерте."),
            ("Stepanakert is calm.", "Степанакерт спокоен."),
            ("Khankendi is calm.", "Ханкенди спокоен."),  # source now says Khankendi
            ("Stepanakert again.", "Снова в Ханкенди."),
        ],
    )
    assert [r.text for r in results] == [
        "Обстрел в Степанакерте (Ханкенди).",
        "Степанакерт спокоен.",
        "Ханкенди спокоен.",
        "Снова в Степанакерте.",
    ]
    assert [r.changed for r in results] == [True, False, False, True]


def test_source_naming_both_keeps_each_name_and_adds_no_secondary(glossary, seed_article):
    source = next(
        p for p in seed_article.read_text(encoding="utf-8").split("\n\n") if "Khankendi" in p
    ).strip()
    translation = (
        "Сильный обстрел был слышен на кадрах, снятых в Степанакерте, столице Карабаха, "
        "который Азербайджан называет Ханкенди, во вторник."
    )
    renderer = DocumentRenderer(glossary, "ru")
    result = renderer.render(source, translation)
    assert result.text == translation
    assert result.problems == []
    assert result.mentions == 3  # Stepanakert, Karabakh, Khankendi
    # The concept counts as introduced: a later mention gets no secondary.
    later = renderer.render("Stepanakert was quiet.", "В Ханкенди было тихо.")
    assert later.text == "В Степанакерте было тихо."


def test_dropped_name_is_left_alone_and_reported_in_the_spec_words(glossary):
    result = render_one(glossary, "ru", "Shelling in Stepanakert.", "Обстрел в городе.")
    assert result.text == "Обстрел в городе."
    assert not result.changed
    assert result.needs_review
    assert result.problems == [
        'glossary: stepanakert: expected "Степанакерт (Ханкенди)" for "Stepanakert"'
    ]


def test_longest_form_wins_and_is_never_split(glossary):
    result = render_one(
        glossary,
        "ru",
        "Fighting in Nagorno-Karabakh and around Karabakh.",
        "Бои в Нагорном Карабахе и вокруг Карабаха.",
    )
    assert result.text == "Бои в Нагорном Карабахе и вокруг Карабаха."
    assert result.problems == []
    # "Нагорного Карабаха" is one occurrence of Nagorno-Karabakh, never a Karabakh.
    split = render_one(glossary, "ru", "Karabakh.", "Из Нагорного Карабаха.")
    assert split.text == "Из Нагорного Карабаха."
    assert split.problems == ['glossary: karabakh: expected "Карабах" for "Karabakh"']


def test_ru_forms_match_whole_words_only(glossary):
    result = render_one(glossary, "ru", "Baku said.", "Бакунин сказал.")
    assert result.problems == ['glossary: baku: expected "Баку" for "Baku"']


def test_ru_shusha_genitive_is_read_as_the_source_name_first(glossary):
    # "Шуши" is Шуша's genitive and the other name. After a word that governs the
    # genitive it is Шуша's genitive (spec 4.2), written once: it counts as both names and
    # `X (X)` is never written (the contract changed: it used to be "Шуши (Шуши)").
    near = render_one(glossary, "ru", "Near Shusha.", "Около Шуши.")
    assert near.text == "Около Шуши." and not near.needs_review
    collapsed = render_one(glossary, "ru", "Near Shusha.", "Около Шуши (Шуши).")
    assert collapsed.text == "Около Шуши."
    # Where the sentence does not settle the reading, it is left and flagged (4.2, 4.11).
    plain = render_one(glossary, "ru", "Shusha was taken.", "Шуши была взята.")
    assert plain.text == "Шуши была взята." and plain.needs_review
    assert any("suggest: «Шуша (Шуши)» for «Шуши»" in p for p in plain.problems)
    # Source Shushi, engine wrote Шуша's locative: Shushi has one form for every case.
    other = render_one(glossary, "ru", "In Shushi.", "В Шуше.")
    assert other.text == "В Шуши (Шуша)."


def test_kth_mention_pairs_with_kth_occurrence(glossary):
    result = render_one(
        glossary,
        "ru",
        "Stepanakert and Shusha, then Stepanakert again.",
        "Ханкенди и Шуша, потом снова в Ханкенди.",
    )
    assert result.text == "Степанакерт (Ханкенди) и Шуша (Шуши), потом снова в Степанакерте."


# --- Armenian: suffixes and the article ----------------------------------------------------


def test_hy_case_form_and_secondary_after_the_whole_word(glossary):
    result = render_one(glossary, "hy", "Shelling in Stepanakert.", "Հրետակոծություն Խանքենդիում։")
    assert result.text == "Հրետակոծություն Ստեփանակերտում (Խանքենդի)։"


def test_hy_suffix_stays_exactly_as_written_when_the_name_changes(glossary):
    # A new stem takes the article allomorph it needs (4.11; this used to keep the old
    # one and write `Խանքենդիը`): `-ը` after a consonant, `-ն` after a vowel.
    result = render_one(glossary, "hy", "Stepanakert is calm.", "Խանքենդին հանգիստ է։")
    assert result.text == "Ստեփանակերտը (Խանքենդի) հանգիստ է։"
    back = render_one(glossary, "hy", "Khankendi is calm.", "Ստեփանակերտը հանգիստ է։")
    assert back.text == "Խանքենդին (Ստեփանակերտ) հանգիստ է։"
    # ... and `-ն` before a word that starts with a vowel, whatever the stem ends with.
    vowel = render_one(glossary, "hy", "Stepanakert is calm.", "Խանքենդին այսօր հանգիստ է։")
    assert vowel.text == "Ստեփանակերտն (Խանքենդի) այսօր հանգիստ է։"
    # A misspelled name repaired (a near miss) takes the same article (it wrote `-ը`).
    near = render_one(glossary, "hy", "Is it Stepanakert?", "Ստեփանոկերտն է՞։")
    assert near.text == "Ստեփանակերտն (Խանքենդի) է՞։"
    near = render_one(glossary, "hy", "Is it Stepanakert?", "Ստեփանոկերտն հանգիստ է։")
    assert near.text == "Ստեփանակերտը (Խանքենդի) հանգիստ է։"


def test_hy_later_mentions_take_the_found_case_without_secondary(glossary):
    renderer = DocumentRenderer(glossary, "hy")
    renderer.render("Stepanakert.", "Ստեփանակերտ։")
    later = renderer.render("The mayor of Stepanakert.", "Խանքենդիի քաղաքապետը։")
    assert later.text == "Ստեփանակերտի քաղաքապետը։"


# --- Azerbaijani: case suffixes, -dakı/-dəki, vowel harmony --------------------------------


def test_az_locative_with_deki_keeps_the_suffix_and_secondary_follows_the_word(glossary):
    result = render_one(glossary, "az", "Residents of Stepanakert.", "Xankəndidəki sakinlər.")
    assert result.text == "Stepanakertdəki (Xankəndi) sakinlər."
    back = render_one(glossary, "az", "Residents of Khankendi.", "Stepanakertdəki sakinlər.")
    assert back.text == "Xankəndidəki (Stepanakert) sakinlər."


def test_az_case_ending_on_a_one_form_name_is_read_and_the_rest_kept(glossary):
    # Shushi has one form in az; "Şuşidə" is its locative, and "-ki" is re-harmonised to
    # the new stem (4.11; it used to stay as written, giving `Şuşadaki`).
    result = render_one(glossary, "az", "People in Shusha.", "Şuşidəki insanlar.")
    assert result.text == "Şuşadakı (Şuşi) insanlar."


def test_az_uncontested_names_with_suffixes_are_left_alone(glossary):
    result = render_one(glossary, "az", "Officials in Baku said.", "Bakıdakı rəsmilər bildirib.")
    assert result.text == "Bakıdakı rəsmilər bildirib."
    assert not result.changed and result.problems == []


# --- Alignment fallback ---------------------------------------------------------------------


def test_alignment_places_a_name_the_forms_cannot_find(glossary):
    translation = "Обстрел в Стпнкрте во вторник."  # garbled beyond a near miss
    start = translation.index("Стпнкрте")
    calls = []

    def locate(s: int, e: int):
        calls.append((s, e))
        return start + 2, start + 6  # part of the word: widened to the whole word

    result = DocumentRenderer(glossary, "ru").render(
        "Shelling in Stepanakert on Tuesday.", translation, locate
    )
    assert calls == [(12, 23)]
    assert result.text == "Обстрел в Степанакерт (Ханкенди) во вторник."
    assert result.placed_by_alignment == 1
    assert [c.how for c in result.changes] == ["alignment"]
    assert result.problems == [PLACED_BY_ALIGNMENT]


def test_alignment_is_not_consulted_when_the_form_is_found(glossary):
    def locate(s: int, e: int):
        raise AssertionError("locate must only be used for names not found")

    result = DocumentRenderer(glossary, "ru").render("In Stepanakert.", "В Ханкенди.", locate)
    assert result.text == "В Степанакерте (Ханкенди)."


def test_alignment_pointing_at_another_name_or_nowhere_leaves_a_problem(glossary):
    translation = "Баку и город."
    renderer = DocumentRenderer(glossary, "ru")
    onto_baku = renderer.render("Baku and Stepanakert.", translation, lambda s, e: (0, 4))
    assert onto_baku.text == translation
    assert 'glossary: stepanakert: expected "Степанакерт (Ханкенди)" for "Stepanakert"' in (
        onto_baku.problems
    )
    nowhere = DocumentRenderer(glossary, "ru").render("Stepanakert.", "Город.", lambda s, e: None)
    assert nowhere.text == "Город." and nowhere.placed_by_alignment == 0


# --- Idempotence, policy, ambiguous, coverage -----------------------------------------------


DOCUMENT = [
    ("Shelling in Stepanakert.", "Обстрел в Ханкенди."),
    ("Near Shusha and in Stepanakert.", "Около Шуши и в Ханкенди."),
    ("Stepanakert, called Khankendi by Azerbaijan.", "Степанакерт, который называют Ханкенди."),
    ("Fighting in Nagorno-Karabakh.", "Бои в Нагорном Карабахе."),
]


def test_applying_twice_over_a_document_changes_nothing(glossary):
    once = [r.text for r in render_segments(glossary, "ru", DOCUMENT)]
    twice = render_segments(
        glossary, "ru", [(s, t) for (s, _), t in zip(DOCUMENT, once, strict=True)]
    )
    assert [r.text for r in twice] == once
    assert not any(r.changed for r in twice)
    assert once[0] == "Обстрел в Степанакерте (Ханкенди)."


def test_an_existing_decoration_in_the_other_order_is_left_as_written(glossary):
    # Contract 4.3 (changed): both names in parentheses, in either order, introduce the
    # place and the text stays; it used to be turned round to "В Степанакерте (Ханкенди)".
    result = render_one(glossary, "ru", "In Stepanakert.", "В Ханкенди (Степанакерт).")
    assert result.text == "В Ханкенди (Степанакерт)." and not result.needs_review


def test_policy_source_never_adds_a_secondary():
    glossary = make_glossary(contested="source")
    result = render_one(glossary, "ru", "In Stepanakert.", "В Ханкенди.")
    assert result.text == "В Степанакерте."
    assert result.notes == ["glossary: stepanakert: Stepanakert → Степанакерт"]


def test_policy_every_adds_the_secondary_at_every_mention():
    glossary = make_glossary(scope="every")
    results = render_segments(
        glossary, "ru", [("In Stepanakert.", "В Степанакерте."), ("Stepanakert.", "Ханкенди.")]
    )
    assert [r.text for r in results] == ["В Степанакерте (Ханкенди).", "Степанакерт (Ханкенди)."]


def test_custom_format_is_used_and_recognised():
    glossary = make_glossary(fmt="{primary} / {secondary}")
    first = render_one(glossary, "ru", "In Stepanakert.", "В Ханкенди.")
    assert first.text == "В Степанакерте / Ханкенди."
    again = render_one(glossary, "ru", "In Stepanakert.", first.text)
    assert again.text == first.text and not again.changed


def test_ambiguous_concepts_are_never_rewritten(glossary):
    result = render_one(glossary, "ru", "Officials in Georgia said.", "Чиновники Джорджии заявили.")
    assert result.text == "Чиновники Джорджии заявили."
    assert result.mentions == 0 and result.problems == []


def test_concepts_outside_their_targets_are_skipped(glossary):
    hy = render_one(glossary, "hy", "Shelling in Martuni.", "Հրետակոծություն Մարտունիում։")
    assert hy.mentions == 0 and hy.problems == [] and not hy.changed
    ru = render_one(glossary, "ru", "Shelling in Martuni.", "Обстрел в Ходжавенде.")
    assert ru.problems == ['glossary: martuni: expected "Мартуни (Ходжавенд)" for "Martuni"']


def test_pass_over_counts_an_untranslated_first_mention(glossary):
    renderer = DocumentRenderer(glossary, "ru")
    renderer.pass_over("Shelling in Stepanakert.")
    result = renderer.render("Stepanakert is calm.", "Ханкенди спокоен.")
    assert result.text == "Степанакерт спокоен."


def test_a_character_with_no_unicode_name_after_a_name_does_not_crash(glossary):
    # pymorphy3 looks up each character's Unicode name; a code point with none (a Tangut
    # character in Python's Unicode 14 tables) raised ValueError out of apply (hypothesis).
    result = render_one(glossary, "ru", "Shushi is calm.", "Шуша \U00017000")
    assert result.text.endswith("\U00017000")
