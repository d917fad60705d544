"""Properties of the real-text rules for any text: a correct rendering stays correct in
capitals and with ё, near misses never take a correct form of another concept, and
applying twice equals applying once, misspellings and variants included."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsloc.glossary.check import CheckEntry, Checker, check_entries
from newsloc.glossary.loader import load_default_glossary, load_glossary
from newsloc.glossary.model import Glossary
from newsloc.glossary.morphology import upper
from newsloc.glossary.near_miss import distance, prefix_distance
from newsloc.glossary.render import NEAR_MISS, DocumentRenderer
from tests.glossary.test_real_text import FIXTURE

FIXTURE_GLOSSARY: Glossary = load_glossary(FIXTURE)
DEFAULT_GLOSSARY: Glossary = load_default_glossary()
LANGUAGES = ("ru", "hy", "az")

settings.register_profile(
    "newsloc-real-text",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
#: Words around the names: letters of the three scripts, spaces and punctuation.
filler = st.text(alphabet="абвгдежзик ԱԲԳաբգ abcəğıç,.;-", max_size=10)


def concepts(glossary: Glossary, language: str) -> list[str]:
    return [c.id for c in glossary if not c.ambiguous and language in glossary.languages_of(c)]


@st.composite
def correct_segments(draw, glossary: Glossary = FIXTURE_GLOSSARY):
    """(language, source, translation) whose translation renders every mention correctly:
    the source's name in some case, its secondary (this is the document's first segment)."""
    language = draw(st.sampled_from(LANGUAGES))
    ids = draw(
        st.lists(st.sampled_from(concepts(glossary, language)), min_size=1, max_size=3, unique=True)
    )
    source, target = [], []
    for concept_id in ids:
        concept = glossary.concept(concept_id)
        name = draw(st.sampled_from(concept.names))
        forms = concept.forms_of(language, name)
        # A case form spelled like another name (ru Шуши) is ambiguous without words that
        # settle it (4.2), so bare it is no "correct rendering" of either name.
        theirs = {
            text
            for o in concept.others(name)
            for text in concept.forms_of(language, o).cases.values()
        }
        word = draw(st.sampled_from(sorted(set(forms.cases.values()) - theirs or {forms.nom})))
        others = [concept.forms_of(language, o).nom for o in concept.others(name)]
        if others and ", ".join(others) != word:  # `X (X)` is never written (4.2)
            word = glossary.policy.decorate(word, ", ".join(others))
        source.append(f"{name} said.")
        target.append(f"{draw(filler)} {word} {draw(filler)}")
    return language, " ".join(source), " | ".join(target)


def apply(glossary: Glossary, language: str, source: str, translation: str):
    return DocumentRenderer(glossary, language).render(source, translation)


def clean(glossary: Glossary, language: str, source: str, translation: str) -> bool:
    return not check_entries(glossary, language, [CheckEntry(source, translation)])


@settings(settings.get_profile("newsloc-real-text"))
@given(correct_segments())
def test_a_correct_rendering_is_left_alone_and_checks_clean(segment):
    language, source, translation = segment
    result = apply(FIXTURE_GLOSSARY, language, source, translation)
    assert result.text == translation and not result.problems
    assert clean(FIXTURE_GLOSSARY, language, source, translation)


@settings(settings.get_profile("newsloc-real-text"))
@given(correct_segments())
def test_the_same_rendering_in_capitals_is_left_alone_and_checks_clean(segment):
    language, source, translation = segment
    capitals = upper(language, translation)
    result = apply(FIXTURE_GLOSSARY, language, source, capitals)
    assert result.text == capitals and not result.problems
    assert clean(FIXTURE_GLOSSARY, language, source, capitals)


@settings(settings.get_profile("newsloc-real-text"))
@given(correct_segments(), st.randoms(use_true_random=False))
def test_ru_writing_yo_for_ye_anywhere_changes_nothing(segment, rng: random.Random):
    language, source, translation = segment
    if language != "ru":
        return
    written = "".join(
        {"е": "ё", "Е": "Ё"}.get(char, char) if rng.random() < 0.5 else char for char in translation
    )
    result = apply(FIXTURE_GLOSSARY, language, source, written)
    assert result.text == written and not result.problems
    assert clean(FIXTURE_GLOSSARY, language, source, written)


@st.composite
def missing_with_other_forms(draw):
    """A mention whose name the translation lacks, among correct forms of other concepts
    (any case, maybe a suffix in hy/az), from the curated glossary."""
    glossary = DEFAULT_GLOSSARY
    language = draw(st.sampled_from(LANGUAGES))
    ids = concepts(glossary, language)
    missing = draw(st.sampled_from(ids))
    others = draw(
        st.lists(st.sampled_from([i for i in ids if i != missing]), min_size=1, max_size=4)
    )
    words = []
    for concept_id in others:
        concept = glossary.concept(concept_id)
        forms = concept.forms_of(language, draw(st.sampled_from(concept.names)))
        spellings = sorted({*forms.cases.values(), *(s.nom for s in forms.short)})
        suffix = draw(st.sampled_from(["", "ը", "ն"] if language == "hy" else [""]))
        if language == "az":
            suffix = draw(st.sampled_from(["", "dakı", "lı"]))
        words.append(draw(st.sampled_from(spellings)) + suffix)
    name = draw(st.sampled_from(glossary.concept(missing).names))
    return language, f"{name} said.", " ".join(f"{w} {draw(filler)}" for w in words)


@settings(settings.get_profile("newsloc-real-text"))
@given(missing_with_other_forms())
def test_near_misses_never_take_a_correct_form_of_another_concept(case):
    language, source, translation = case
    result = apply(DEFAULT_GLOSSARY, language, source, translation)
    assert not [c for c in result.changes if c.how == NEAR_MISS], result.changes


@st.composite
def misspelled(draw):
    """A mention whose form has one letter changed, doubled or dropped."""
    glossary = FIXTURE_GLOSSARY
    language = draw(st.sampled_from(LANGUAGES))
    concept = glossary.concept(draw(st.sampled_from(concepts(glossary, language))))
    name = draw(st.sampled_from(concept.names))
    form = draw(st.sampled_from(sorted(set(concept.forms_of(language, name).cases.values()))))
    at = draw(st.integers(1, len(form) - 1))
    how = draw(st.sampled_from(["swap", "double", "drop"]))
    letter = draw(st.sampled_from(sorted(set(form) - {" "})))
    wrong = {
        "swap": form[:at] + letter + form[at + 1 :],
        "double": form[:at] + form[at] + form[at:],
        "drop": form[:at] + form[at + 1 :],
    }[how]
    return language, f"{name} said.", f"{draw(filler)} {wrong} {draw(filler)}"


@settings(settings.get_profile("newsloc-real-text"))
@given(misspelled())
def test_applying_twice_equals_applying_once_with_misspellings(case):
    language, source, translation = case
    once = apply(FIXTURE_GLOSSARY, language, source, translation)
    twice = apply(FIXTURE_GLOSSARY, language, source, once.text)
    assert twice.text == once.text and not twice.changes
    if any(c.how == NEAR_MISS for c in once.changes):
        assert once.needs_review
        assert clean(FIXTURE_GLOSSARY, language, source, once.text)


def _levenshtein(a: str, b: str) -> int:
    """The textbook dynamic programme, to hold the banded one to."""
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            )
        previous = current
    return previous[-1]


@given(st.text("abcə", max_size=12), st.text("abcə", max_size=12), st.integers(0, 3))
def test_the_banded_edit_distance_is_exact_up_to_its_limit(a, b, limit):
    exact = _levenshtein(a, b)
    assert distance(a, b, limit) == (exact if exact <= limit else limit + 1)


@given(
    st.text("abcə", min_size=1, max_size=10),
    st.text("abcə", min_size=1, max_size=14),
    st.integers(0, 2),
    st.integers(0, 6),
)
def test_the_closest_prefix_is_the_one_each_prefix_distance_gives(form, text, limit, start):
    """`prefix_distance` (one programme for every prefix) picks what comparing each
    prefix on its own would: the fewest edits, the longest prefix on a tie."""
    expected = (limit + 1, len(text))
    for end in range(max(start + 1, len(form) - limit), min(len(text), len(form) + limit) + 1):
        found = min(_levenshtein(form, text[:end]), limit + 1)
        if found <= expected[0]:
            expected = (found, end)
    assert prefix_distance(form, text, limit, start) == expected


@st.composite
def documents(draw):
    """(language, [(source, translation)]): each mention rendered any way an engine or a
    reviewer writes it: right or other name, any case, a variant, a short form, in
    capitals, with ё, misspelled, or left out."""
    glossary = FIXTURE_GLOSSARY
    language = draw(st.sampled_from(LANGUAGES))
    segments = []
    for _ in range(draw(st.integers(1, 3))):
        ids = draw(st.lists(st.sampled_from(concepts(glossary, language)), min_size=1, max_size=3))
        source, target = [], []
        for concept_id in ids:
            concept = glossary.concept(concept_id)
            name = draw(st.sampled_from(concept.names))
            forms = concept.forms_of(language, draw(st.sampled_from(concept.names)))
            spellings = sorted(
                {*forms.cases.values(), *forms.variant_spellings()}
                | {text for short in forms.short for text in short.cases.values()}
            )
            word = draw(st.sampled_from(spellings))
            how = draw(st.sampled_from(["as is", "capitals", "yo", "misspelled", "dropped"]))
            if how == "capitals":
                word = upper(language, word)
            elif how == "yo":
                word = word.replace("е", "ё")
            elif how == "misspelled" and len(word) > 6:
                word = word[:3] + word[4:]
            elif how == "dropped":
                word = draw(filler)
            if language != "ru":
                word += draw(
                    st.sampled_from(
                        ["", "ը", "ն", "-ի"] if language == "hy" else ["", "dakı", "-ın"]
                    )
                )
            source.append(f"{name} said.")
            target.append(f"{draw(filler)} {word} {draw(filler)}")
        segments.append((" ".join(source), " | ".join(target)))
    return language, segments


def apply_document(language: str, segments: list[tuple[str, str]]) -> list[str]:
    renderer = DocumentRenderer(FIXTURE_GLOSSARY, language)
    return [renderer.render(source, text).text for source, text in segments]


@settings(settings.get_profile("newsloc-real-text"))
@given(documents())
def test_applying_a_document_twice_equals_applying_it_once(document):
    language, segments = document
    once = apply_document(language, segments)
    twice = apply_document(language, [(s, t) for (s, _), t in zip(segments, once, strict=True)])
    assert twice == once


@settings(settings.get_profile("newsloc-real-text"))
@given(documents())
def test_what_check_finds_clean_apply_leaves_byte_for_byte(document):
    language, segments = document
    renderer = DocumentRenderer(FIXTURE_GLOSSARY, language)
    checker = Checker(FIXTURE_GLOSSARY, language)
    for source, text in segments:
        if not text.strip():  # untranslated: apply passes over it, check skips it
            renderer.pass_over(source)
            checker.check(CheckEntry(source, text))
            continue
        rendered = renderer.render(source, text)
        if not checker.check(CheckEntry(source, text)):
            assert rendered.text == text and not rendered.needs_review
