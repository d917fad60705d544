"""`check` on a missing name that is there, misspelled (a near miss, spec 4.6): still an
error, but the message says what `apply` would write, read from apply's own renderer."""

from __future__ import annotations

import pytest

from newsloc.glossary.check import ERROR, WARNING, CheckEntry, NearMissHint, check_entries
from newsloc.glossary.loader import load_default_glossary
from newsloc.glossary.model import Glossary
from newsloc.glossary.render import NEAR_MISS, render_segments


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_default_glossary()


MISSPELLED = [
    # language, source, translation, the name it lacks, misspelling, what apply writes
    (
        "ru",
        "Shelling was heard in Stepanakert.",
        "Обстрел был слышен в Степанокерте.",
        'lacks "Степанакерт" (any case) for "Stepanakert"',
        "Степанокерте",
        "Степанакерте (Ханкенди)",
    ),
    (
        "hy",
        "Protests in Cairo.",
        "Բողոքի ակցիաներ Կահիրոյում։",
        'lacks "Կահիրե" (any case) for "Cairo"',
        "Կահիրոյում",
        "Կահիրեում",
    ),
    (
        "az",
        "Talks in Copenhagen.",
        "Kopenhagandakı danışıqlar.",
        'lacks "Kopenhagen" (any case) for "Copenhagen"',
        "Kopenhagandakı",
        "Kopenhagendəki",
    ),
    (
        "az",
        "Shelling in Khankendi.",
        "Xankandidə atəş səsləri eşidildi.",
        'lacks "Xankəndi" (any case) for "Khankendi"',
        "Xankandidə",
        "Xankəndidə (Stepanakert)",
    ),
]


@pytest.mark.parametrize(
    ("language", "source", "translation", "lacks", "found", "writes"),
    MISSPELLED,
    ids=[f"{case[0]}-{case[4]}" for case in MISSPELLED],
)
def test_a_misspelled_name_is_an_error_that_says_what_apply_writes(
    glossary, language, source, translation, lacks, found, writes
):
    violations = check_entries(glossary, language, [CheckEntry(source, translation, 4)])
    first = violations[0]
    assert first.severity == ERROR
    assert first.message == (
        f'{lacks}; "{found}" looks like a misspelling of it (apply writes "{writes}")'
    )
    assert first.near_misses == (NearMissHint(found, writes, lacks.split('"')[1]),)
    # Every other violation (the secondary a contested place lacks) carries no hint.
    assert all(not v.near_misses and "misspelling" not in v.message for v in violations[1:])
    # The hint is what apply does to that very segment.
    (rendering,) = render_segments(glossary, language, [(source, translation)])
    assert rendering.text == translation.replace(found, writes)
    assert [(c.old, c.new, c.how) for c in rendering.changes] == [(found, writes, NEAR_MISS)]


@pytest.mark.parametrize(
    ("language", "source", "translation"),
    [
        ("ru", "Shelling was heard in Stepanakert.", "Обстрел был слышен в городе."),
        ("hy", "Protests in Cairo.", "Բողոքի ակցիաներ մայրաքաղաքում։"),
        ("az", "Talks in Copenhagen.", "Paytaxtdakı danışıqlar."),
        # Ambiguous concepts are never rewritten, so a misspelling gets no hint either.
        ("ru", "Officials in Georgia said.", "Чиновники в Грузие заявили."),
    ],
)
def test_a_name_that_is_plainly_missing_gets_no_hint(glossary, language, source, translation):
    violations = check_entries(glossary, language, [CheckEntry(source, translation, 2)])
    assert violations, "the missing name is still reported"
    assert violations[0].message.startswith("lacks ")
    assert all(not v.near_misses and "misspelling" not in v.message for v in violations)


def test_az_xankendi_is_a_variant_not_a_near_miss_so_it_gets_the_variant_warning(glossary):
    """The default glossary lists `Xankendi` as a variant: it is found, not guessed, and the
    warning already names the glossary's spelling (`apply` writes `Xankəndidə (…)`)."""
    entries = [CheckEntry("Shelling in Khankendi.", "Xankendidə atəş.", 3)]
    found = [(v.severity, v.message, v.near_misses) for v in check_entries(glossary, "az", entries)]
    assert found == [
        (ERROR, 'lacks the other name at its first mention: expected "Xankəndi (Stepanakert)"', ()),
        (WARNING, 'uses the variant "Xankendi"; the glossary writes "Xankəndi"', ()),
    ]


def test_the_hint_follows_apply_in_document_order(glossary):
    """Apply adds the secondary at the document's first mention, an untranslated entry
    included; the hint on a later entry therefore has none, exactly as apply writes it."""
    for first in ["", "Обстрел в Степанакерте (Ханкенди)."]:
        document = [
            ("Shelling in Stepanakert.", first),
            ("Baku said nothing.", "Баку промолчал."),
            ("Residents of Stepanakert fled.", "Жители Степанокерта бежали."),
        ]
        entries = [CheckEntry(s, t, line) for line, (s, t) in enumerate(document, 1)]
        (violation,) = check_entries(glossary, "ru", entries)
        assert violation.near_misses == (
            NearMissHint("Степанокерта", "Степанакерта", "Степанакерт"),
        )
        rendered = render_segments(glossary, "ru", document)
        assert rendered[-1].text == "Жители Степанакерта бежали."


def test_a_contested_place_counted_short_names_the_misspelled_mention(glossary):
    entries = [CheckEntry("Stepanakert and Stepanakert.", "Степанакерт (Ханкенди) и Степанокерт.")]
    (violation,) = check_entries(glossary, "ru", entries)
    assert violation.message == (
        '"Stepanakert" is mentioned 2 times but "Степанакерт" appears 1 time; '
        '"Степанокерт" looks like a misspelling of it (apply writes "Степанакерт")'
    )


def test_a_misspelled_other_name_is_named_as_what_it_misspells(glossary):
    """`Ханкинди` for a source that says Stepanakert: apply takes it for Ханкенди
    misspelled and writes the source's name; the hint says which name was misspelled."""
    entries = [CheckEntry("Shelling in Stepanakert.", "Обстрел в Ханкинди.", 1)]
    violation = check_entries(glossary, "ru", entries)[0]
    assert violation.message == (
        'lacks "Степанакерт" (any case) for "Stepanakert"; "Ханкинди" looks like a '
        'misspelling of "Ханкенди" (apply writes "Степанакерте (Ханкенди)")'
    )
    assert violation.near_misses == (
        NearMissHint("Ханкинди", "Степанакерте (Ханкенди)", "Ханкенди"),
    )
