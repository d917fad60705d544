"""Typographic variants are the same word (contract 4.12, issue 18): Armenian capitals as
Unicode writes them (`ԵՐԵՒԱՆ`, from `"Երևան".upper()`) and as Armenian does (`ԵՐԵՎԱՆ`),
and a Russian stress mark after any letter of a name, the first one included (`А́гдаме`,
Wikipedia's style), and Armenian `՞ ՛ ՜` written on a stressed vowel inside a name's stem
(`Երե՛ւան`). Each is found as the name: `check` is clean, `apply` leaves it as written, and
a misspelling written the same way is reported and repaired as before; a word with an
Armenian mark inside is never rewritten, only suggested (contract 4.11). Decomposed text
(NFD) has its own file, test_decomposed_text.py.
"""

from __future__ import annotations

from functools import cache

import polib
import pytest

from newsloc.glossary.check import CheckEntry, check_entries
from newsloc.glossary.loader import load_default_glossary
from newsloc.glossary.model import Glossary
from newsloc.glossary.render import DocumentRenderer
from newsloc.glossary.target import target_index
from newsloc.translate.catalog.glossary_qa import apply_to_catalog
from tests.glossary.test_real_text import check, render, render_one

STRESS = "\u0301"


@cache
def _glossary() -> Glossary:
    return load_default_glossary()


def _found(language: str, text: str) -> list[tuple[str, str, bool]]:
    """(form + suffix as written, first concept read, in capitals) of each occurrence."""
    return [
        (text[o.word_start : o.word_end], o.readings[0].concept_id, o.capitals)
        for o in target_index(_glossary(), language).find(text)
    ]


# --- Armenian capitals ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "translation", "word"),
    [
        ("YEREVAN, Oct 5 - Calm.", "ԵՐԵՒԱՆ, հոկտեմբերի 5 - Հանգիստ է։", "ԵՐԵՒԱՆ"),
        ("YEREVAN, Oct 5 - Calm.", "ԵՐԵՎԱՆ, հոկտեմբերի 5 - Հանգիստ է։", "ԵՐԵՎԱՆ"),
        ("Protests in Yerevan.", "ԲՈՂՈՔԻ ԱԿՑԻԱՆԵՐ ԵՐԵՒԱՆՈՒՄ", "ԵՐԵՒԱՆՈՒՄ"),
        ("Protests in Yerevan.", "ԲՈՂՈՔԻ ԱԿՑԻԱՆԵՐ ԵՐԵՎԱՆՈՒՄ", "ԵՐԵՎԱՆՈՒՄ"),
        ("Protests in Yerevan.", "Բողոքի ակցիաներ Երեւանում։", "Երեւանում"),
        ("Protests in Yerevan.", "Բողոքի ակցիաներ Երևանում։", "Երևանում"),
        ("Flights from Nakhchivan.", "ՉՎԵՐԹՆԵՐ ՆԱԽԻՋԵՒԱՆԻՑ", "ՆԱԽԻՋԵՒԱՆԻՑ"),
        ("Talks in Geneva.", "ԲԱՆԱԿՑԵՆԵՐ ԺՆԵՒՈՒՄ", "ԺՆԵՒՈՒՄ"),
    ],
)
def test_hy_capitals_of_the_ligature_are_the_name_and_left_as_written(source, translation, word):
    (found,) = _found("hy", translation)
    assert found[0] == word
    assert found[2] == (word.isupper())
    assert check(_glossary(), "hy", (source, translation)) == []
    assert render_one(_glossary(), "hy", source, translation) == translation


def test_hy_unicode_capitals_stand_beside_a_name_that_is_rewritten():
    source = "From Yerevan to Stepanakert."
    translation = "ԵՐԵՒԱՆԻՑ ԽԱՆՔԵՆԴԻ"
    assert [concept for _, concept, _ in _found("hy", translation)] == ["yerevan", "stepanakert"]
    expected = "ԵՐԵՒԱՆԻՑ ՍՏԵՓԱՆԱԿԵՐՏ (ԽԱՆՔԵՆԴԻ)"
    assert render_one(_glossary(), "hy", source, translation) == expected


