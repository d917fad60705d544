"""Where the glossary's first mention counts: the article's body.

A headline, standfirst, byline, dateline, caption, alt text or pull quote (an entry with
one of those msgctxt) is read apart from the body, often before it. A careful editor keeps
such display text short: it gets the name the source used, rendered as the language's
primary name, without the other name beside it, and it does not spend the article's first
mention: the dual name still goes where the body first names the place. Under a profile
whose scope is "every", every mention gets both names, display text too (the contract's
rule). docs/articles.md records the choice.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

import polib

from newsloc.glossary.model import Glossary
from newsloc.translate.segment import ELEMENTS


class _Introduces(Protocol):
    introduced: set[str]


def outside_the_body(entry: polib.POEntry) -> bool:
    """Is the entry one of the article's display elements (a headline, a caption, …)?"""
    return bool(entry.msgctxt) and entry.msgctxt in ELEMENTS


@contextmanager
def not_a_first_mention(state: _Introduces, glossary: Glossary) -> Iterator[None]:
    """Within the block every concept counts as already introduced, and afterwards the
    document state is as it was: the entry neither gets nor spends a first mention."""
    saved = state.introduced
    state.introduced = saved | {concept.id for concept in glossary.concepts}
    try:
        yield
    finally:
        state.introduced = saved


@contextmanager
def as_placed(entry: polib.POEntry, state: _Introduces, glossary: Glossary) -> Iterator[None]:
    """`not_a_first_mention` for display elements, nothing for body text."""
    if outside_the_body(entry):
        with not_a_first_mention(state, glossary):
            yield
    else:
        yield
