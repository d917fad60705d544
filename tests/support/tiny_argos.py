"""Build a genuine, tiny Argos Translate package for tests, in about a second.

The package is real in every part a user's package is: a SentencePiece model trained on
multilingual text, a CTranslate2 Transformer (encoder-decoder, 2+2 layers) with seeded
random weights, metadata.json and README.md, zipped as `translate-en_ru-1_0.argosmodel`
with one top-level directory. Its translations are gibberish, but deterministic, in the
target script's vocabulary, and produced by exactly the code path a real model takes.

The same builder makes the benchmark's model at a real package's size (`d_model=512`,
6+6 layers, ~32k vocabulary) by padding the CTranslate2 vocabulary with filler tokens that
SentencePiece never produces; their output logits are pushed far down so decoding never
emits them.
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sentencepiece as spm
from ctranslate2.specs import common_spec, transformer_spec

from tests.support import corpus

LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "hy": "Armenian", "az": "Azerbaijani"}

#: Logit bias that keeps a token out of every hypothesis without producing NaNs.
_NEVER = -1.0e4
#: The length counter's </s> logit: bias minus slope x (eos_after + 1) x about 1/(t+1);
#: other logits stay within about ±3.5, so </s> wins near step eos_after.
_EOS_BIAS = 6.0
_EOS_SLOPE = 1.0


@dataclass(frozen=True)
class ModelShape:
    """Sizes of the Transformer; the defaults make a test model that decodes in milliseconds."""

    layers: int = 2
    heads: int = 2
    d_model: int = 32
    ffn: int = 64
    #: Pad the CTranslate2 vocabularies to this many tokens (0: just the SentencePiece pieces).
    vocab_size: int = 0
    #: Roughly how many tokens an output has before </s> wins (0: leave it to chance, and
    #: to max_decoding_length). Random weights alone end outputs after 1 or 250 tokens.
    eos_after: int = 12


TINY = ModelShape()
#: The size of a real Argos package (OpenNMT Transformer base): what the benchmark uses.
TRANSFORMER_BASE = ModelShape(
    layers=6, heads=8, d_model=512, ffn=2048, vocab_size=32000, eos_after=0
)


def build_tiny_package(
    out_dir: Path,
    source: str = "en",
    target: str = "ru",
    seed: int = 0,
    *,
    target_prefix: str = "",
    package_version: str = "1.0",
    shape: ModelShape = TINY,
    sp_vocab_size: int = 600,
    quantization: str = "int8",
    lines: Iterable[str] | None = None,
) -> Path:
    """Write `translate-<source>_<target>-<version>.argosmodel` into out_dir; return its path.

    `target_prefix` (e.g. "__ru__") is added to the vocabulary as one piece and recorded in
    metadata.json, the way multilingual Argos packages ask the decoder for a language.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    version_tag = package_version.replace(".", "_")
    name = f"translate-{source}_{target}-{version_tag}"
    rng = np.random.default_rng(seed)
    with tempfile.TemporaryDirectory(prefix="tiny-argos-") as tmp:
        root = Path(tmp) / name
        root.mkdir()
        sp_model = train_sentencepiece(
            lines if lines is not None else corpus.training_lines(),
            sp_vocab_size,
            [target_prefix] if target_prefix else [],
        )
        (root / "sentencepiece.model").write_bytes(sp_model)
        vocabulary = _vocabulary(sp_model, shape.vocab_size)
        spec = _random_transformer(rng, shape, vocabulary)
        spec.optimize(quantization=quantization)
        (root / "model").mkdir()
        spec.save(str(root / "model"))
        (root / "metadata.json").write_text(
            json.dumps(_metadata(source, target, package_version, target_prefix), indent=2),
            encoding="utf-8",
        )
        (root / "README.md").write_text(
            f"# Tiny test package {source}→{target}\n\nRandom weights (seed {seed}); built by "
            "newsloc's tests. Its output is deterministic gibberish.\n",
            encoding="utf-8",
        )
        archive = out_dir / f"{name}.argosmodel"
        _zip_directory(root, archive)
    return archive


def install_package(archive: Path, packages_dir: Path) -> Path:
    """Unzip an .argosmodel into packages_dir the way Argos does; return the package dir."""
    packages_dir.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive) as zf:
        top = {name.split("/", 1)[0] for name in zf.namelist()}
        (top_name,) = top
        target = packages_dir / top_name
        if target.exists():
            shutil.rmtree(target)
        zf.extractall(packages_dir)
    return target


def _metadata(source: str, target: str, version: str, target_prefix: str) -> dict[str, object]:
    return {
        "package_version": version,
        "argos_version": "1.12",
        "from_code": source,
        "from_name": LANGUAGE_NAMES.get(source, source),
        "to_code": target,
        "to_name": LANGUAGE_NAMES.get(target, target),
        "type": "translate",
        "target_prefix": target_prefix,
        "links": [],
    }


def train_sentencepiece(lines: Iterable[str], vocab_size: int, symbols: list[str]) -> bytes:
    """A unigram SentencePiece model (bytes); deterministic for the same lines."""
    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(list(lines)),
        model_writer=buffer,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        user_defined_symbols=symbols,
        num_threads=1,
        minloglevel=2,
    )
    return buffer.getvalue()


#: The old private name, still imported by tests/support/tiny_marian.py.
_train_sentencepiece = train_sentencepiece


def _vocabulary(sp_model: bytes, pad_to: int) -> list[str]:
    """SentencePiece's pieces in id order, padded with filler tokens up to pad_to."""
    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    fillers = [f"<filler_{i}>" for i in range(max(0, pad_to - len(pieces)))]
    return pieces + fillers


