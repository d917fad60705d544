"""The offline engine: an installed Argos package, driven through CTranslate2 directly.

Argos's own `translate()` splits text with a sentence model it downloads at run time and
sends each paragraph to CTranslate2 on its own. newsloc has already segmented the article,
so this engine tokenizes every sentence with the package's tokenizer and translates the
whole document in ONE `translate_batch` call: CTranslate2 sorts the sentences by length and
batches them by tokens, which keeps both cores busy and wastes little on padding.

Defaults, measured with bench/translate_bench.py (Transformer-base-sized int8 model, 32k
vocabulary, 2 busy cores, 120 sentences, 30 tokens decoded each):
- beam_size=2: beam 1 / 2 / 4 took 4.4 / 7.5 / 14.1 s. Argos uses 4; for Transformer-base
  news models beam 2 is within a few tenths of a BLEU point of beam 4 (greedy loses more),
  so half the time is the better trade when a reviewer edits the output anyway.
  `--beam-size 4` restores Argos's setting.
- max_batch_tokens=4096: 1024 / 2048 / 4096 / 8192 source tokens per batch took
  10.1 / 6.0 / 5.3 / 6.1 s: big batches keep the int8 matrix kernels busy (the 32k-word
  output projection dominates), and a long article still spans several batches, so
  progress moves.
- max_sentence_tokens=120: longer sentences (rare in news; lists, run-ons) are cut at clause
  punctuation or spaces, translated as parts in the same batch and rejoined, never truncated;
  this also keeps max_decoding_length = min(256, 2 x longest + 10) safe for every part.
- MAX_ALIGNMENT_CELLS: a rejoined sentence's alignment is a target x source matrix, which
  grows with the square of the sentence; past a million cells (about 1,000 source tokens,
  far beyond any news sentence, but an 80 kB base64 paste is 40,000) the sentence is
  translated without alignment, so memory grows linearly with the input
  (bench/long_token_bench.py). Its glossary names are then found without the engine's help.

Multilingual models (NLLB-200, M2M-100, MADLAD-400; see translate/models/families.py) are
packaged the same way, with metadata.json naming the tokens that pick the languages:
`source_prefix` and `source_suffix` (lists of tokens put around every sentence's pieces)
and Argos's `target_prefix`. The engine adds them, strips the target prefix from the output,
and leaves the added tokens' attention out of the alignment.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ctranslate2
import sentencepiece as spm

from newsloc.translate.engines.argos_dirs import import_argos_settings

import_argos_settings()  # before Argos's own modules: it would create folders when imported

from argostranslate.package import Package  # noqa: E402
from argostranslate.tokenizer import SentencePieceTokenizer  # noqa: E402

from newsloc.translate.engines.argos_packages import (  # noqa: E402
    find_package,
    install_command,
    package_name,
)
from newsloc.translate.engines.interface import (  # noqa: E402
    Alignment,
    ProgressCallback,
    Span,
    Translation,
)
from newsloc.translate.errors import UserError  # noqa: E402

DEFAULT_BEAM_SIZE = 2
DEFAULT_MAX_BATCH_TOKENS = 4096
DEFAULT_MAX_SENTENCE_TOKENS = 120
#: Upper bound on the decoder's steps for any sentence, whatever its length.
MAX_DECODING_LENGTH = 256
#: Same length penalty as Argos, so a package's output matches what its users expect.
LENGTH_PENALTY = 0.2
#: The largest target x source attention matrix kept for one sentence (see above).
MAX_ALIGNMENT_CELLS = 1_000_000
#: Packages built from OPUS-MT (separate vocabularies) decode with this SentencePiece model.
TARGET_SENTENCEPIECE = "target_sentencepiece.model"

_CLAUSE_END = frozenset(",;:)]»”")
_CLAUSE_START = frozenset("–—([«“")
_SPACE_BREAK = re.compile(r"\s+")

_translators: dict[tuple[str, str, str, int], ctranslate2.Translator] = {}
_translators_lock = threading.Lock()


def decoding_length(longest_input: int) -> int:
    """How many tokens the decoder may produce: proportional to the input, capped."""
    return min(MAX_DECODING_LENGTH, 2 * longest_input + 10)


def shared_translator(
    model_dir: Path, compute_type: str, threads: int, device: str = "cpu"
) -> ctranslate2.Translator:
    """The process's one Translator for this model and settings (loading one takes seconds)."""
    key = (str(model_dir), device, compute_type, threads)
    with _translators_lock:
        translator = _translators.get(key)
        if translator is None:
            try:
                translator = ctranslate2.Translator(
                    str(model_dir),
                    device=device,
                    compute_type=compute_type,
                    inter_threads=1,
                    intra_threads=threads,
                )
            except (RuntimeError, ValueError) as exc:
                first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise UserError(
                    f"{model_dir}: cannot load the CTranslate2 model ({first_line})"
                ) from None
            _translators[key] = translator
        return translator


