"""How much faster is newsloc's Argos engine than Argos's own path, and how close to the floor?

Translates one article three ways with the same package, beam and decoding length:

  (a) argos  Argos's `apply_packaged_translation`, paragraph by paragraph, as
             `argostranslate.translate` runs it (with a trivial ". " sentencizer: no downloads)
  (b) engine newsloc's ArgosEngine: every sentence of the document in one batched call
  (c) floor  a bare `translate_batch` on pre-tokenized sentences
  (d) e2e    the whole `newsloc translate` (`translate_article`): segmentation, the curated
             glossary loaded and applied with attention, catalogues merged and written;
             compared with (e), the floor on exactly the sentences the pipeline sent to
             the engine in (d) (recorded: the distinct paragraphs' sentences, once each)

(a) and (b) take turns, as do (d) and (e), so a busy machine slows both of a pair alike;
the best of --repeat runs of each is kept.

The model has a real Argos package's size (Transformer base: 6+6 layers, d_model 512, 8
heads, FFN 2048, 32k vocabulary, int8) with seeded random weights, built once and cached
under build/bench/. A random model never stops on its own, so every path is made to decode
exactly N tokens per sentence (min_decoding_length = max_decoding_length = N); the work is
then identical and the times compare the paths, not the luck of the weights.

    .venv/bin/python bench/translate_bench.py            # 200 paragraphs (minutes on 2 cores)
    .venv/bin/python bench/translate_bench.py --quick    # 20 paragraphs, a short run
    .venv/bin/python bench/translate_bench.py --quick --tiny   # the tests' tiny model: seconds
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BUILD = REPO / "build" / "bench"

# Path (a) needs argostranslate.translate, which imports MiniSBD and so onnxruntime, whose
# native library sends telemetry unless told not to, before it is imported.
os.environ["ORT_DISABLE_TELEMETRY"] = "1"
# Argos reads these when first imported: keep it away from the user's home and packages.
# A smoke run (--tiny) keeps its tiny model apart from the cached Transformer-base one.
PACKAGES = BUILD / ("packages-tiny" if "--tiny" in sys.argv else "packages")
os.environ["ARGOS_PACKAGES_DIR"] = str(PACKAGES)
for _var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
    os.environ[_var] = str(BUILD / "argos-home" / _var.lower())
sys.path.insert(0, str(REPO))

import ctranslate2  # noqa: E402
from argostranslate import settings  # noqa: E402
from argostranslate.translate import apply_packaged_translation  # noqa: E402

from bench.articles import make_article  # noqa: E402
from newsloc.glossary.loader import glossary_or_default  # noqa: E402
from newsloc.translate.engines import argos as argos_engine  # noqa: E402
from newsloc.translate.engines.argos import ArgosEngine  # noqa: E402
from newsloc.translate.engines.argos_packages import find_package  # noqa: E402
from newsloc.translate.pipeline import RunSettings, translate_article  # noqa: E402
from newsloc.translate.segment import split_sentences  # noqa: E402
from tests.support import corpus  # noqa: E402
from tests.support.tiny_argos import (  # noqa: E402
    TINY,
    TRANSFORMER_BASE,
    ModelShape,
    build_tiny_package,
    install_package,
)

TARGET = "ru"


class DotSpaceSentencizer:
    """Argos's sentencizer interface without a model download: split on ". "."""

    def split_sentences(self, text: str) -> list[str]:
        parts = text.split(". ")
        return [part + "." for part in parts[:-1]] + parts[-1:]


class FixedLengthTranslator:
    """A Translator whose every translate_batch call decodes exactly `length` tokens."""

    def __init__(self, translator: ctranslate2.Translator, length: int) -> None:
        self._translator = translator
        self._length = length

    def translate_batch(self, source: list[list[str]], *args: Any, **kwargs: Any) -> Any:
        kwargs["min_decoding_length"] = kwargs["max_decoding_length"] = self._length
        return self._translator.translate_batch(source, *args, **kwargs)


def bench_package(article: list[str], shape: ModelShape = TRANSFORMER_BASE) -> Path:
    """The Transformer-base-sized package (or the tests' tiny one), built on first use and
    cached in build/bench."""
    installed = PACKAGES / f"translate-en_{TARGET}-1_0"
    if not (installed / "model" / "model.bin").exists():
        print("building the benchmark model (once; cached in build/bench)…", flush=True)
        lines = [*corpus.training_lines(), *article, *make_article(400, seed=1)]
        archive = build_tiny_package(
            BUILD / "archives",
            "en",
            TARGET,
            seed=0,
            shape=shape,
            sp_vocab_size=8000 if shape is TRANSFORMER_BASE else 600,
            lines=lines,
        )
        install_package(archive, PACKAGES)
    return installed