def _random_transformer(
    rng: np.random.Generator, shape: ModelShape, vocabulary: list[str]
) -> transformer_spec.TransformerSpec:
    """A pre-norm Transformer whose every weight is drawn from rng; vocab shared by both sides."""
    spec = transformer_spec.TransformerSpec.from_config(
        num_layers=shape.layers, num_heads=shape.heads
    )
    d, ffn, vocab = shape.d_model, shape.ffn, len(vocabulary)

    def normal(*dims: int) -> np.ndarray:
        return (rng.standard_normal(dims) / np.sqrt(dims[-1])).astype(np.float32)

    def norm(layer: common_spec.LayerNormSpec) -> None:
        layer.gamma = np.ones(d, dtype=np.float32)
        layer.beta = np.zeros(d, dtype=np.float32)

    def linear(layer: common_spec.LinearSpec, out: int, inp: int) -> None:
        layer.weight = normal(out, inp)
        layer.bias = np.zeros(out, dtype=np.float32)

    def attention(layer: object, self_attention: bool) -> None:
        norm(layer.layer_norm)  # type: ignore[attr-defined]
        linears = layer.linear  # type: ignore[attr-defined]
        if self_attention:
            linear(linears[0], 3 * d, d)
            linear(linears[1], d, d)
        else:
            linear(linears[0], d, d)
            linear(linears[1], 2 * d, d)
            linear(linears[2], d, d)

    def feed_forward(layer: transformer_spec.FeedForwardSpec) -> None:
        norm(layer.layer_norm)
        linear(layer.linear_0, ffn, d)
        linear(layer.linear_1, d, ffn)

    spec.encoder.embeddings[0].weight = normal(vocab, d)
    norm(spec.encoder.layer_norm)
    for layer in spec.encoder.layer:
        attention(layer.self_attention, self_attention=True)
        feed_forward(layer.ffn)

    spec.decoder.embeddings.weight = normal(vocab, d)
    norm(spec.decoder.layer_norm)
    for layer in spec.decoder.layer:
        attention(layer.self_attention, self_attention=True)
        attention(layer.attention, self_attention=False)
        feed_forward(layer.ffn)
    spec.decoder.projection.weight = normal(vocab, d)
    bias = np.zeros(vocab, dtype=np.float32)
    # Never emit <unk>, <s> or a filler: real models rarely do, and a filler could not be
    # decoded by SentencePiece.
    bias[0] = bias[1] = _NEVER
    n_pieces = next((i for i, tok in enumerate(vocabulary) if tok.startswith("<filler_")), vocab)
    bias[n_pieces:] = _NEVER
    spec.decoder.projection.bias = bias
    if shape.eos_after:
        _add_length_counter(spec, shape)

    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    return spec


def _add_length_counter(spec: transformer_spec.TransformerSpec, shape: ModelShape) -> None:
    """Make </s> likelier at every decoding step, so outputs end after about eos_after tokens.

    Static weights can count: in the first decoder layer, self-attention with zero queries
    and keys attends uniformly to the t+1 tokens decoded so far, and its values carry only
    the start token's marker, so it writes about 1/(t+1) into dimension `count`. Layer norms
    subtract the mean of all dimensions, so each signal is read as a difference with a twin
    dimension that nothing writes: the mean cancels. No other layer writes these dimensions,
    and the </s> logit is `bias - weight * count`: very negative at first, then rising.
    """
    d = shape.d_model
    count, count_twin, marker, marker_twin = d - 1, d - 2, d - 3, d - 4
    reserved = [count, count_twin, marker, marker_twin]
    decoder = spec.decoder
    decoder.position_encodings.encodings = _sinusoids(1024, d, skip=reserved)
    embeddings = decoder.embeddings.weight
    embeddings[:, reserved] = 0.0
    embeddings[1, marker] = 3.0  # <s>, the decoder's start token
    first = decoder.layer[0].self_attention
    qkv = np.zeros((3 * d, d), dtype=np.float32)
    qkv[2 * d + count, marker] = 1.0  # value: the start marker, into the count dimension
    qkv[2 * d + count, marker_twin] = -1.0
    first.linear[0].weight = qkv
    first.linear[0].bias = np.zeros(3 * d, dtype=np.float32)
    out = np.zeros((d, d), dtype=np.float32)
    out[count, count] = 1.0
    first.linear[1].weight = out
    writers = []
    for index, layer in enumerate(decoder.layer):
        if index:
            writers.append(layer.self_attention.linear[1])
        writers.extend([layer.attention.linear[2], layer.ffn.linear_1])
    for linear in writers:
        linear.weight[reserved, :] = 0.0
        linear.bias[reserved] = 0.0
    projection = decoder.projection
    projection.weight[:, reserved] = 0.0
    projection.weight[2, :] = 0.0
    weight = _EOS_SLOPE * (shape.eos_after + 1)
    projection.weight[2, count] = -weight
    projection.weight[2, count_twin] = weight
    projection.bias[2] = _EOS_BIAS


def _sinusoids(length: int, d: int, skip: list[int]) -> np.ndarray:
    """Sinusoidal position encodings, zero in the dimensions the counter uses."""
    positions = np.arange(length, dtype=np.float32)[:, None]
    rates = np.exp(-np.log(10000.0) * np.arange(0, d, 2, dtype=np.float32) / d)
    table = np.zeros((length, d), dtype=np.float32)
    table[:, 0::2] = np.sin(positions * rates)
    table[:, 1::2] = np.cos(positions * rates)
    table[:, skip] = 0.0
    return table


def _zip_directory(root: Path, archive: Path) -> None:
    """Zip root as the archive's single top-level directory, written atomically."""
    partial = archive.with_name(archive.name + ".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(root.rglob("*")):
            zf.write(path, Path(root.name) / path.relative_to(root))
    partial.replace(archive)
