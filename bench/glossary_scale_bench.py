"""What does a large glossary cost? The target index, the source matcher and a check.

Glossaries of growing size (the curated one, then 5,000 and 20,000 concepts made by
`bench/realistic_glossary.py`: case tables in hy, az and ru, contested pairs, variants)
are timed in this process (CPU seconds, best of --repeat):

- loading and validating the TOML, and reading it back from the glossary cache,
- building the source matcher (`glossary.match.Matcher`),
- building the target index (`glossary.target.TargetIndex`) for each of hy, az, ru, and
  reading the three back from the cache;

and as a user runs it: `newsloc glossary check --glossary FILE` on hy, az and ru
catalogues of 1,000 filled entries (`bench/scale_bench.py`), CPU seconds and peak memory,
the sizes taking turns, the median of --repeat; once with the glossary cache off
(`NEWSLOC_NO_CACHE=1`, every command builds everything) and once with it on and warm (a
private cache folder; the first command of each size fills it, untimed), each as a ratio
to the curated glossary's check in the same mode. The goal (issue 21): a check with 20,000
concepts at most 3x its cost with the curated glossary.

    .venv/bin/python bench/glossary_scale_bench.py                      # 169, 5k, 20k concepts
    .venv/bin/python bench/glossary_scale_bench.py --concepts 169,400 --paragraphs 20 --repeat 1
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.realistic_glossary import realistic_glossary_toml
from bench.scale_bench import NEWSLOC, Workspace, plain_concepts, run
from newsloc.glossary import cache
from newsloc.glossary.loader import load_default_glossary, load_glossary, parse_glossary
from newsloc.glossary.match import Matcher
from newsloc.glossary.model import Glossary
from newsloc.glossary.target import IndexTables, TargetIndex, target_index

LANGUAGES = ("hy", "az", "ru")


def cpu_best(action: Callable[[], object], repeat: int) -> float:
    """The least CPU time of `repeat` runs; `re`'s cache is emptied first, so every build
    compiles its patterns."""
    times = []
    for _ in range(repeat):
        re.purge()
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concepts", default="169,5000,20000", help="glossary sizes")
    parser.add_argument("--paragraphs", type=int, default=1000, help="entries checked")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    shipped = len(load_default_glossary())
    sizes = [max(shipped, int(size)) for size in args.concepts.split(",")]
    root = Path(tempfile.mkdtemp(prefix="newsloc-glossary-scale-"))
    # patch.dict puts the environment back as it was, whatever the bench set or removed.
    with mock.patch.dict(os.environ, {cache.DIR_VARIABLE: str(root / "cache")}):
        os.environ.pop(cache.OFF_VARIABLE, None)
        try:
            _measure(root, sizes, shipped, args.paragraphs, args.repeat)
        finally:
            shutil.rmtree(root, ignore_errors=True)
    return 0


def _measure(root: Path, sizes: list[int], shipped: int, paragraphs: int, repeat: int) -> None:
    """Time the glossary's parts at each size, then `glossary check` with the cache off
    and warm, sizes and modes taking turns, and print both tables."""
    files = {}
    for size in sizes:
        files[size] = root / f"glossary-{size}.toml"
        files[size].write_text(realistic_glossary_toml(size - shipped), encoding="utf-8")
    print(
        f"{'concepts':>9} {'load':>8} {'cached':>8} {'matcher':>8} "
        + " ".join(f"{'index ' + lang:>9}" for lang in LANGUAGES)
        + f" {'cached':>8}   (CPU seconds, best of {repeat})"
    )
    for size in sizes:
        text = files[size].read_text(encoding="utf-8")
        glossary = parse_glossary(text, files[size])
        load_glossary(files[size])  # into the cache
        for lang in LANGUAGES:
            target_index(load_glossary(files[size]), lang)
        cells = [
            cpu_best(lambda text=text: parse_glossary(text, "bench.toml"), repeat),
            cpu_best(lambda path=files[size]: _read_back(path), repeat),
            cpu_best(lambda glossary=glossary: Matcher(glossary), repeat),
        ] + [
            cpu_best(lambda g=glossary, lang=lang: TargetIndex(g, lang), repeat)
            for lang in LANGUAGES
        ]
        loaded = _read_back(files[size])
        cells.append(cpu_best(lambda g=loaded: _indexes_read_back(g), repeat))
        print(f"{size:9,d} " + " ".join(f"{cell:8.2f}" for cell in cells), flush=True)

    space = Workspace(root, paragraphs, plain_concepts(load_default_glossary()))
    catalogues = space.catalogues(space.locales)
    modes = {"cache off": {cache.OFF_VARIABLE: "1"}, "cache warm": {}}
    cpu: dict[tuple[str, int], list[float]] = {}
    memory: dict[tuple[str, int], list[float]] = {}
    for size in sizes:  # fill the cache, untimed
        run(
            [str(NEWSLOC), "glossary", "check", "-g", str(files[size]), *catalogues],
            space.folder,
        )
    for _ in range(repeat):
        for mode, env in modes.items():
            for size in sizes:
                command = [
                    str(NEWSLOC),
                    "glossary",
                    "check",
                    "-g",
                    str(files[size]),
                    *catalogues,
                ]
                with mock.patch.dict(os.environ, env):
                    seconds, megabytes = run(command, space.folder)
                cpu.setdefault((mode, size), []).append(seconds)
                memory.setdefault((mode, size), []).append(megabytes)
    print(
        f"glossary check of {len(LANGUAGES)} catalogues of {paragraphs:,} entries "
        f"(CPU seconds and peak memory, median of {repeat}, sizes and modes taking "
        "turns):"
    )
    for mode in modes:
        base = statistics.median(cpu[mode, sizes[0]])
        for size in sizes:
            seconds = statistics.median(cpu[mode, size])
            print(
                f"  {mode:<10} {size:7,d} concepts {seconds:8.2f} s "
                f"{max(memory[mode, size]):6.0f} MB   "
                f"x{seconds / base:5.2f} the curated glossary's (goal <= 3)"
            )


def _read_back(path: Path) -> Glossary:
    """A glossary loaded before, read back from the disk cache (not from memory)."""
    cache.forget_all()
    return load_glossary(path)


def _indexes_read_back(glossary: Glossary) -> None:
    """The three target indexes of a glossary loaded before, read back from the cache (as
    `target_index` does for a new glossary object)."""
    content = cache.key_of(glossary)
    assert content is not None
    for lang in LANGUAGES:
        tables = cache.load(cache.derived_key(content, "target index", lang), IndexTables)
        assert isinstance(tables, IndexTables)
        TargetIndex(glossary, lang, tables)


if __name__ == "__main__":
    raise SystemExit(main())