@pytest.mark.parametrize("translation", ["ԲՈՂՈՔԻ ԱԿՑԻԱՆԵՐ ԵՐԵՒՈՆՈՒՄ", "ԲՈՂՈՔԻ ԱԿՑԻԱՆԵՐ ԵՐԵՎՈՆՈՒՄ"])
def test_hy_a_misspelling_in_capitals_is_still_reported(translation):
    source = "Protests in Yerevan."
    assert check(_glossary(), "hy", (source, translation)) == [
        ("yerevan", "error", 'lacks "Երևան" (any case) for "Yerevan"')
    ]
    assert render_one(_glossary(), "hy", source, translation) == translation


def test_hy_the_unicode_capital_is_read_only_after_its_first_letter():
    # `Ւ` stands for `Վ` only as the second letter of `ԵՒ`; `ՈՒ` is the capital of `ու`.
    assert _found("hy", "ՎԱՆԱՁՈՐ ՒԱՆԱՁՈՐ") == [("ՎԱՆԱՁՈՐ", "vanadzor", True)]


# --- Russian stress marks ----------------------------------------------------------------------


def _stressed(word: str) -> list[str]:
    """`word` with a stress mark after each of its letters in turn."""
    return [word[: i + 1] + STRESS + word[i + 1 :] for i in range(len(word))]


@pytest.mark.parametrize(
    ("source", "sentence", "word"),
    [
        ("Shelling in Aghdam.", "Обстрел в {}.", "Агдаме"),
        ("Shelling in Aghdam.", "ОБСТРЕЛ В «{}»", "АГДАМЕ"),
        ("Flights to Yerevan.", "Рейсы в {}.", "Ереван"),
        ("Flights to Yerevan.", "{} принял делегацию.", "Ереван"),
    ],
)
def test_ru_a_stress_mark_after_any_letter_keeps_the_name(source, sentence, word):
    for stressed in _stressed(word):
        translation = sentence.format(stressed)
        assert [found for found, _, _ in _found("ru", translation)] == [stressed]
        assert check(_glossary(), "ru", (source, translation)) == [], translation
        assert render_one(_glossary(), "ru", source, translation) == translation


def test_ru_a_stress_mark_on_the_first_letter_takes_the_secondary_after_the_word():
    source = "Stepanakert is calm."
    translation = f"С{STRESS}тепанакерт спокоен."
    assert check(_glossary(), "ru", (source, translation)) == [
        (
            "stepanakert",
            "error",
            'lacks the other name at its first mention: expected "Степанакерт (Ханкенди)"',
        )
    ]
    expected = f"С{STRESS}тепанакерт (Ханкенди) спокоен."
    assert render_one(_glossary(), "ru", source, translation) == expected
    assert check(_glossary(), "ru", (source, expected)) == []


def test_ru_a_stressed_misspelling_is_still_repaired():
    source = "Shelling in Stepanakert."
    translation = f"Обстрел в С{STRESS}тепанакерде."
    (missing, _) = check(_glossary(), "ru", (source, translation))
    assert "looks like a misspelling" in missing[2]
    assert render_one(_glossary(), "ru", source, translation) == (
        "Обстрел в Степанакерте (Ханкенди)."
    )


def test_ru_a_stress_mark_inside_a_longer_word_is_no_name():
    # The mark belongs to the word it stands in: `xА́гдаме` and `А́гдамец` are no Aghdam.
    assert _found("ru", f"xА{STRESS}гдаме А{STRESS}гдамец") == []


# --- Armenian marks written inside a word --------------------------------------------------


