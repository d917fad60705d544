"""How much does translating a desk's articles in one run save over one run per article?

Twenty articles (8 paragraphs each, built from the seed article's sentences) are translated
into Russian twice with the same package, each way as a user runs it from the shell:

  (a) separate  `newsloc translate ARTICLE` twenty times: twenty process starts, twenty
                model loads, the curated glossary read twenty times
  (b) batch     `newsloc translate A1 … A20` once: one process, the model loaded once

Both write the same catalogue entries, every one machine-translated (checked): the same
work. The batch run translates the new articles' sentences ahead, several articles in one
CTranslate2 call, so its batches are full. The model
has a real package's size (Transformer base: 6+6 layers, d_model 512, 32k vocabulary, int8)
with seeded weights whose outputs end after about 30 tokens, like a news sentence; it is
built once and cached under build/bench/.

    .venv/bin/python bench/batch_bench.py             # 20 articles (a few minutes on 2 cores)
    .venv/bin/python bench/batch_bench.py --quick     # 5 articles, the tiny test model
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUILD = REPO / "build" / "bench-batch"
NEWSLOC = Path(sys.executable).with_name("newsloc")

sys.path.insert(0, str(REPO))

import polib  # noqa: E402

from bench.articles import make_article  # noqa: E402
from tests.support import corpus  # noqa: E402
from tests.support.tiny_argos import (  # noqa: E402
    TINY,
    ModelShape,
    build_tiny_package,
    install_package,
)

#: Transformer base, with outputs that end after about 30 tokens (see tests/support).
NEWS_SIZED = ModelShape(layers=6, heads=8, d_model=512, ffn=2048, vocab_size=32000, eos_after=30)


def environment(packages: Path) -> dict[str, str]:
    """Argos kept away from the user's home and packages."""
    env = dict(os.environ)
    env["ARGOS_PACKAGES_DIR"] = str(packages)
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env[var] = str(BUILD / "argos-home" / var.lower())
    return env


def bench_package(quick: bool) -> Path:
    """The package, built on first use and cached (a tiny one for --quick)."""
    packages = BUILD / ("packages-tiny" if quick else "packages")
    if not (packages / "translate-en_ru-1_0" / "model" / "model.bin").exists():
        print("building the benchmark model (once; cached in build/bench-batch)…", flush=True)
        shape = TINY if quick else NEWS_SIZED
        lines = [*corpus.training_lines(), *make_article(400, seed=1)]
        archive = build_tiny_package(
            BUILD / "archives",
            "en",
            "ru",
            seed=0,
            shape=shape,
            sp_vocab_size=600 if quick else 8000,
            lines=lines,
        )
        install_package(archive, packages)
    return packages


def run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run([str(NEWSLOC), *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"newsloc {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5 articles, the tiny model")
    parser.add_argument("--articles", type=int, default=None)
    parser.add_argument("--paragraphs", type=int, default=8)
    args = parser.parse_args()
    count = args.articles or (5 if args.quick else 20)

    env = environment(bench_package(args.quick))
    desk = BUILD / "desk"
    shutil.rmtree(desk, ignore_errors=True)
    desk.mkdir(parents=True)
    articles = []
    for number in range(count):
        path = desk / f"story-{number:02d}.txt"
        path.write_text("\n\n".join(make_article(args.paragraphs, seed=100 + number)) + "\n")
        articles.append(path)
    common = ["--to", "ru", "--date", "2026-03-03"]
    run(["translate", str(articles[0]), *common, "--out", str(BUILD / "warm")], env)  # page cache

    separate_out, batch_out = BUILD / "separate", BUILD / "batch"
    for out in (separate_out, batch_out):
        shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    for article in articles:
        run(["translate", str(article), *common, "--out", str(separate_out)], env)
    separate = time.perf_counter() - start
    start = time.perf_counter()
    run(["translate", *map(str, articles), *common, "--out", str(batch_out)], env)
    batch = time.perf_counter() - start

    differ = entries = 0
    for article in articles:  # the same work either way: every entry machine-translated
        name = f"ru/LC_MESSAGES/{article.stem}.po"
        a = polib.pofile(str(separate_out / name))
        b = polib.pofile(str(batch_out / name))
        assert [e.msgid for e in a] == [e.msgid for e in b], f"{name}: different entries"
        assert all(e.msgstr and "fuzzy" in e.flags for e in [*a, *b]), f"{name}: untranslated"
        entries += len(a)
        differ += sum(x.msgstr != y.msgstr for x, y in zip(a, b, strict=True))
    size = "tiny" if args.quick else "Transformer-base-sized"
    print(f"{count} articles × {args.paragraphs} paragraphs into ru ({size} model)")
    print(f"  (a) separate runs {separate:8.2f} s  ({separate / count:.2f} s an article)")
    print(f"  (b) one batch run {batch:8.2f} s  ({batch / count:.2f} s an article)")
    ratio = separate / batch
    print(f"a/b = {ratio:.2f}x  (goal >= 1.5x: {'met' if ratio >= 1.5 else 'MISSED'})")
    # Batching articles together changes which sentences share a CTranslate2 batch, and so
    # int8 rounding; a random-weight model turns any such difference into another output.
    print(f"  {differ} of {entries} entries came out differently batched (seeded random model)")


if __name__ == "__main__":
    main()
