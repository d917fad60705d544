"""Properties of rendering that must hold for any text: idempotence, untouched surroundings,
and matching that arbitrary Unicode around a name cannot break."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsloc.glossary.lang import language_pack
from newsloc.glossary.model import Glossary
from newsloc.glossary.render import DocumentRenderer, SegmentRendering
from tests.glossary.test_render import make_glossary

GLOSSARY: Glossary = make_glossary()
LANGUAGES = ("ru", "hy", "az")
#: Suffixes engines glue onto names in the suffixing languages (article, case, -dakı, -lı).
SUFFIXES = {"ru": ("",), "hy": ("", "ը", "ն", "ում", "ից"), "az": ("", "dəki", "dakı", "lı", "da")}

settings.register_profile(
    "newsloc-render", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

#: Any text at all but quotation marks, kept short so examples stay fast. Inside quotation
#: marks the source's name is kept as written and nothing is added (rule 4.10, tested in
#: test_quotations.py), so a stray opening mark would rightly suspend the dual name.
QUOTATION_MARKS = "".join(
    {
        mark
        for pack in ("ru", "hy", "az")
        for pair in language_pack(pack).quotes.items()
        for mark in pair
    }
)
filler = st.text(alphabet=st.characters(blacklist_characters=QUOTATION_MARKS), max_size=12)


def concepts_for(language: str) -> list[str]:
    return [c.id for c in GLOSSARY if not c.ambiguous and language in GLOSSARY.languages_of(c)]


@st.composite
def segments(draw, language: str) -> tuple[str, str, list[tuple[str, str]]]:
    """(source, translation, [(concept id, source name)]) with every mention translated by
    some form (any name, any case, maybe a suffix) and arbitrary text around each."""
    ids = draw(st.lists(st.sampled_from(concepts_for(language)), min_size=1, max_size=3))
    source_parts, target_parts, mentioned = [], [], []
    for concept_id in ids:
        concept = GLOSSARY.concept(concept_id)
        name = draw(st.sampled_from(concept.names))
        target_name = draw(st.sampled_from(concept.names))
        spellings = [s for s, _ in concept.forms_of(language, target_name).spellings(language)]
        form = draw(st.sampled_from(spellings)) + draw(st.sampled_from(SUFFIXES[language]))
        source_parts.append(f"{draw(filler)} {name} {draw(filler)}")
        target_parts.append(f"{draw(filler)} {form} {draw(filler)}")
        mentioned.append((concept_id, name))
    return " ".join(source_parts), " ".join(target_parts), mentioned


@st.composite
def documents(draw) -> tuple[str, list[tuple[str, str, list[tuple[str, str]]]]]:
    language = draw(st.sampled_from(LANGUAGES))
    return language, draw(st.lists(segments(language), min_size=1, max_size=4))


def render_document(language: str, pairs: list[tuple[str, str]]) -> list[SegmentRendering]:
    renderer = DocumentRenderer(GLOSSARY, language)
    return [renderer.render(source, translation) for source, translation in pairs]


def spliced(result: SegmentRendering) -> str:
    """The original with only the recorded changes applied."""
    text, last = [], 0
    for change in result.changes:
        assert result.original[change.start : change.end] == change.old
        text.append(result.original[last : change.start])
        text.append(change.new)
        last = change.end
    text.append(result.original[last:])
    return "".join(text)


@settings(settings.get_profile("newsloc-render"))
@given(documents())
def test_applying_twice_equals_applying_once(document):
    language, segs = document
    once = render_document(language, [(s, t) for s, t, _ in segs])
    twice = render_document(
        language, [(s, r.text) for (s, _, _), r in zip(segs, once, strict=True)]
    )
    assert [r.text for r in twice] == [r.text for r in once]
    assert not any(r.changes for r in twice)


@settings(settings.get_profile("newsloc-render"))
@given(documents())
def test_text_outside_replaced_occurrences_is_unchanged(document):
    language, segs = document
    for result in render_document(language, [(s, t) for s, t, _ in segs]):
        starts = [c.start for c in result.changes]
        assert starts == sorted(starts)
        assert all(a.end <= b.start for a, b in itertools.pairwise(result.changes))
        assert result.text == spliced(result)


@settings(settings.get_profile("newsloc-render"))
@given(documents())
def test_arbitrary_unicode_around_names_never_breaks_matching(document):
    language, segs = document
    results = render_document(language, [(s, t) for s, t, _ in segs])
    introduced: set[str] = set()
    for (_, _, mentioned), result in zip(segs, results, strict=True):
        # A name whose case the words around it do not settle is only suggested (4.11).
        assert [p for p in result.problems if not p.startswith("glossary: suggest:")] == []
        suggested = {s.concept_id for s in result.suggestions}
        assert result.mentions == len(mentioned)
        for concept_id, name in mentioned:
            if concept_id in suggested:
                continue
            concept = GLOSSARY.concept(concept_id)
            forms = concept.forms_of(language, name)
            assert any(form in result.text for form in forms.cases.values())
            names_here = {n for cid, n in mentioned if cid == concept_id}
            if concept.contested and concept_id not in introduced and len(names_here) == 1:
                others = ", ".join(concept.forms_of(language, o).nom for o in concept.others(name))
                # ... or the primary's form is the other name itself, written once (4.2).
                assert f" ({others})" in result.text or others in result.text.split()
        introduced.update(cid for cid, _ in mentioned)
