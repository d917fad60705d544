"""Does a long paragraph cost linear time and memory? Ratios against 1x, same process.

A paragraph of N characters, in several shapes, through:

- `split_sentences` (translate/segment.py): news prose, and the shapes that were quadratic
  before issue 20 (16 000 dots took 17.7 s): a run of dots with no space after it, spaced
  dots, initials ("A. A. A."), and a quotation left open;
- glossary matching (`locate_mentions`, what `glossary find` and `check` start from) on
  news prose;
- with `--check`, `glossary check` itself on a one-entry Russian catalogue holding the
  paragraph (its near-miss search is being rewritten: issue 20, item 11).

For each, the CPU time (`time.process_time`: other work on the machine disturbs it less
than the wall clock; best of several runs, garbage collector paused) and the peak of
Python's allocations (tracemalloc, a separate run) at 1x, 2x and 4x, and their ratios to
1x: linear work gives ~2 and ~4, quadratic ~4 and ~16. Nothing is asserted.

    .venv/bin/python bench/segment_bench.py            # 64 000 characters at 1x (seconds)
    .venv/bin/python bench/segment_bench.py --size 8000 --check
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsloc.glossary.check import CheckEntry, check_entries
from newsloc.glossary.loader import glossary_or_default
from newsloc.glossary.match import locate_mentions
from newsloc.translate.segment import split_sentences

PROSE = (
    "Shelling was heard in Stepanakert on Tuesday, residents said. Mr. Petrosyan, who "
    "fled to Goris with his family at 5 a.m., told Reuters: “We left everything. Nobody "
    "knew what would come next.” The U.S. envoy met officials in Baku... Talks resumed! "
)
SHAPES: dict[str, Callable[[int], str]] = {
    "news prose": lambda n: (PROSE * (n // len(PROSE) + 1))[:n],
    "dots, no space": lambda n: "x" + "." * n + "y",
    "spaced dots": lambda n: ". " * (n // 2) + "End.",
    "initials": lambda n: "A. " * (n // 3) + "x",
    "open quotation": lambda n: "“" + "Hi. " * (n // 4),
}


def best(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            action()
            times.append(time.process_time() - start)
        finally:
            gc.enable()
    return min(times)


def peak(action: Callable[[], object]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def row(name: str, make: Callable[[int], Callable[[], object]], size: int, repeat: int) -> None:
    times, peaks = [], []
    make(size // 4)()  # warm-up: caches (the glossary's matcher, forms) built before timing
    for factor in (1, 2, 4):
        action = make(size * factor)
        times.append(best(action, repeat))
        peaks.append(peak(action))
    t_ratio = " ".join(f"{t / max(times[0], 1e-9):5.1f}" for t in times[1:])
    m_ratio = " ".join(f"{m / max(peaks[0], 1):5.1f}" for m in peaks[1:])
    print(
        f"{name:<32} {times[0] * 1000:9.1f} ms  x2,x4: {t_ratio}   "
        f"{peaks[0] / 2**20:7.2f} MB  x2,x4: {m_ratio}",
        flush=True,
    )


def _bind(function: Callable[..., object], *args: object) -> Callable[[], object]:
    """The call to time, its input made beforehand (outside the timing)."""
    return lambda: function(*args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=64_000, help="characters at 1x")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="also time glossary check")
    args = parser.parse_args()
    print(f"{'':<32} {'time at 1x':>12}  {'ratios':>12}   {'peak at 1x':>10}  ratios")
    for shape, make_text in SHAPES.items():
        row(f"split_sentences: {shape}", lambda n, t=make_text: _bind(split_sentences, t(n)),
            args.size, args.repeat)  # fmt: skip
    glossary = glossary_or_default(None)
    prose = SHAPES["news prose"]
    row("locate_mentions: news prose", lambda n: _bind(locate_mentions, glossary, prose(n)),
        args.size, args.repeat)  # fmt: skip
    if args.check:

        def check(n: int) -> Callable[[], object]:
            entry = CheckEntry(msgid=prose(n), msgstr=prose(n).replace("Stepanakert", "Ханкенди"))
            return lambda: check_entries(glossary, "ru", [entry])

        row("glossary check: news prose", check, args.size, 1)


if __name__ == "__main__":
    main()
