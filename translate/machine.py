"""Machine output into catalogue entries, with the glossary applied on the way.

An entry's sentences were translated one by one; here they are joined back into the
paragraph, and their attention alignments are joined too, so the glossary can place a
name the engine rendered unexpectedly (spec section 4, "placed by alignment").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polib

from newsloc.glossary.model import Glossary
from newsloc.glossary.render import DocumentRenderer
from newsloc.translate.engines.base import Span, Translation
from newsloc.translate.segment import Sentence

MACHINE_COMMENT = "machine translation: "


@dataclass(frozen=True)
class JoinedTranslation:
    """A paragraph's translation, and where each sentence sits in source and target."""

    text: str
    pieces: tuple[tuple[Span, Span, Translation], ...]  # (source span, target span, part)

    def locate(self, start: int, end: int) -> Span | None:
        """Target span attended from source characters [start, end) of the paragraph."""
        for (s_start, s_end), (t_start, _), part in self.pieces:
            if s_start <= start and end <= s_end and part.alignment is not None:
                found = part.alignment.target_span(start - s_start, end - s_start)
                if found is not None:
                    return found[0] + t_start, found[1] + t_start
                return None
        return None

    @property
    def has_alignment(self) -> bool:
        return any(part.alignment is not None for _, _, part in self.pieces)


def join_translation(
    sentences: Sequence[Sentence], parts: Sequence[Translation]
) -> JoinedTranslation:
    """Join a paragraph's sentence translations with single spaces, keeping their offsets."""
    pieces = []
    texts: list[str] = []
    offset = 0
    for sentence, part in zip(sentences, parts, strict=True):
        text = part.text.strip()
        if texts:
            offset += 1
        pieces.append(((sentence.start, sentence.end), (offset, offset + len(text)), part))
        texts.append(text)
        offset += len(text)
    return JoinedTranslation(" ".join(texts), tuple(pieces))


def mark_machine(entry: polib.POEntry, text: str, engine: str, notes: Sequence[str] = ()) -> None:
    """Store machine output as an unreviewed (fuzzy) entry that says where it came from."""
    entry.msgstr = text
    if "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
    entry.tcomment = "\n".join([f"{MACHINE_COMMENT}{engine}", *notes])


def write_machine_output(
    po: polib.POFile, machine: dict[int, JoinedTranslation], engine: str
) -> None:
    """Without a glossary for the language: machine output goes in as it came."""
    for entry in po:
        joined = machine.get(id(entry))
        if joined is not None:
            mark_machine(entry, joined.text, engine)


@dataclass
class NameCounts:
    """How the glossary's names fared in one catalogue's machine output."""

    mentions: int = 0
    rendered: int = 0
    placed_by_alignment: int = 0
    not_found: int = 0


def apply_glossary_to_machine_output(
    po: polib.POFile,
    glossary: Glossary,
    language: str,
    machine: dict[int, JoinedTranslation],
    engine: str,
) -> NameCounts:
    """Apply the glossary to this run's machine output, in document order.

    Every live entry passes through one DocumentRenderer, so first mentions are counted
    across the whole article, reviewed entries included; only machine output is changed.
    Every entry gets `#.` notes saying what the glossary expects of it.
    """
    counts = NameCounts()
    renderer = DocumentRenderer(glossary, language)
    for entry in po:
        if entry.obsolete:
            continue
        joined = machine.get(id(entry))
        if joined is None:
            result = renderer.render(entry.msgid, entry.msgstr)  # keeps document state
        else:
            locate = joined.locate if joined.has_alignment else None
            result = renderer.render(entry.msgid, joined.text, locate)
            mark_machine(entry, result.text, engine, result.comments())
            counts.rendered += result.mentions - result.not_found - result.placed_by_alignment
            counts.placed_by_alignment += result.placed_by_alignment
            counts.not_found += result.not_found
        counts.mentions += result.mentions
        entry.comment = "\n".join(line for line in (entry.comment, *result.notes) if line)
    return counts