def timed(label: str, run: Callable[[], object], repeat: int) -> float:
    """The best of `repeat` wall-clock times of run(), in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    print(f"  {label:<8}{best:8.2f} s", flush=True)
    return best


def main() -> None:
    """Parse the options, run the three paths and print times and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="20 paragraphs, short outputs")
    parser.add_argument("--tiny", action="store_true", help="the tests' tiny model (smoke run)")
    parser.add_argument("--paragraphs", type=int, default=None)
    parser.add_argument("--length", type=int, default=None, help="tokens decoded per sentence")
    parser.add_argument("--beam-size", type=int, default=argos_engine.DEFAULT_BEAM_SIZE)
    parser.add_argument(
        "--max-batch-tokens", type=int, default=argos_engine.DEFAULT_MAX_BATCH_TOKENS
    )
    parser.add_argument("--threads", type=int, default=0, help="0: all cores")
    parser.add_argument("--repeat", type=int, default=1, help="best of this many runs")
    parser.add_argument(
        "--only",
        choices=["argos", "engine", "floor", "e2e"],
        action="append",
        help="run only these",
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the engine's run")
    parser.add_argument(
        "--progress",
        action="store_true",
        help="give the engine a progress callback (asynchronous translate_batch)",
    )
    args = parser.parse_args()
    paragraphs = args.paragraphs or (20 if args.quick else 200)
    length = args.length or (16 if args.quick else 40)
    only = set(args.only or ["argos", "engine", "floor", "e2e"])

    article = make_article(paragraphs)
    bench_package(article, TINY if args.tiny else TRANSFORMER_BASE)
    package = find_package("en", TARGET)
    assert package is not None
    sentencizer = DotSpaceSentencizer()
    sentences = [s for paragraph in article for s in sentencizer.split_sentences(paragraph)]
    tokenized = [package.tokenizer.encode(sentence) for sentence in sentences]
    n_tokens = sum(map(len, tokenized))
    print(
        f"{paragraphs} paragraphs, {len(sentences)} sentences, {n_tokens} source tokens; "
        f"{length} tokens decoded per sentence; beam {args.beam_size}; "
        f"threads {args.threads or os.cpu_count()}; CTranslate2 {ctranslate2.__version__}"
    )

    settings.beam_size = args.beam_size  # apply_packaged_translation: max(1, settings.beam_size)
    model_dir = str(Path(package.package_path) / "model")
    argos_translator = FixedLengthTranslator(
        ctranslate2.Translator(
            model_dir, device="cpu", inter_threads=1, intra_threads=args.threads
        ),
        length,
    )
    engine = ArgosEngine(
        "en",
        TARGET,
        beam_size=args.beam_size,
        threads=args.threads,
        max_batch_tokens=args.max_batch_tokens,
        fixed_decoding_length=length,
        progress=(lambda done: None) if args.progress else None,
    )
    floor_translator = argos_engine.shared_translator(
        Path(model_dir), engine.compute_type, engine.threads
    )

    def run_argos() -> None:
        for paragraph in article:
            apply_packaged_translation(
                package, paragraph, argos_translator, sentencizer, num_hypotheses=1
            )

    def run_engine() -> None:
        engine.translate(sentences)

    def run_floor() -> None:
        floor_on(tokenized)

    article_path = BUILD / "e2e-article.txt"
    article_path.write_text("\n\n".join(article) + "\n", encoding="utf-8")
    # What the pipeline sends the engine, recorded in (d): the distinct paragraphs'
    # sentences (a repeated paragraph is one catalogue entry, translated once).
    sent: list[str] = []
    pipeline_tokenized: list[list[str]] = []

    def e2e_engine(target: str) -> ArgosEngine:
        e2e = ArgosEngine(
            "en",
            target,
            beam_size=args.beam_size,
            threads=args.threads,
            max_batch_tokens=args.max_batch_tokens,
            fixed_decoding_length=length,
            with_attention=True,  # as `newsloc translate` runs it: the glossary uses it
        )
        translate = e2e.translate

        def recording(batch: list[str]) -> Any:
            sent[:] = batch
            return translate(batch)

        e2e.translate = recording  # type: ignore[method-assign]
        return e2e

    def run_e2e() -> None:
        out = BUILD / "e2e-locales"
        shutil.rmtree(out, ignore_errors=True)  # every run machine-translates everything
        report = translate_article(
            article_path,
            RunSettings(
                [TARGET],
                out=out,
                engine_factory=e2e_engine,
                glossary=glossary_or_default(None),
                article_date=date(2026, 3, 3),
            ),
        )
        assert report.languages[0].machine_translated == report.languages[0].entries

    def run_floor_e2e() -> None:
        floor_on(pipeline_tokenized)

    def floor_on(batch: list[list[str]]) -> None:
        floor_translator.translate_batch(
            batch,
            max_batch_size=args.max_batch_tokens,
            batch_type="tokens",
            beam_size=args.beam_size,
            num_hypotheses=1,
            length_penalty=argos_engine.LENGTH_PENALTY,
            max_input_length=0,
            replace_unknowns=True,
            min_decoding_length=length,
            max_decoding_length=length,
        )

    # Warm up: load both models and touch every kernel once before timing.
    argos_translator.translate_batch(tokenized[:2], beam_size=args.beam_size)
    engine.translate(sentences[:2])

    times: dict[str, float] = {}
    print(f"times (best of {args.repeat}):")
    if args.profile and "engine" in only:
        profiler = cProfile.Profile()
        times["engine"] = timed("(b) engine", lambda: profiler.runcall(run_engine), 1)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(15)
        only.discard("engine")
    # (a) and (b) alternate, so that a busy machine slows both alike; the best is kept.
    paths = [
        (key, label, run)
        for key, label, run in (
            ("argos", "(a) argos", run_argos),
            ("engine", "(b) engine", run_engine),
        )
        if key in only
    ]
    for key, _, _ in paths:
        times[key] = float("inf")
    for _ in range(args.repeat):
        for key, label, run in paths:
            times[key] = min(times[key], timed(label, run, 1))
    if "floor" in only:
        times["floor"] = timed("(c) floor", run_floor, args.repeat)
    if "e2e" in only:
        run_e2e()  # once untimed: it warms up, and records the sentences the engine gets
        # The floor gets exactly the token lists the engine sends: over-long sentences cut
        # into pieces of at most max_sentence_tokens, as the engine does before
        # translate_batch.
        pipeline_tokenized[:] = [
            piece.tokens
            for index, sentence in enumerate(sent)
            for piece in engine._pieces(index, sentence)
        ]
        print(
            f"  (d)/(e) on what the pipeline sent: {len(sent)} sentences of "
            f"{len(set(article))} distinct paragraphs (the article's "
            f"{sum(len(split_sentences(p)) for p in article)} sentences, repeats included), "
            f"{len(pipeline_tokenized)} model inputs after cutting over-long ones"
        )
        # Alternated, so that a busy machine slows both alike; the best of each is kept. The
        # CPU time of this process (all its threads) is printed too: on a shared machine it
        # moves far less with other people's load than the wall clock does.
        times["e2e"] = times["floor-e2e"] = float("inf")
        cpu = {"e2e": float("inf"), "floor-e2e": float("inf")}
        for _ in range(args.repeat):
            for key, label, run in (
                ("e2e", "(d) e2e", run_e2e),
                ("floor-e2e", "(e) floor", run_floor_e2e),
            ):
                start = time.process_time()
                times[key] = min(times[key], timed(label, run, 1))
                cpu[key] = min(cpu[key], time.process_time() - start)
                print(f"  {'':<8}{cpu[key]:8.2f} s CPU (best so far)", flush=True)

    if "engine" in times:
        print(f"  engine: {len(sentences) / times['engine']:.1f} sentences/s")
    if {"argos", "engine"} <= times.keys():
        ratio = times["argos"] / times["engine"]
        print(f"a/b = {ratio:.2f}x  (goal >= 2x: {'met' if ratio >= 2 else 'MISSED'})")
    if {"engine", "floor"} <= times.keys():
        ratio = times["engine"] / times["floor"]
        print(f"b/c = {ratio:.2f}x  (goal <= 1.15x: {'met' if ratio <= 1.15 else 'MISSED'})")
    if {"e2e", "floor-e2e"} <= times.keys():
        ratio = times["e2e"] / times["floor-e2e"]
        print(f"d/e = {ratio:.2f}x  (goal <= 1.10x: {'met' if ratio <= 1.10 else 'MISSED'})")
        ratio = cpu["e2e"] / cpu["floor-e2e"]
        verdict = "met" if ratio <= 1.10 else "MISSED"
        print(f"d/e = {ratio:.2f}x in CPU time (goal <= 1.10x: {verdict})")


if __name__ == "__main__":
    main()
