"""What does a large glossary cost? The target index, the source matcher and a check.

Glossaries of growing size (the curated one, then 5,000 and 20,000 concepts made by
`bench/realistic_glossary.py`: case tables in hy, az and ru, contested pairs, variants)
are timed in this process (CPU seconds, best of --repeat):

- loading and validating the TOML,
- building the source matcher (`glossary.match.Matcher`),
- building the target index (`glossary.target.TargetIndex`) for each of hy, az, ru;

and as a user runs it: `newsloc glossary check --glossary FILE` on hy, az and ru
catalogues of 1,000 filled entries (`bench/scale_bench.py`), CPU seconds and peak memory,
the sizes taking turns, the median of --repeat. The goal (issue 21): a check with 20,000
concepts at most 3x its cost with the curated glossary.

    .venv/bin/python bench/glossary_scale_bench.py                      # 169, 5k, 20k concepts
    .venv/bin/python bench/glossary_scale_bench.py --concepts 169,400 --paragraphs 20 --repeat 1
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.realistic_glossary import realistic_glossary_toml
from bench.scale_bench import NEWSLOC, Workspace, plain_concepts, run
from newsloc.glossary.loader import load_default_glossary, parse_glossary
from newsloc.glossary.match import Matcher
from newsloc.glossary.target import TargetIndex

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
    try:
        files = {}
        for size in sizes:
            files[size] = root / f"glossary-{size}.toml"
            files[size].write_text(realistic_glossary_toml(size - shipped), encoding="utf-8")
        print(
            f"{'concepts':>9} {'load':>8} {'matcher':>8} "
            + " ".join(f"{'index ' + lang:>9}" for lang in LANGUAGES)
            + f"   (CPU seconds, best of {args.repeat})"
        )
        for size in sizes:
            text = files[size].read_text(encoding="utf-8")
            glossary = parse_glossary(text, files[size])
            cells = [
                cpu_best(lambda text=text: parse_glossary(text, "bench.toml"), args.repeat),
                cpu_best(lambda glossary=glossary: Matcher(glossary), args.repeat),
            ] + [
                cpu_best(lambda g=glossary, lang=lang: TargetIndex(g, lang), args.repeat)
                for lang in LANGUAGES
            ]
            print(f"{size:9,d} " + " ".join(f"{cell:8.2f}" for cell in cells), flush=True)

        space = Workspace(root, args.paragraphs, plain_concepts(load_default_glossary()))
        catalogues = space.catalogues(space.locales)
        cpu: dict[int, list[float]] = {size: [] for size in sizes}
        memory: dict[int, list[float]] = {size: [] for size in sizes}
        for _ in range(args.repeat):
            for size in sizes:
                command = [str(NEWSLOC), "glossary", "check", "-g", str(files[size]), *catalogues]
                seconds, megabytes = run(command, space.folder)
                cpu[size].append(seconds)
                memory[size].append(megabytes)
        base = statistics.median(cpu[sizes[0]])
        print(
            f"glossary check of {len(LANGUAGES)} catalogues of {args.paragraphs:,} entries "
            f"(CPU seconds and peak memory, median of {args.repeat}):"
        )
        for size in sizes:
            seconds = statistics.median(cpu[size])
            print(
                f"  {size:7,d} concepts {seconds:8.2f} s {max(memory[size]):6.0f} MB   "
                f"x{seconds / base:5.2f} the curated glossary's (goal <= 3)"
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
