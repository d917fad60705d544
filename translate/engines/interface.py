"""The engine interface every translation backend implements.

An engine serves one language pair and translates a whole document's sentences in one
call, so a backend can batch them. It may also return a soft alignment (from attention),
which the glossary uses to place a name the engine rendered in an unexpected way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

Span = tuple[int, int]


@dataclass(frozen=True)
class Alignment:
    """Attention from target tokens to source tokens, with each token's character span.

    `weights[t][s]` is how much target token `t` attended to source token `s`; spans are
    character offsets in the source sentence and in the translated text.
    """

    source_spans: Sequence[Span]
    target_spans: Sequence[Span]
    weights: Sequence[Sequence[float]]

    def target_span(self, start: int, end: int) -> Span | None:
        """The target characters most attended from source characters [start, end).

        The best target token is taken, then its neighbours that scored at least half as
        much, so a name rendered as several pieces comes back whole. None when the span
        covers no source token or nothing attended to it.
        """
        sources = [i for i, (s, e) in enumerate(self.source_spans) if s < end and e > start]
        if not sources or not self.target_spans:
            return None
        scores = [sum(row[i] for i in sources if i < len(row)) for row in self.weights]
        scores = scores[: len(self.target_spans)]
        if not scores or max(scores) <= 0.0:
            return None
        best = max(range(len(scores)), key=scores.__getitem__)
        threshold = scores[best] / 2
        first = last = best
        while first > 0 and scores[first - 1] >= threshold:
            first -= 1
        while last + 1 < len(scores) and scores[last + 1] >= threshold:
            last += 1
        return self.target_spans[first][0], self.target_spans[last][1]


@dataclass(frozen=True)
class Translation:
    """One translated sentence, with its alignment when the engine could give one."""

    text: str
    alignment: Alignment | None = None


#: Told how many of the sentences given to `translate` are done, as an engine's batches end.
ProgressCallback = Callable[[int], None]


@runtime_checkable
class Engine(Protocol):
    """A translator for one language pair.

    Every engine takes a whole document's sentences in one `translate` call and batches
    them as suits it (token-sized batches on CTranslate2, requests spread over servers).
    What else it offers, it declares: `reports_progress` and `aligns`.
    """

    #: Short engine name for messages and catalogue comments, e.g. "argos".
    name: str
    source: str
    target: str
    #: True when the engine calls `progress` as its batches end; the caller may set
    #: `progress` on any engine, and one that cannot report leaves it uncalled.
    reports_progress: bool
    progress: ProgressCallback | None

    @property
    def aligns(self) -> bool:
        """True when translations carry attention alignments (`Translation.alignment`),
        with which the glossary places a name the engine rendered unexpectedly."""
        ...

    def describe(self) -> str:
        """What produced the text, for the reviewer: e.g. "argos en→ru 1.9 (translate-en_ru)"."""
        ...

    def translate(self, sentences: list[str]) -> list[Translation]:
        """Translate every sentence, in order; the result has the same length."""
        ...
