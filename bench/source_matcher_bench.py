"""Does the source matcher's build grow linearly with the glossary? (issue 21)

Glossaries of growing size (concepts in all) made by `bench/realistic_glossary.py` (the
curated concepts, then thousands more with case tables in hy, az and ru), each parsed once; then
`glossary.match.Matcher` built from each, CPU seconds (`time.process_time`), best of
--repeat, `re`'s cache emptied before each build, Python's cycle collector left on as in
any command. Ratios are against the smallest size: linear work doubles with the size.
The verdict is "linear" when each time ratio is at most 1.1 times the size's, "n log n"
when at most 1.1 times n log n's (the build sorts the spellings, so from 10,000 concepts
on, where the sort's share grows, n log n is what to expect), else "SUPERLINEAR".

Before the fix (the collector walking the growing build again and again) 5,000, 10,000
and 20,000 concepts took 0.32, 0.86 and 2.05 s here; without the collector's walks the
work itself is linear.

    .venv/bin/python bench/source_matcher_bench.py
    .venv/bin/python bench/source_matcher_bench.py --concepts 1000,2000,4000 --repeat 1
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.realistic_glossary import realistic_glossary_toml
from newsloc.glossary.loader import load_default_glossary, parse_glossary
from newsloc.glossary.match import Matcher


def build_time(glossary: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        re.purge()
        start = time.process_time()
        Matcher(glossary)  # type: ignore[arg-type]
        times.append(time.process_time() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concepts", default="2500,5000,10000,20000", help="glossary sizes")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    shipped = len(load_default_glossary())
    sizes = [max(shipped, int(size)) for size in args.concepts.split(",")]
    glossaries = {size: parse_glossary(realistic_glossary_toml(size - shipped)) for size in sizes}
    print(f"{'concepts':>9} {'build (s)':>10} {'size ratio':>11} {'time ratio':>11}")
    first = None
    linear = sorting = True
    for size in sizes:
        seconds = build_time(glossaries[size], args.repeat)
        first = first or (size, seconds)
        size_ratio, time_ratio = size / first[0], seconds / max(first[1], 1e-9)
        linear = linear and time_ratio <= 1.1 * size_ratio
        sorting = sorting and time_ratio <= 1.1 * size_ratio * math.log(size) / math.log(first[0])
        print(f"{size:>9} {seconds:>10.3f} {size_ratio:>11.1f} {time_ratio:>11.2f}", flush=True)
    print("linear" if linear else "n log n" if sorting else "SUPERLINEAR")
    return 0


if __name__ == "__main__":
    sys.exit(main())