@dataclass(frozen=True)
class _Piece:
    """A part of one input sentence sent to the model: the whole sentence unless too long."""

    sentence: int
    start: int
    text: str
    tokens: list[str]
    spans: list[Span] | None


class ArgosEngine:
    """Translates a document's sentences with an installed Argos package, in one batch."""

    name = "argos"
    reports_progress = True

    def __init__(
        self,
        source: str,
        target: str,
        *,
        beam_size: int = DEFAULT_BEAM_SIZE,
        compute_type: str = "auto",
        threads: int = 0,
        device: str = "cpu",
        max_batch_tokens: int = DEFAULT_MAX_BATCH_TOKENS,
        max_sentence_tokens: int = DEFAULT_MAX_SENTENCE_TOKENS,
        with_attention: bool = False,
        progress: ProgressCallback | None = None,
        fixed_decoding_length: int | None = None,
    ) -> None:
        """Find the package for source→target; the model itself loads on first use.

        `fixed_decoding_length` forces every output to exactly that many tokens: only for
        benchmarks, which must compare equal amounts of decoding work.
        """
        if beam_size < 1:
            raise UserError(f"--beam-size: must be at least 1, not {beam_size}")
        if threads < 0:
            raise UserError(f"--threads: must be 0 (all cores) or more, not {threads}")
        if device not in ("cpu", "cuda"):
            raise UserError(f"--device {device}: the engine runs on cpu or cuda")
        if max_sentence_tokens < 8:
            raise UserError(f"max_sentence_tokens: must be at least 8, not {max_sentence_tokens}")
        package = find_package(source, target)
        if package is None:
            raise UserError(
                f"no Argos package for {source}→{target} is installed; "
                f"install one with: {install_command(source, target)} (offline: "
                "newsloc models install --from FILE.argosmodel, or a local mirror: "
                "newsloc models install --help)"
            )
        self.source = source
        self.target = target
        self.package = package
        self.beam_size = beam_size
        self.compute_type = compute_type
        self.threads = threads
        self.device = device
        self.max_batch_tokens = max_batch_tokens
        self.max_sentence_tokens = max_sentence_tokens
        self.with_attention = with_attention
        self.progress = progress
        self.fixed_decoding_length = fixed_decoding_length
        self._tokenizer = _SourceTokenizer(package)
        self._detokenizer = _Detokenizer.for_package(package)
        self._target_prefix = [package.target_prefix] if package.target_prefix else []
        self._metadata = _read_metadata(Path(package.package_path))
        self._source_prefix = _token_list(package, self._metadata, "source_prefix")
        self._source_suffix = _token_list(package, self._metadata, "source_suffix")

    @property
    def aligns(self) -> bool:
        """Alignments come with the translations when the engine was asked for attention."""
        return self.with_attention

    def describe(self) -> str:
        """The model and its licence, for the catalogue's reviewers, e.g.
        "argos en→ru 1.9 (translate-en_ru; licence CC0-1.0)" or
        "argos en→hy 1.0 (NLLB-200 distilled 600M, translate-en_hy-nllb-600m; licence
        CC-BY-NC-4.0)"."""
        name = package_name(self.package)
        version = self.package.package_version
        suffix = "-" + version.replace(".", "_")
        if version and name.endswith(suffix):
            name = name[: -len(suffix)]
        title = self._metadata.get("model_title")
        model = f"{title}, {name}" if isinstance(title, str) and title.strip() else name
        licence = package_licence(self._metadata)
        return f"argos {self.source}→{self.target} {version} ({model}; licence {licence})".replace(
            "  ", " "
        )

    def translate(self, sentences: list[str]) -> list[Translation]:
        """Translate every sentence in one CTranslate2 call; same length and order as input."""
        pieces = [
            piece for index, text in enumerate(sentences) for piece in self._pieces(index, text)
        ]
        results = self._run(pieces, len(sentences))
        outputs: list[list[tuple[_Piece, Any]]] = [[] for _ in sentences]
        for piece, result in zip(pieces, results, strict=True):
            outputs[piece.sentence].append((piece, result))
        translations = []
        for sentence_outputs in outputs:
            aligned = self.with_attention and _alignment_cells(sentence_outputs) <= (
                MAX_ALIGNMENT_CELLS
            )
            translations.append(
                _join(
                    [
                        (piece, self._decode(piece, result, aligned))
                        for piece, result in sentence_outputs
                    ]
                )
            )
        return translations

    # -- input --------------------------------------------------------------------------

    def _pieces(self, index: int, text: str) -> list[_Piece]:
        """The sentence as one piece, or cut into parts the model can take."""
        tokens, spans = self._tokenizer.encode(text, with_spans=self.with_attention)
        if len(tokens) <= self.max_sentence_tokens:  # nearly always: encode once
            return [_Piece(index, 0, text, tokens, spans)] if tokens else []
        pieces = []
        for start, end in _split_long(text, self._tokenizer.count, self.max_sentence_tokens):
            part = text[start:end]
            tokens, spans = self._tokenizer.encode(part, with_spans=self.with_attention)
            if tokens:
                pieces.append(_Piece(index, start, part, tokens, spans))
        return pieces

    # -- the one model call -------------------------------------------------------------

    def _run(self, pieces: list[_Piece], n_sentences: int) -> list[Any]:
        """All pieces through `translate_batch` at once, reporting progress as batches end."""
        if not pieces:
            self._report(n_sentences)
            return []
        translator = shared_translator(
            Path(self.package.package_path) / "model", self.compute_type, self.threads, self.device
        )
        longest = max(len(piece.tokens) for piece in pieces)
        if self.fixed_decoding_length is not None:
            lengths = {
                "min_decoding_length": self.fixed_decoding_length,
                "max_decoding_length": self.fixed_decoding_length,
            }
        else:
            # The target prefix counts towards CTranslate2's decoding length.
            limit = decoding_length(longest) + len(self._target_prefix)
            lengths = {"max_decoding_length": limit}
        prefix = [list(self._target_prefix) for _ in pieces] if self._target_prefix else None
        asynchronous = self.progress is not None
        results = translator.translate_batch(
            [[*self._source_prefix, *piece.tokens, *self._source_suffix] for piece in pieces],
            target_prefix=prefix,
            max_batch_size=self.max_batch_tokens,
            batch_type="tokens",
            asynchronous=asynchronous,
            beam_size=self.beam_size,
            num_hypotheses=1,
            length_penalty=LENGTH_PENALTY,
            max_input_length=0,  # never truncate: over-long sentences were split above
            replace_unknowns=True,
            return_attention=self.with_attention,
            **lengths,
        )
        if asynchronous:
            results = self._await_with_progress(results, pieces, n_sentences)
        return list(results)

    def _await_with_progress(
        self, pending: list[Any], pieces: list[_Piece], n_sentences: int
    ) -> list[Any]:
        """Wait for the asynchronous results, calling progress(sentences done) as they end."""
        parts_left = [0] * n_sentences
        for piece in pieces:
            parts_left[piece.sentence] += 1
        done = sum(1 for left in parts_left if left == 0)  # empty sentences
        self._report(done)
        waiting = list(range(len(pending)))
        while waiting:
            pending[waiting[0]].result()  # blocks until the batch holding it is finished
            still = []
            for i in waiting:
                if pending[i].done():
                    parts_left[pieces[i].sentence] -= 1
                    done += parts_left[pieces[i].sentence] == 0
                else:
                    still.append(i)
            waiting = still
            self._report(done)
        return [result.result() for result in pending]

    def _report(self, done: int) -> None:
        if self.progress is not None:
            self.progress(done)

    # -- output -------------------------------------------------------------------------

    def _decode(self, piece: _Piece, result: Any, aligned: bool = True) -> Translation:
        """One piece's hypothesis as text, without the target prefix, with its alignment
        unless `aligned` is False (then CTranslate2's attention is never copied out)."""
        tokens = list(result.hypotheses[0])
        skip = (
            len(self._target_prefix)
            if tokens[: len(self._target_prefix)] == self._target_prefix
            else 0
        )
        tokens = tokens[skip:]
        with_spans = self.with_attention and aligned
        text, target_spans = self._detokenizer.decode(tokens, with_spans=with_spans)
        if not with_spans or piece.spans is None or target_spans is None:
            return Translation(text)
        rows = result.attention[0][skip : skip + len(tokens)]
        # Columns of the language and end tokens the engine added are left out.
        first = len(self._source_prefix)
        n_source = len(piece.tokens)
        weights = [_normalized(row[first : first + n_source]) for row in rows]
        return Translation(text, Alignment(piece.spans, target_spans, weights))


