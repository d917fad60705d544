"""What a test expects of a real article, read from its text independently of newsloc.

Tests that run on the sample article and, where ../shared has it, the seed article compute
their expectations (entries, line references, paragraph counts) here, so one assertion
fits both: the seed repeats two paragraphs, the sample wraps its lines.
"""

from __future__ import annotations

from pathlib import Path


def article_paragraphs(article: Path) -> list[tuple[int, str]]:
    """(start line, unwrapped text) for every blank-line separated paragraph."""
    paragraphs: list[tuple[int, str]] = []
    start, lines = 0, []
    for number, line in enumerate(article.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            start = start or number
            lines.append(line.strip())
        elif lines:
            paragraphs.append((start, " ".join(lines)))
            start, lines = 0, []
    if lines:
        paragraphs.append((start, " ".join(lines)))
    return paragraphs


def unique_paragraphs(article: Path) -> list[tuple[str, list[int]]]:
    """Distinct paragraphs in order of first occurrence, with every line they start at."""
    seen: dict[str, list[int]] = {}
    for line, text in article_paragraphs(article):
        seen.setdefault(text, []).append(line)
    return list(seen.items())


def entry_count(article: Path) -> int:
    """How many catalogue entries the article makes: one per distinct paragraph."""
    return len(unique_paragraphs(article))


def contested_concepts(text: str) -> tuple[str, ...]:
    """The contested places (default glossary) a paragraph names, in order, each once."""
    from newsloc.glossary.loader import load_default_glossary
    from newsloc.glossary.match import find_mentions

    glossary = load_default_glossary()
    found = [m.concept_id for m in find_mentions(glossary, text)]
    return tuple(dict.fromkeys(c for c in found if glossary.concept(c).contested))


def quiet_entries(article: Path) -> list[int]:
    """Entries after the first that name no contested place, so that leaving them
    unreviewed trips only the review threshold, never the contested-name gate."""
    return [
        index
        for index, (text, _lines) in enumerate(unique_paragraphs(article))
        if index and not contested_concepts(text)
    ]
