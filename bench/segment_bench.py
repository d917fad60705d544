"""Does a long paragraph cost linear time and memory? Ratios against 1x, same process.

A paragraph of N characters, in several shapes, through:

- `split_sentences` (translate/segment.py): news prose, and the shapes that were quadratic
  before issue 20 (16 000 dots took 17.7 s): a run of dots with no space after it, spaced
  dots, initials ("A. A. A."), and a quotation left open;
- glossary matching (`locate_mentions`, what `glossary find` and `check` start from) on
  news prose;
- with `--check`, `glossary check` itself on a one-entry Russian catalogue holding the
  paragraph: the English prose with one name in Russian (every other name missing), and
  a Russian translation whose names are misspelt (near misses, issue 20 item 11: a 31 kB
  paragraph took 123 s before), quotations and a contested name included.

For each, the CPU time (`time.process_time`: other work on the machine disturbs it less
than the wall clock; best of several runs, garbage collector paused) and the peak of
Python's allocations (tracemalloc, a separate run) at 1x, 2x, 4x and 8x, and their ratios
to 1x: linear work gives ~2, ~4 and ~8, quadratic ~4, ~16 and ~64. The last column says
"linear" when every time ratio is at most 1.1 times the input's. Nothing is asserted.

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
#: PROSE in Russian, as an engine might write it: every name misspelt (`Степанокерте` is a
#: near miss of `Степанакерте`; `Горыс` and `Бакку` are too short to be read as names).
PROSE_RU = (
    "Обстрел был слышен в Степанокерте во вторник, сообщили жители. Г-н Петросян, "
    "бежавший в Горыс с семьёй в 5 утра, сказал Reuters: «Мы оставили всё. Никто не знал, "
    "что будет дальше». Посланник США встретился с чиновниками в Бакку... Переговоры "
    "возобновились! "
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


FACTORS = (1, 2, 4, 8)


def row(name: str, make: Callable[[int], Callable[[], object]], size: int, repeat: int) -> None:
    times, peaks = [], []
    make(size // 4)()  # warm-up: caches (the glossary's matcher, forms) built before timing
    for factor in FACTORS:
        action = make(size * factor)
        times.append(best(action, repeat))
        peaks.append(peak(action))
    t_ratios = [t / max(times[0], 1e-9) for t in times[1:]]
    m_ratios = [m / max(peaks[0], 1) for m in peaks[1:]]
    linear = all(r <= 1.1 * f for r, f in zip(t_ratios, FACTORS[1:], strict=True))
    print(
        f"{name:<36} {times[0] * 1000:9.1f} ms  {' '.join(f'{r:5.1f}' for r in t_ratios)}   "
        f"{peaks[0] / 2**20:7.2f} MB  {' '.join(f'{r:5.1f}' for r in m_ratios)}   "
        f"{'linear' if linear else 'SUPERLINEAR'}",
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
    factors = ",".join(f"x{f}" for f in FACTORS[1:])
    print(f"{'':<36} {'time at 1x':>12}  {factors:<17}   {'peak at 1x':>10}  {factors:<17}   time")
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

        def check_ru(n: int) -> Callable[[], object]:
            copies = n // len(PROSE) + 1
            entry = CheckEntry(msgid=PROSE * copies, msgstr=(PROSE_RU * copies)[: n * 11 // 10])
            return lambda: check_entries(glossary, "ru", [entry])

        row("glossary check: news prose", check, args.size, args.repeat)
        row("glossary check: ru, names misspelt", check_ru, args.size, args.repeat)


if __name__ == "__main__":
    main()
