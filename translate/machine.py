"""Machine output into catalogue entries, with the glossary applied on the way.

An entry's sentences were translated one by one; here they are joined back into the
paragraph, and their attention alignments are joined too, so the glossary can place a
name the engine rendered unexpectedly (spec section 4, "placed by alignment").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import polib

from newsloc.glossary.model import Glossary
from newsloc.glossary.render import DocumentRenderer
from newsloc.translate.catalog.comments import with_machine_comments
from newsloc.translate.catalog.display import as_placed
from newsloc.translate.catalog.entry_state import EntryKey, entry_key, mark_fuzzy
from newsloc.translate.engines.interface import Span, Translation
from newsloc.translate.segment import Sentence


@dataclass(frozen=True)
class JoinedTranslation:
    """A paragraph's translation, and where each sentence sits in source and target."""

    text: str
    pieces: tuple[tuple[Span, Span, Translation], ...]  # (source span, target span, part)
    #: False when inline markup was put around whole sentences for want of an alignment.
    markup_placed: bool = True

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
    sentences: Sequence[Sentence], parts: Sequence[Translation], markup_placed: bool = True
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
    return JoinedTranslation(" ".join(texts), tuple(pieces), markup_placed)


@dataclass(frozen=True)
class MachineText:
    """An entry's machine output as it goes into the catalogue: the text, and the
    glossary's translator comments for the reviewer (changes made, names not found)."""

    text: str
    comments: tuple[str, ...] = ()


@dataclass
class NameCounts:
    """How the glossary's names fared in one catalogue's machine output."""

    mentions: int = 0
    rendered: int = 0
    placed_by_alignment: int = 0
    not_found: int = 0


@dataclass
class GlossaryPass:
    """What the glossary made of one catalogue, entry by entry (keyed by (msgctxt, msgid):
    a headline and a body paragraph with the same words render apart)."""

    #: The machine output with the glossary applied, for the entries that had some.
    output: dict[EntryKey, MachineText] = field(default_factory=dict)
    #: Every entry's `#.` notes: what the glossary expects of its translation.
    notes: dict[EntryKey, list[str]] = field(default_factory=dict)
    counts: NameCounts = field(default_factory=NameCounts)


#: The reviewer's comment on markup placed around a whole sentence.
MARKUP_AROUND = (
    "markup: the engine gave no alignment, so the tags stand around the whole sentence; "
    "move them onto the right words"
)


def _markup_comments(joined: JoinedTranslation) -> tuple[str, ...]:
    return () if joined.markup_placed else (MARKUP_AROUND,)


def as_machine_text(
    machine: Mapping[EntryKey, JoinedTranslation],
) -> dict[EntryKey, MachineText]:
    """Without a glossary for the language: the machine output as it came."""
    return {
        key: MachineText(joined.text, _markup_comments(joined)) for key, joined in machine.items()
    }


def apply_glossary_to_machine_output(
    entries: Sequence[polib.POEntry],
    glossary: Glossary,
    language: str,
    machine: Mapping[EntryKey, JoinedTranslation],
) -> GlossaryPass:
    """Apply the glossary to this run's machine output (`machine`, by entry key), in
    document order; nothing is changed here, the result says what to write.

    Every live entry passes through one DocumentRenderer, so first mentions are counted
    across the whole article, reviewed entries included; only machine output is rendered.
    Every entry gets notes saying what the glossary expects of it.
    """
    result = GlossaryPass()
    counts = result.counts
    renderer = DocumentRenderer(glossary, language)
    for entry in entries:
        key = entry_key(entry)
        joined = machine.get(key)
        with as_placed(entry, renderer, glossary):  # a headline spends no first mention
            if joined is None:
                rendering = renderer.render(entry.msgid, entry.msgstr)  # keeps document state
            else:
                locate = joined.locate if joined.has_alignment else None
                rendering = renderer.render(entry.msgid, joined.text, locate)
        if joined is not None:
            result.output[key] = MachineText(
                rendering.text, (*rendering.comments(), *_markup_comments(joined))
            )
            counts.rendered += (
                rendering.mentions - rendering.not_found - rendering.placed_by_alignment
            )
            counts.placed_by_alignment += rendering.placed_by_alignment
            counts.not_found += rendering.not_found
        counts.mentions += rendering.mentions
        result.notes[key] = list(rendering.notes)
    return result


def write_machine_output(
    entries: Sequence[polib.POEntry], output: Mapping[EntryKey, MachineText], engine: str
) -> None:
    """Store machine output as unreviewed (fuzzy) entries that say where it came from; a
    person's translator comments stay, newsloc's earlier ones are replaced."""
    for entry in entries:
        machine = output.get(entry_key(entry))
        if machine is not None:
            entry.msgstr = machine.text
            mark_fuzzy(entry)
            entry.tcomment = with_machine_comments(entry.tcomment, engine, machine.comments)