def _alignment_cells(outputs: Sequence[tuple[_Piece, Any]]) -> int:
    """How many cells the rejoined sentence's attention matrix would have (target x source)."""
    if len(outputs) < 2:
        return 0  # one piece: at most max_sentence_tokens x MAX_DECODING_LENGTH
    source = sum(len(piece.tokens) for piece, _ in outputs)
    target = sum(len(result.hypotheses[0]) for _, result in outputs)
    return source * target


def _read_metadata(package_path: Path) -> dict[str, Any]:
    """The package's metadata.json as a dict (Argos has read it already, so it exists)."""
    try:
        metadata = json.loads((package_path / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    return metadata if isinstance(metadata, dict) else {}


def _token_list(package: Package, metadata: dict[str, Any], key: str) -> list[str]:
    """A metadata list of tokens (source_prefix, source_suffix); a UserError if malformed."""
    value = metadata.get(key, [])
    if isinstance(value, str):
        value = [value] if value else []
    if not isinstance(value, list) or not all(isinstance(t, str) and t for t in value):
        raise UserError(
            f"{Path(package.package_path) / 'metadata.json'}: {key} must be a list of tokens"
        )
    return list(value)


def package_licence(metadata: dict[str, Any]) -> str:
    """The licence a package's metadata.json states, or says it does not."""
    licence = metadata.get("license") or metadata.get("licence")
    if isinstance(licence, str) and licence.strip():
        return licence.strip()
    return "not stated in the package"


def _normalized(row: Sequence[float]) -> list[float]:
    """Attention over the real source tokens, summing to 1.

    With beam search, CTranslate2 can put a padded batch entry's first-step attention on
    padding positions it then cuts off; rescaling restores a distribution over the tokens.
    """
    total = float(sum(row))
    if total <= 0.0:
        return [0.0] * len(row)
    return [float(weight) / total for weight in row]


def _load_sentencepiece(path: Path) -> spm.SentencePieceProcessor:
    """A SentencePiece model, or a UserError naming the file that is not one."""
    try:
        return spm.SentencePieceProcessor(model_file=str(path))
    except (OSError, RuntimeError) as exc:
        first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise UserError(f"{path}: not a SentencePiece model ({first_line})") from None


class _SourceTokenizer:
    """The package's tokenizer, with character spans when it is SentencePiece."""

    def __init__(self, package: Package) -> None:
        tokenizer = getattr(package, "tokenizer", None)
        if tokenizer is None:
            raise UserError(
                f"{package.package_path}: the package has neither sentencepiece.model nor "
                "bpe.model; reinstall it"
            )
        self._tokenizer = tokenizer
        self._processor: spm.SentencePieceProcessor | None = None
        if isinstance(tokenizer, SentencePieceTokenizer):
            self._processor = _load_sentencepiece(Path(tokenizer.model_file))
            tokenizer.processor = self._processor  # Argos's encode() uses the same one

    def count(self, text: str) -> int:
        """How many tokens the model would see for text."""
        return len(self._tokenizer.encode(text))

    def encode(self, text: str, *, with_spans: bool) -> tuple[list[str], list[Span] | None]:
        """Tokens as Argos makes them, and each token's characters in text when asked."""
        if self._processor is None or not with_spans:
            return list(self._tokenizer.encode(text)), None
        mapped = self._processor.encode(text, return_type="offset_mapping")
        return list(mapped["pieces"]), [tuple(span) for span in mapped["offsets"]]


class _Detokenizer:
    """Target tokens back to text: SentencePiece decode (like Argos), with token spans."""

    def __init__(self, package: Package, target_model: Path | None) -> None:
        self._package = package
        self._processor: spm.SentencePieceProcessor | None = None
        if target_model is not None:
            self._processor = _load_sentencepiece(target_model)
        elif isinstance(package.tokenizer, SentencePieceTokenizer):
            self._processor = package.tokenizer.lazy_processor()

    @classmethod
    def for_package(cls, package: Package) -> _Detokenizer:
        target_model = Path(package.package_path) / TARGET_SENTENCEPIECE
        return cls(package, target_model if target_model.exists() else None)

    def decode(self, tokens: list[str], *, with_spans: bool) -> tuple[str, list[Span] | None]:
        """Text (leading space stripped) and, when asked, each token's characters in it."""
        if self._processor is None:  # BPE package: Moses detokenizer, no spans
            return _strip_leading_space(self._package.tokenizer.decode(tokens)), None
        text, spans = _decode_pieces(self._processor, tokens)
        if text.startswith(" "):
            text = text[1:]
            spans = [(max(0, s - 1), max(0, e - 1)) for s, e in spans]
        return text, spans if with_spans else None


def _decode_pieces(
    processor: spm.SentencePieceProcessor, tokens: list[str]
) -> tuple[str, list[Span]]:
    """Decode pieces; a token the model's vocabulary has but SentencePiece lacks (a source
    piece copied by replace_unknowns, or vocabulary padding) is kept as literal text."""
    unk = processor.unk_id()
    text = ""
    spans: list[Span] = []
    run: list[int] = []

    def flush() -> None:
        nonlocal text
        if not run:
            return
        decoded = processor.decode(run, return_type="offset_mapping")
        base = len(text)
        if text and processor.id_to_piece(run[0]).startswith("▁"):
            text += " "
            base += 1
        text += decoded["text"]
        spans.extend((base + s, base + e) for s, e in decoded["offsets"])
        run.clear()

    for token in tokens:
        piece_id = processor.piece_to_id(token)
        if piece_id != unk or token == processor.id_to_piece(unk):
            run.append(piece_id)
            continue
        flush()
        literal = token.replace("▁", " ")
        spans.append((len(text), len(text) + len(literal)))
        text += literal
    flush()
    return text, spans


def _strip_leading_space(text: str) -> str:
    return text[1:] if text.startswith(" ") else text


def _split_long(text: str, count: Callable[[str], int], limit: int) -> list[tuple[int, int]]:
    """[start, end) parts of text, each at most `limit` tokens.

    Cuts at the space nearest the middle that follows clause punctuation (or precedes a
    dash or an opening bracket), else at the space nearest the middle, else mid-word. Only
    the whitespace at a cut is left out of the parts.
    """
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    if start >= end:
        return []
    if end - start < 2 or count(text[start:end]) <= limit:
        return [(start, end)]
    middle = (start + end) // 2
    spaces = [m.span() for m in _SPACE_BREAK.finditer(text, start, end)]
    clause = [(s, e) for s, e in spaces if text[s - 1] in _CLAUSE_END or text[e] in _CLAUSE_START]
    candidates = clause or spaces
    if candidates:
        left_end, right_start = min(candidates, key=lambda cut: abs(cut[0] - middle))
    else:
        left_end = right_start = middle
    right = [
        (s + right_start, e + right_start)
        for s, e in _split_long(text[right_start:end], count, limit)
    ]
    return [*_split_long(text[:left_end], count, limit), *right]


def _join(parts: Sequence[tuple[_Piece, Translation]]) -> Translation:
    """Rejoin the translated parts of one sentence, offsetting their alignments."""
    if not parts:
        return Translation("")
    if len(parts) == 1:
        return parts[0][1]
    texts = [translation.text for _, translation in parts]
    joined = " ".join(text for text in texts if text)
    alignments = [translation.alignment for _, translation in parts]
    if any(alignment is None for alignment in alignments):
        return Translation(joined)
    source_spans: list[Span] = []
    target_spans: list[Span] = []
    weights: list[list[float]] = []
    n_source = sum(len(a.source_spans) for a in alignments if a is not None)
    source_offset = 0
    target_offset = 0
    for (piece, translation), alignment in zip(parts, alignments, strict=True):
        assert alignment is not None
        source_spans.extend((piece.start + s, piece.start + e) for s, e in alignment.source_spans)
        target_spans.extend(
            (target_offset + s, target_offset + e) for s, e in alignment.target_spans
        )
        for row in alignment.weights:
            padded = [0.0] * n_source
            padded[source_offset : source_offset + len(row)] = row
            weights.append(padded)
        source_offset += len(alignment.source_spans)
        if translation.text:
            target_offset += len(translation.text) + 1
    return Translation(joined, Alignment(source_spans, target_spans, weights))
