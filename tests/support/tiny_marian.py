"""A genuine, tiny OPUS-MT (Marian) model directory for tests of `newsloc models build`.

The real Helsinki-NLP releases are hundreds of megabytes; this writes the same files with the
same names and formats (model.npz with Marian parameter names and an embedded
`special:model.yml`, decoder.yml, a joint vocabulary .yml, source.spm and target.spm trained
with SentencePiece) in about half a megabyte, so CTranslate2's OpusMTConverter accepts it exactly
as it would accept a real one. The weights are seeded random numbers: the model translates
into nonsense, deterministically.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import sentencepiece as spm
import yaml

from tests.support import corpus
from tests.support.tiny_argos import _train_sentencepiece

DIM = 16
FFN_DIM = 32
HEADS = 2
DEPTH = 1
SPM_VOCAB = 200

MODEL_FILE = "opus.spm-spm.transformer-align.model1.npz.best-perplexity.npz"
VOCAB_FILE = "opus.spm-spm.vocab.yml"

_MARIAN_CONFIG = {
    "type": "transformer",
    "dim-emb": DIM,
    "enc-depth": DEPTH,
    "dec-depth": DEPTH,
    "transformer-heads": HEADS,
    "transformer-dim-ffn": FFN_DIM,
    "transformer-ffn-activation": "swish",
    "transformer-preprocess": "",
    "transformer-postprocess": "dan",
    "transformer-postprocess-emb": "d",
    "transformer-postprocess-top": "",
    "transformer-decoder-autoreg": "self-attention",
    "transformer-no-projection": False,
    "transformer-guided-alignment-layer": "last",
    "tied-embeddings-all": True,
}


def build_tiny_marian(directory: Path, seed: int = 0) -> Path:
    """Write a tiny OPUS-MT model directory into `directory` and return it."""
    directory.mkdir(parents=True, exist_ok=True)
    source_pieces = _train_spm(corpus.ENGLISH, directory / "source.spm")
    target_pieces = _train_spm(corpus.ARMENIAN, directory / "target.spm")
    vocab = ["</s>", "<unk>", *dict.fromkeys(source_pieces + target_pieces)]
    (directory / VOCAB_FILE).write_text(_marian_vocab_yaml(vocab), encoding="utf-8")
    _write_npz(directory / MODEL_FILE, len(vocab), np.random.default_rng(seed))
    decoder = {
        "models": [MODEL_FILE],
        "vocabs": [VOCAB_FILE, VOCAB_FILE],
        "beam-size": 4,
        "normalize": 0.6,
        "relative-paths": True,
    }
    (directory / "decoder.yml").write_text(yaml.safe_dump(decoder), encoding="utf-8")
    (directory / "README.md").write_text(
        "# opus-2020-01-01.zip (tiny test model)\n\n* dataset: opus\n* model: transformer-align\n"
        "* source language(s): en\n* target language(s): hy\n",
        encoding="utf-8",
    )
    (directory / "LICENSE").write_text(
        "Creative Commons Attribution 4.0 International\n", encoding="utf-8"
    )
    return directory


def _train_spm(lines: list[str], model_path: Path) -> list[str]:
    """Train a SentencePiece model on `lines`; return its ordinary (non-control) pieces."""
    model = _train_sentencepiece(lines, SPM_VOCAB, [])
    model_path.write_bytes(model)
    processor = spm.SentencePieceProcessor(model_proto=model)
    return [
        processor.id_to_piece(i)
        for i in range(processor.get_piece_size())
        if not (processor.is_control(i) or processor.is_unknown(i))
    ]


def _marian_vocab_yaml(tokens: list[str]) -> str:
    """Marian's vocabulary format: one `"token": index` line per token."""
    lines = (f"{json.dumps(token, ensure_ascii=False)}: {i}\n" for i, token in enumerate(tokens))
    return "".join(lines)


def _write_npz(path: Path, vocab_size: int, rng: np.random.Generator) -> None:
    """Marian-named transformer weights (post-norm, tied embeddings) plus the model config."""

    def matrix(rows: int, cols: int) -> np.ndarray:
        return (rng.standard_normal((rows, cols)) * 0.2).astype(np.float32)

    weights: dict[str, np.ndarray] = {
        "Wemb": matrix(vocab_size, DIM),
        "decoder_ff_logit_out_b": np.zeros((1, vocab_size), dtype=np.float32),
    }
    for side, blocks in (("encoder", ("self",)), ("decoder", ("self", "context"))):
        for layer in range(1, DEPTH + 1):
            prefix = f"{side}_l{layer}"
            for block in blocks:
                scope = f"{prefix}_{block}"
                for name in ("q", "k", "v", "o"):
                    weights[f"{scope}_W{name}"] = matrix(DIM, DIM)
                    weights[f"{scope}_b{name}"] = matrix(1, DIM)
                weights[f"{scope}_Wo_ln_scale"] = np.ones((1, DIM), dtype=np.float32)
                weights[f"{scope}_Wo_ln_bias"] = np.zeros((1, DIM), dtype=np.float32)
            weights[f"{prefix}_ffn_W1"] = matrix(DIM, FFN_DIM)
            weights[f"{prefix}_ffn_b1"] = matrix(1, FFN_DIM)
            weights[f"{prefix}_ffn_W2"] = matrix(FFN_DIM, DIM)
            weights[f"{prefix}_ffn_b2"] = matrix(1, DIM)
            weights[f"{prefix}_ffn_ffn_ln_scale"] = np.ones((1, DIM), dtype=np.float32)
            weights[f"{prefix}_ffn_ffn_ln_bias"] = np.zeros((1, DIM), dtype=np.float32)
    config = dict(_MARIAN_CONFIG, **{"dim-vocabs": [vocab_size, vocab_size]})
    # Marian stores its training options as NUL-terminated YAML bytes under this key.
    config_bytes = (yaml.safe_dump(config) + "\0").encode("utf-8")
    weights["special:model.yml"] = np.frombuffer(config_bytes, dtype=np.int8)
    with path.open("wb") as handle:
        np.savez(handle, **weights)


def build_tiny_marian_zip(archive: Path, seed: int = 0) -> Path:
    """The tiny model zipped the way OPUS-MT releases are: every file at the top level."""
    import tempfile
    import zipfile

    with tempfile.TemporaryDirectory() as scratch:
        directory = build_tiny_marian(Path(scratch) / "model", seed=seed)
        archive.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
            for path in sorted(directory.iterdir()):
                zipped.write(path, path.name)
    return archive
