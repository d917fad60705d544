"""Scoring translations against a reference set (FLORES-style parallel files).

A reference set is two plain-text files with one segment a line, aligned line for line:
the English source and a human translation. Hypotheses come from an engine newsloc runs,
or from a file (another system's output). Scores are sacrebleu's corpus BLEU and chrF with
its default settings, so a figure printed here is comparable with any published sacrebleu
figure whose signature matches.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsloc.base.files import decode_user_text, read_user_bytes
from newsloc.translate.errors import UserError


@dataclass(frozen=True)
class Score:
    """One metric's corpus score and the sacrebleu signature that makes it reproducible."""

    name: str
    score: float
    signature: str

    def as_dict(self) -> dict[str, object]:
        return {"score": round(self.score, 2), "signature": self.signature}


@dataclass(frozen=True)
class ReferenceScores:
    """BLEU and chrF of one system's output against the references."""

    target: str
    segments: int
    system: str
    bleu: Score
    chrf: Score

    def as_dict(self) -> dict[str, object]:
        return {
            "target": self.target,
            "segments": self.segments,
            "system": self.system,
            "bleu": self.bleu.as_dict(),
            "chrf": self.chrf.as_dict(),
        }


def read_lines(path: Path, kind: str) -> list[str]:
    """The file's lines (one segment each), or a one-line error naming the file."""
    text = decode_user_text(path, read_user_bytes(path, kind))
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        raise UserError(f"{path}: the {kind} is empty")
    return lines


def check_aligned(paths: Sequence[Path], line_sets: Sequence[Sequence[str]]) -> None:
    """Refuse files whose line counts differ: a shifted line would score every line wrong."""
    counts = {len(lines) for lines in line_sets}
    if len(counts) > 1:
        pairs = zip(paths, line_sets, strict=True)
        detail = ", ".join(f"{path} has {len(lines)}" for path, lines in pairs)
        raise UserError(f"the files are not aligned line for line: {detail}")


def score(
    hypotheses: Sequence[str], references: Sequence[str], target: str, system: str
) -> ReferenceScores:
    """Corpus BLEU and chrF with sacrebleu's defaults (the 13a tokenizer, chrF β=2)."""
    from sacrebleu.metrics import BLEU, CHRF

    bleu, chrf = BLEU(), CHRF()
    refs = [list(references)]
    bleu_score = bleu.corpus_score(list(hypotheses), refs)
    chrf_score = chrf.corpus_score(list(hypotheses), refs)
    return ReferenceScores(
        target=target,
        segments=len(hypotheses),
        system=system,
        bleu=Score("BLEU", bleu_score.score, str(bleu.get_signature())),
        chrf=Score("chrF", chrf_score.score, str(chrf.get_signature())),
    )


Translate = Callable[[list[str]], list[str]]


def translate_lines(
    sources: Sequence[str],
    translate: Translate,
    batch: int = 64,
    on_batch: Callable[[int], None] | None = None,
) -> list[str]:
    """Every source line translated, in batches (an engine batches inside one call too).

    Lines are translated as they are, one segment each, as the references were made; an
    empty line stays empty. `on_batch` hears how many lines each finished batch held.
    """
    out: list[str] = []
    for start in range(0, len(sources), batch):
        chunk = list(sources[start : start + batch])
        wanted = [line for line in chunk if line.strip()]
        done = iter(translate(wanted)) if wanted else iter(())
        out.extend(next(done) if line.strip() else "" for line in chunk)
        if on_batch:
            on_batch(len(chunk))
    return out
