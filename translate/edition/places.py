"""The glossary concepts an article names, for an edition's metadata (ninjs `places` and
`organisations`).

The source text is read with the glossary's own matcher and the same counting rules
`newsloc translate` renders by (`DocumentRenderer.mentions`: an ambiguous name is not
taken as the place, and under `order = "edition"` a dual place stands for the name the
edition language's community uses). Each concept is listed once, in the order the article
first names it, with its name as the edition's first mention gives it: the primary's
nominative, and, for a place the house policy keeps dual, the other name beside it
(`Степанакерт (Ханкенди)`). A desk's CMS shows these names as tags beside the article, so
they follow the policy the text follows; the stable identity is the concept id
(`literal`, and `uri` as `urn:newsloc:concept:ID`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import polib

from newsloc.glossary.match import matcher_for
from newsloc.glossary.model import Concept, Glossary
from newsloc.glossary.render import DocumentRenderer, is_dual
from newsloc.translate.catalog.current import CurrentEntry
from newsloc.translate.edition.content import NamedConcept

#: The concept kind that goes to ninjs `organisations`; every other kind is a place.
ORGANISATION = "organisation"


def named_concepts(
    glossary: Glossary, language: str, sources: Iterable[str]
) -> tuple[NamedConcept, ...]:
    """Every concept the article's source paragraphs (`sources`, in document order) name,
    once each, named in `language` (see the module's note); English names for the source
    language or a language the glossary has no names for."""
    found: dict[str, NamedConcept] = {}
    if language in glossary.targets:
        renderer = DocumentRenderer(glossary, language)
        for text in sources:
            for mention in renderer.mentions(text):
                if mention.concept_id not in found:
                    known = glossary.concept(mention.concept_id)
                    name = _edition_name(renderer, known, mention.name)
                    found[known.id] = _named(known, name)
        return tuple(found.values())
    matcher = matcher_for(glossary)
    for text in sources:
        for mention in matcher.find(text):
            concept = glossary.get(mention.concept_id)
            if concept is None or concept.ambiguous or concept.id in found:
                continue
            found[concept.id] = _named(concept, mention.name)
    return tuple(found.values())


def _edition_name(renderer: DocumentRenderer, concept: Concept, name: str) -> str:
    forms = concept.forms_of(renderer.language, name)
    primary = forms.nom if forms is not None else name
    if not is_dual(renderer.glossary, concept):
        return primary
    secondary = renderer.index.secondary_for(concept, name)
    if secondary is None or secondary == primary:
        return primary
    return renderer.policy.decorate(primary, secondary)


def _named(concept: Concept, name: str) -> NamedConcept:
    return NamedConcept(
        concept_id=concept.id,
        name=name,
        organisation=concept.kind == ORGANISATION,
    )


def article_concepts(
    entries: Sequence[CurrentEntry], language: str, glossary: Glossary
) -> tuple[NamedConcept, ...]:
    """`named_concepts` for an article's entries (the template's, when there is one), read
    in the order the article has them."""
    ordered = sorted(entries, key=lambda item: _first_line(item.source))
    return named_concepts(glossary, language, [item.source.msgid for item in ordered])


def _first_line(entry: polib.POEntry) -> int:
    lines = [int(line) for _path, line in entry.occurrences if str(line).isdigit()]
    return min(lines) if lines else 0


__all__ = ["ORGANISATION", "article_concepts", "named_concepts"]