@pytest.mark.parametrize("mark", ["\u055e", "\u055b", "\u055c"])
def test_hy_a_mark_inside_the_word_is_never_left_behind_a_new_name(mark):
    """Armenian writes its question, emphasis and exclamation marks on the word, before the
    word's ending (`Խանքենդի՞ն է`). A rewrite there would print `Ստեփանակերտ (Խանքենդի)՞ն`:
    the text is left as it is and the rewrite only suggested (contract 4.11)."""
    source = "Is it Stepanakert?"
    translation = f"Խանքենդի{mark}ն է։"
    (result,) = render(_glossary(), "hy", (source, translation))
    assert result.text == translation
    assert [s.old for s in result.suggestions] == ["Խանքենդի"]
    assert any("mark inside the word" in problem for problem in result.problems)


def test_hy_a_mark_after_the_whole_word_is_no_obstacle():
    """A question mark after a word's ending is punctuation after the word: the first
    mention still gets its second name."""
    source = "Is it Stepanakert?"
    translation = "Ստեփանակերտն է՞։"
    assert render_one(_glossary(), "hy", source, translation) == "Ստեփանակերտն (Խանքենդի) է՞։"


MARKS = ["\u055e", "\u055b", "\u055c"]  # question ՞, emphasis ՛, exclamation ՜


def _marked(word: str, mark: str) -> list[str]:
    """`word` with `mark` before each of its letters but the first, in turn."""
    return [word[:i] + mark + word[i:] for i in range(1, len(word))]


@pytest.mark.parametrize("mark", MARKS)
@pytest.mark.parametrize("word", ["Երևանում", "Երեւանում", "ԵՐԵՎԱՆՈՒՄ", "ԵՐԵՒԱՆՈՒՄ"])
def test_hy_a_mark_inside_a_name_s_stem_keeps_the_name(word, mark):
    """Armenian sets `՞ ՛ ՜` on the stressed vowel, which may stand inside the stem
    (`Երևա՞նում`, `Երե՛ւանում`, inside `եւ` too): the word is the name, check is clean and
    apply leaves it as written."""
    source = "Protests in Yerevan."
    for marked in _marked(word, mark):
        translation = f"Բողոքի ակցիաներ {marked}։"
        assert [found for found, _, _ in _found("hy", translation)] == [marked]
        assert check(_glossary(), "hy", (source, translation)) == [], translation
        assert render_one(_glossary(), "hy", source, translation) == translation


def test_hy_a_name_after_a_marked_letter_is_never_rewritten():
    """`Ա՞Խանքենդիում` is one word with a mark inside: a rewrite would lose the mark or
    strand it, so it is only suggested, like any word with a mark inside."""
    source = "Talks in Stepanakert."
    translation = "Բանակցություններ Ա՞Խանքենդիում։"
    (result,) = render(_glossary(), "hy", (source, translation))
    assert result.text == translation
    assert [s.old for s in result.suggestions] == ["Խանքենդիում"]


@pytest.mark.parametrize("mark", MARKS)
def test_hy_a_marked_name_that_needs_its_secondary_is_left_and_the_rewrite_suggested(mark):
    """At the first mention of a place with two names the secondary is missing: check says
    so, and apply, which would have to write after a word it never rewrites, only suggests
    the rendering, with the word as written (contract 4.11)."""
    source = "Talks in Stepanakert."
    translation = f"Բանակցություններ Ստեփանակե{mark}րտում։"
    assert check(_glossary(), "hy", (source, translation)) == [
        (
            "stepanakert",
            "error",
            'lacks the other name at its first mention: expected "Ստեփանակերտ (Խանքենդի)"',
        )
    ]
    (result,) = render(_glossary(), "hy", (source, translation))
    assert result.text == translation and not result.changes
    (suggestion,) = result.suggestions
    assert suggestion.old == f"Ստեփանակե{mark}րտում"
    assert suggestion.new == f"Ստեփանակե{mark}րտում (Խանքենդի)"
    assert "mark inside the word" in suggestion.reason
    # A later mention needs no secondary: the marked name is simply right.
    later = ("Talks in Stepanakert.", "Բանակցություններ Ստեփանակերտում (Խանքենդի)։")
    assert check(_glossary(), "hy", later, (source, translation)) == []
    assert [r.text for r in render(_glossary(), "hy", later, (source, translation))][1] == (
        translation
    )


