"""Each typographic rule of each language, on the text an engine or a reviewer writes."""

from __future__ import annotations

import pytest

from newsloc.translate.edition.typography import (
    ARMENIAN_FULL_STOP,
    NBSP,
    apply_typography,
)

# ---------------------------------------------------------------- Russian


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Он назвал это “операцией”.", "Он назвал это «операцией»."),
        ('Он назвал это "операцией".', "Он назвал это «операцией»."),
        # Nested: «…„…“…», whatever marks the engine used for either level.
        ("“Мы говорим “нет” войне”, сказал он.", "«Мы говорим „нет“ войне», сказал он."),
        ('"Мы говорим "нет" войне", сказал он.', "«Мы говорим „нет“ войне», сказал он."),
        ("«Мы говорим “нет” войне»", "«Мы говорим „нет“ войне»"),
        # Already right: unchanged.
        ("«Мы говорим „нет“ войне»", "«Мы говорим „нет“ войне»"),
        # Unbalanced marks are left as written rather than guessed.
        ('Он сказал "нет и ушёл.', 'Он сказал "нет и ушёл.'),
    ],
)
def test_russian_quotes(text: str, expected: str):
    assert apply_typography(text, "ru") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("осмотр — технический шаг", f"осмотр{NBSP}— технический шаг"),
        ("осмотр - технический шаг", f"осмотр{NBSP}— технический шаг"),
        ("осмотр – технический шаг", f"осмотр{NBSP}— технический шаг"),
        ("(Newsloc) – Армения", f"(Newsloc){NBSP}— Армения"),
        ("«Да», — сказал он.", f"«Да»,{NBSP}— сказал он."),
        # Not dashes: a hyphenated word, a range, a minus, a dialogue dash at the start.
        ("кто-то", "кто-то"),
        ("в 1990–2000 годах", "в 1990–2000 годах"),
        ("температура -5 градусов", "температура -5 градусов"),
        ("— Да, — ответил он.", f"— Да,{NBSP}— ответил он."),
    ],
)
def test_russian_dashes(text: str, expected: str):
    assert apply_typography(text, "ru") == expected


# ---------------------------------------------------------------- Armenian


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Նա ասաց “բարև” ու գնաց։", "Նա ասաց «բարև» ու գնաց։"),
        ('Նա ասաց "բարև" ու գնաց։', "Նա ասաց «բարև» ու գնաց։"),
        # CLDR's Armenian marks are «» at both levels.
        ("“Մենք ասում ենք “ոչ””", "«Մենք ասում ենք «ոչ»»"),
    ],
)
def test_armenian_quotes(text: str, expected: str):
    assert apply_typography(text, "hy") == expected


S = ARMENIAN_FULL_STOP


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A Latin full stop ending a sentence, before a capital and at the end.
        ("Ճանապարհը փակ է. Այսօր բացվեց.", f"Ճանապարհը փակ է{S} Այսօր բացվեց{S}"),
        ("Նա եկավ. 2026-ին գնաց.", f"Նա եկավ{S} 2026-ին գնաց{S}"),
        # After a closing quote or bracket.
        ("Նա ասաց «այո».", f"Նա ասաց «այո»{S}"),
        ("Քելբաջար (Քարվաճառ).", f"Քելբաջար (Քարվաճառ){S}"),
        # A colon used as the full stop when the text has no ։ at all.
        ("Ճանապարհը փակ է: Այսօր բացվեց:", f"Ճանապարհը փակ է{S} Այսօր բացվեց{S}"),
        # An Armenian suffix on a Latin name is still an Armenian word.
        ("Ասել է Newsloc-ի խմբագիրը.", f"Ասել է Newsloc-ի խմբագիրը{S}"),
    ],
)
def test_armenian_full_stop_replaces_a_latin_sentence_end(text: str, expected: str):
    assert apply_typography(text, "hy") == expected


@pytest.mark.parametrize(
    "text",
    [
        "2026 թ. մարտի 3-ին",  # abbreviation of թվական (year)
        "մոտ 60 կմ. երկարությամբ",  # abbreviation, before a lower-case word
        "Գնաց 1915 թ. Հունվարին",  # abbreviation before a capital
        "Նա ասաց. «Մենք կգանք»",  # the Armenian colon (միջակետ) before a quotation
        "հետևյալն է. երեք քաղաք",  # միջակետ before a lower-case word
        "Արժեքը 3.5 տոկոս է",  # a decimal number
        "տես www.gov.am կայքը",  # a URL
        "Ասել է Reuters.",  # a Latin word: maybe an English name or abbreviation
        "Ասել է Newsloc Inc. ընկերությունը",
        "Ժամը 2026.",  # a digit before the stop
        "Երեք քաղաք: Երևան, Գյումրի։",  # a colon in a text that uses ։ is a colon
    ],
)
def test_armenian_full_stop_leaves_other_dots_alone(text: str):
    assert apply_typography(text, "hy") == text


# ---------------------------------------------------------------- Azerbaijani


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'O, bunu "antiterror əməliyyatı" adlandırıb.',
            "O, bunu “antiterror əməliyyatı” adlandırıb.",
        ),
        ('"Biz "yox" deyirik", o bildirib.', "“Biz ‘yox’ deyirik”, o bildirib."),
        # Both conventions are in use in Azerbaijani: what a reviewer wrote is kept.
        (
            "O, bunu «antiterror əməliyyatı» adlandırıb.",
            "O, bunu «antiterror əməliyyatı» adlandırıb.",
        ),
        (
            "O, bunu “antiterror əməliyyatı” adlandırıb.",
            "O, bunu “antiterror əməliyyatı” adlandırıb.",
        ),
        # Azerbaijani keeps its own dashes and full stops.
        ("Bakı - paytaxt. Sonra", "Bakı - paytaxt. Sonra"),
    ],
)
def test_azerbaijani_quotes(text: str, expected: str):
    assert apply_typography(text, "az") == expected


def test_languages_without_rules_are_unchanged():
    text = 'He said "no" - twice.'
    assert apply_typography(text, "en") == text
    assert apply_typography(text, "de") == text


def test_rules_of_one_language_never_leak_into_another():
    # Russian dashes are not Armenian rules, Armenian full stops not Russian ones.
    assert apply_typography("Ճանապարհը - փակ", "hy") == "Ճանապարհը - փակ"
    assert apply_typography("Дорога закрыта.", "ru") == "Дорога закрыта."
