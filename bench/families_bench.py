"""What each model family costs to run on this CPU, relative to an Argos/OPUS-MT model.

Builds, for every family newsloc installs (translate/models/families.py) and for the
Transformer base of an Argos or OPUS-MT package, a model of the family's shape with seeded
random weights: the real layer counts and heads, with d_model, the feed-forward width and
the vocabulary multiplied by `--scale` (default 1/4). Every matrix product's work then
shrinks by scale², the same for every family, so the ratios between families hold; what
does not shrink (attention over the sentence, per-step overheads) makes small scales
understate the big models' cost a little. `--scale 1` builds the real sizes (NLLB-600M
needs about 3 GB of memory to build, MADLAD-400 3B about 14 GB).

Each model is packaged and installed the way `newsloc models build --family` does it and
driven through newsloc's engine (language tokens included), translating the same sentences
with beam 2 and exactly `--length` tokens decoded per sentence, so the work is equal.

The absolute figure is the relative cost applied to CTranslate2's published CPU benchmark
for an OPUS-MT Transformer base (CTranslate2 3.6.0, int8, 4 threads on an Intel Xeon
Platinum 8275CL: 696.1 target tokens per second; https://github.com/OpenNMT/CTranslate2#benchmarks).

    .venv/bin/python bench/families_bench.py             # scale 1/4, 60 sentences
    .venv/bin/python bench/families_bench.py --quick     # scale 1/8, 12 sentences
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUILD = REPO / "build" / "bench" / "families"
sys.path.insert(0, str(REPO))
for _var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
    os.environ[_var] = str(BUILD / "argos-home" / _var.lower())

import ctranslate2  # noqa: E402

from newsloc.translate.engines.argos import ArgosEngine  # noqa: E402
from newsloc.translate.models.families import FAMILIES, TRANSFORMER_BASE, Shape  # noqa: E402
from newsloc.translate.models.family_build import build_family_package  # noqa: E402
from tests.support import corpus  # noqa: E402
from tests.support.tiny_argos import ModelShape, build_tiny_package, install_package  # noqa: E402
from tests.support.tiny_families import build_tiny_conversion  # noqa: E402

#: CTranslate2's published CPU figure for an OPUS-MT Transformer base, int8, 4 threads.
PUBLISHED_BASE_TOKENS_PER_SECOND = 696.1
BASELINE = "argos / opus-mt"
TARGET = "hy"


def scaled(shape: Shape, scale: float) -> Shape:
    """The shape with d_model, FFN and vocabulary scaled; d_model stays a multiple of heads."""
    d_model = max(shape.heads, round(shape.d_model * scale / shape.heads) * shape.heads)
    return Shape(
        shape.encoder_layers,
        shape.decoder_layers,
        d_model,
        max(8, round(shape.ffn * scale)),
        shape.heads,
        max(1000, round(shape.vocabulary * scale)),
        shape.t5,
    )


def parameters(shape: Shape) -> int:
    """Weights in a model of this shape (embeddings shared, as in these families)."""
    d, ffn = shape.d_model, shape.ffn
    ffn_weights = (3 if shape.t5 else 2) * d * ffn
    encoder = shape.encoder_layers * (4 * d * d + ffn_weights)
    decoder = shape.decoder_layers * (8 * d * d + ffn_weights)
    return shape.vocabulary * d + encoder + decoder


def install_model(name: str, shape: Shape, packages: Path) -> None:
    """Build the model of `name`'s kind and shape, and install it into `packages`."""
    os.environ["ARGOS_PACKAGES_DIR"] = str(packages)
    if name == BASELINE:
        model_shape = ModelShape(
            layers=shape.encoder_layers,
            heads=shape.heads,
            d_model=shape.d_model,
            ffn=shape.ffn,
            vocab_size=shape.vocabulary,
            eos_after=0,
        )
        with tempfile.TemporaryDirectory() as scratch:
            archive = build_tiny_package(Path(scratch), "en", TARGET, shape=model_shape)
            install_package(archive, packages)
        return
    family = FAMILIES[name]
    with tempfile.TemporaryDirectory() as scratch:
        conversion = build_tiny_conversion(Path(scratch) / name, name, shape=shape)
        build_family_package(
            conversion, family, "en", TARGET, install=True, accepted_licence=family.licence
        )


def measure(sentences: list[str], length: int, threads: int, repeat: int) -> float:
    engine = ArgosEngine("en", TARGET, beam_size=2, threads=threads, fixed_decoding_length=length)
    engine.translate(sentences[:2])  # loads the model
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        engine.translate(sentences)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="scale 1/8, 12 sentences")
    parser.add_argument("--scale", type=float, default=None, help="default 0.25")
    parser.add_argument("--sentences", type=int, default=None, help="default 60")
    parser.add_argument("--length", type=int, default=24, help="tokens decoded per sentence")
    parser.add_argument("--threads", type=int, default=0, help="0: all cores")
    parser.add_argument("--repeat", type=int, default=2, help="best of this many runs")
    parser.add_argument("--only", nargs="*", default=None, help="family names to run")
    args = parser.parse_args()
    scale = args.scale or (0.125 if args.quick else 0.25)
    count = args.sentences or (12 if args.quick else 60)
    english = corpus.ENGLISH
    sentences = [english[i % len(english)] for i in range(count)]
    shapes = {BASELINE: TRANSFORMER_BASE} | {n: f.shape for n, f in FAMILIES.items()}
    names = [BASELINE, *(args.only if args.only else FAMILIES)]
    print(
        f"{date.today()}, CTranslate2 {ctranslate2.__version__}, {os.cpu_count()} cores, "
        f"threads {args.threads or 'all'}, scale {scale}, {count} sentences x {args.length} "
        "tokens, beam 2, int8",
        flush=True,
    )
    seconds: dict[str, float] = {}
    for name in names:
        shape = scaled(shapes[name], scale)
        with tempfile.TemporaryDirectory(dir=_build_dir()) as packages:
            install_model(name, shape, Path(packages))
            seconds[name] = measure(sentences, args.length, args.threads, args.repeat)
        print(f"  {name:<16}{seconds[name]:8.2f} s", flush=True)
    base = seconds[BASELINE]
    tokens = count * args.length
    print()
    print("| model | parameters | relative cost | tokens/s here | est. tokens/s (published CPU) |")
    print("|---|---|---|---|---|")
    for name in names:
        relative = seconds[name] / base
        print(
            f"| {name} | {parameters(shapes[name]) / 1e6:,.0f}M | {relative:.1f}x | "
            f"{tokens / seconds[name]:,.0f} | {PUBLISHED_BASE_TOKENS_PER_SECOND / relative:,.0f} |"
        )


def _build_dir() -> Path:
    BUILD.mkdir(parents=True, exist_ok=True)
    return BUILD


if __name__ == "__main__":
    main()
