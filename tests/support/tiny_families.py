"""Tiny NLLB-, M2M-100- and MADLAD-400-shaped CTranslate2 conversions for tests, no download.

Each is a directory laid out like `ct2-transformers-converter --copy_files …` writes a real
one: model.bin, config.json, shared_vocabulary.json and the family's SentencePiece model
(sentencepiece.bpe.model for NLLB and M2M-100, spiece.model for MADLAD-400), built in about
a second with CTranslate2's specification API and a SentencePiece model trained here.

- NLLB / M2M-100: a pre-norm Transformer (TransformerSpec.from_config) whose vocabulary is
  the SentencePiece pieces plus the language tokens (`eng_Latn`… or `__en__`…), which, as in
  the real models, SentencePiece itself does not know.
- MADLAD-400: a T5-style Transformer (gated GELU feed-forward, RMS norm, relative attention
  biases, no biases in the linear layers) whose SentencePiece model holds the `<2xx>` tokens
  as pieces, with T5's special ids (pad 0, eos 1, unk 2) and `<pad>` as decoder start.

The weights are seeded random numbers: translations are deterministic gibberish. The
language tokens are never emitted on their own, so only the engine's prefix can bring them.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import sentencepiece as spm
from ctranslate2.specs import common_spec, transformer_spec

from newsloc.translate.models.families import FAMILIES, Family, Shape
from tests.support import corpus
from tests.support.tiny_argos import ModelShape, _random_transformer, train_sentencepiece

_NEVER = -1.0e4
LANGUAGES = ("en", "hy", "az", "ru")


def language_tokens(family: Family) -> list[str]:
    return [family.language_token(code) for code in LANGUAGES]


#: The tests' size: decodes in milliseconds.
TINY_SHAPE = Shape(2, 2, 32, 64, 2, 0)


def build_tiny_conversion(
    directory: Path, family_name: str, seed: int = 0, shape: Shape = TINY_SHAPE
) -> Path:
    """Write a CTranslate2 conversion of the family's kind into `directory`.

    `shape` sets the sizes (the benchmark passes the real ones, scaled); a vocabulary
    larger than SentencePiece's is padded with filler tokens the model never emits.
    """
    family = FAMILIES[family_name]
    directory.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    if family.kind == "madlad":
        _build_t5(directory, family, rng, shape)
    else:
        _build_fairseq_style(directory, family, rng, shape)
    return directory


def _fillers(count: int) -> list[str]:
    return [f"<filler_{i}>" for i in range(max(0, count))]


def _build_fairseq_style(
    directory: Path, family: Family, rng: np.random.Generator, shape: Shape
) -> None:
    sp_model = train_sentencepiece(corpus.training_lines(), 600, [])
    (directory / family.tokenizer_file).write_bytes(sp_model)
    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    languages = language_tokens(family)
    vocabulary = [
        *pieces,
        *_fillers(shape.vocabulary - len(pieces) - len(languages)),
        *languages,
    ]
    model_shape = ModelShape(
        layers=shape.encoder_layers,
        heads=shape.heads,
        d_model=shape.d_model,
        ffn=shape.ffn,
        eos_after=0 if shape.vocabulary else 12,
    )
    spec = _random_transformer(rng, model_shape, vocabulary)
    bias = spec.decoder.projection.bias.numpy()  # validate() wrapped the array
    bias[len(pieces) :] = _NEVER  # a language token only ever comes from the prefix
    spec.optimize(quantization="int8")
    spec.save(str(directory))


def _train_t5_sentencepiece(symbols: list[str]) -> bytes:
    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(list(corpus.training_lines())),
        model_writer=buffer,
        vocab_size=600,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        user_defined_symbols=symbols,
        pad_id=0,
        eos_id=1,
        unk_id=2,
        bos_id=-1,
        num_threads=1,
        minloglevel=2,
    )
    return buffer.getvalue()


def _build_t5(directory: Path, family: Family, rng: np.random.Generator, shape: Shape) -> None:
    symbols = language_tokens(family)
    sp_model = _train_t5_sentencepiece(symbols)
    (directory / family.tokenizer_file).write_bytes(sp_model)
    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    vocabulary = [*pieces, *_fillers(shape.vocabulary - len(pieces))]
    heads, d, ffn = shape.heads, shape.d_model, shape.ffn
    spec = transformer_spec.TransformerSpec.from_config(
        (shape.encoder_layers, shape.decoder_layers),
        heads,
        pre_norm=True,
        activation=common_spec.Activation.GELUTanh,
        ffn_glu=True,
        relative_attention_bias=True,
        rms_norm=True,
    )
    vocab = len(vocabulary)

    def normal(*dims: int) -> np.ndarray:
        return (rng.standard_normal(dims) / np.sqrt(dims[-1])).astype(np.float32)

    def norm(layer: common_spec.LayerNormSpec) -> None:
        layer.gamma = np.ones(d, dtype=np.float32)

    def attention(layer: object, self_attention: bool, first: object | None) -> None:
        norm(layer.layer_norm)  # type: ignore[attr-defined]
        linears = layer.linear  # type: ignore[attr-defined]
        layer.queries_scale = 1.0  # type: ignore[attr-defined]
        if self_attention:
            linears[0].weight = normal(3 * d, d)
            linears[1].weight = normal(d, d)
            if first is None:
                layer.relative_attention_bias = normal(32, heads)  # type: ignore[attr-defined]
                layer.relative_attention_max_distance = np.dtype("int32").type(128)  # type: ignore[attr-defined]
            else:
                layer.relative_attention_bias = first.relative_attention_bias  # type: ignore[attr-defined]
                layer.relative_attention_max_distance = first.relative_attention_max_distance  # type: ignore[attr-defined]
        else:
            linears[0].weight = normal(d, d)
            linears[1].weight = normal(2 * d, d)
            linears[2].weight = normal(d, d)

    def feed_forward(layer: transformer_spec.FeedForwardSpec) -> None:
        norm(layer.layer_norm)
        layer.linear_0.weight = normal(ffn, d)
        layer.linear_0_noact.weight = normal(ffn, d)
        layer.linear_1.weight = normal(d, ffn)

    for stack, is_decoder in ((spec.encoder, False), (spec.decoder, True)):
        embeddings = stack.embeddings[0] if isinstance(stack.embeddings, list) else stack.embeddings
        embeddings.weight = normal(vocab, d)
        stack.scale_embeddings = False
        norm(stack.layer_norm)
        first = None
        for layer in stack.layer:
            attention(layer.self_attention, True, first)
            first = first or layer.self_attention
            if is_decoder:
                attention(layer.attention, False, None)
            feed_forward(layer.ffn)
    spec.decoder.projection.weight = normal(vocab, d)
    bias = np.zeros(vocab, dtype=np.float32)
    bias[0] = bias[2] = _NEVER  # <pad>, <unk>
    bias[[processor.piece_to_id(s) for s in symbols]] = _NEVER
    bias[len(pieces) :] = _NEVER  # fillers
    spec.decoder.projection.bias = bias
    spec.config.bos_token = "<pad>"
    spec.config.eos_token = "</s>"
    spec.config.unk_token = "<unk>"
    spec.config.decoder_start_token = "<pad>"
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize(quantization="int8")
    spec.save(str(directory))