def test_hy_another_name_with_a_mark_inside_is_only_suggested():
    source = "Talks in Stepanakert."
    translation = "Բանակցություններ Խանքե՞նդիում։"
    ((code, concept, message),) = [
        (v.code, v.concept_id, v.message)
        for v in check_entries(_glossary(), "hy", [CheckEntry(source, translation, 1)])
    ]
    assert (code, concept) == ("NL105", "stepanakert")
    assert 'uses "Խանքե՞նդիում" (Khankendi)' in message
    assert 'suggests "Ստեփանակերտում (Խանքենդի)"' in message
    (result,) = render(_glossary(), "hy", (source, translation))
    assert result.text == translation
    assert [(s.old, s.new) for s in result.suggestions] == [
        ("Խանքե՞նդիում", "Ստեփանակերտում (Խանքենդի)")
    ]


def test_hy_a_misspelled_word_with_a_mark_inside_is_not_repaired():
    """A near miss followed by a mark and its ending (`Ստեփանոկերտի՞ն`): replacing the
    misspelled part would strand the mark and the ending, so the repair is a suggestion."""
    source = "Is it Stepanakert?"
    translation = "Ստեփանոկերտի՞ն է։"
    (result,) = render(_glossary(), "hy", (source, translation))
    assert result.text == translation and result.near_misses == 0
    assert [(s.old, s.new) for s in result.suggestions] == [
        ("Ստեփանոկերտի", "Ստեփանակերտի (Խանքենդի)")
    ]
    codes = [v.code for v in check_entries(_glossary(), "hy", [CheckEntry(source, translation, 1)])]
    assert codes[0] == "NL101"


def test_hy_apply_on_a_catalogue_leaves_a_marked_name_and_round_trips(tmp_path):
    path = tmp_path / "hy.po"
    text = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: hy\\n"\n\n'
        '#: a.txt:1\nmsgid "Protests in Yerevan."\nmsgstr "Բողոքի ակցիաներ Երե՛ւանում։"\n\n'
        '#: a.txt:3\nmsgid "Talks in Stepanakert."\nmsgstr "Բանակցություններ Խանքե՞նդիում։"\n'
    )
    path.write_text(text, encoding="utf-8")
    report = apply_to_catalog(path, _glossary())
    assert report.changed == 0 and report.flagged == 1
    po = polib.pofile(str(path))
    assert [e.msgstr for e in po] == [
        "Բողոքի ակցիաներ Երե՛ւանում։",
        "Բանակցություններ Խանքե՞նդիում։",
    ]
    assert [e.fuzzy for e in po] == [False, True]
    assert "suggest: «Ստեփանակերտում (Խանքենդի)» for «Խանքե՞նդիում»" in po[1].tcomment
    assert path.read_text(encoding="utf-8").startswith(text.split("#: a.txt:3")[0])
    after = path.read_bytes()
    assert not apply_to_catalog(path, _glossary()).written
    assert path.read_bytes() == after


def test_hy_alignment_never_places_a_name_in_a_word_with_a_mark_inside():
    """The engine's attention may point at the part of a word after its mark: replacing it
    would leave `Ստեփանոկե՞Ստեփանակերտ`; the name is reported missing instead."""
    source = "Is it Stepanakert?"
    translation = "Ստեփանոկե՞րտն է։"
    where = translation.index("րտն")
    renderer = DocumentRenderer(_glossary(), "hy")
    result = renderer.render(source, translation, lambda start, end: (where, where + 3))
    assert result.text == translation and result.placed_by_alignment == 0
    assert result.not_found == 1
