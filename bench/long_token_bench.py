"""Does a long unbroken token cost linear time and memory in the Argos engine?

An 80 kB base64 paste is one "sentence" of some 40 000 tokens: the engine cuts it into
parts the model can take, translates them in one batch and rejoins them. Before issue 20
the rejoined sentence's alignment was a dense target x source matrix (5.6 GB at 80 kB);
past `MAX_ALIGNMENT_CELLS` it is now left out, so memory grows with the input.

The engine runs as `newsloc translate` makes it (attention on, for the glossary) on a
tiny real Argos package (tests/support/tiny_argos.py: the model's size changes
CTranslate2's time, not the Python-side memory measured here). For a token of N bytes
at 1x, 2x, 4x and 8x: the CPU time of every thread (`time.process_time`, which other work
on the machine disturbs less than the wall clock; best of several runs) and the peak of
Python's allocations (tracemalloc, a separate run), with their ratios to 1x: linear work gives
2, 4, 8. Nothing is asserted.

    .venv/bin/python bench/long_token_bench.py               # 10 kB at 1x, 80 kB at 8x
    .venv/bin/python bench/long_token_bench.py --size 2000   # smaller, quicker
"""

from __future__ import annotations

import argparse
import base64
import gc
import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def token(size: int) -> str:
    return base64.b64encode(random.Random(size).randbytes(size))[:size].decode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=10_000, help="bytes of base64 at 1x")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="newsloc-long-token-"))
    os.environ["ARGOS_PACKAGES_DIR"] = str(folder / "packages")
    from newsloc.translate.engines.argos import MAX_ALIGNMENT_CELLS, ArgosEngine
    from tests.support.tiny_argos import build_tiny_package, install_package

    install_package(
        build_tiny_package(folder / "archives", "en", "ru", seed=3), folder / "packages"
    )
    engine = ArgosEngine("en", "ru", with_attention=True)
    engine.translate(["Warm up: load the model."])
    print(f"alignment kept up to {MAX_ALIGNMENT_CELLS:,} cells per sentence")
    print(f"{'token':>10} {'CPU':>9} {'ratio':>6} {'peak':>9} {'ratio':>6}  output")
    base_time = base_peak = 0.0
    for factor in (1, 2, 4, 8):
        text = token(args.size * factor)
        times = []
        for _ in range(args.repeat):
            gc.collect()
            start = time.process_time()
            engine.translate([text])
            times.append(time.process_time() - start)
        gc.collect()
        tracemalloc.start()
        (result,) = engine.translate([text])
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        elapsed = min(times)
        base_time, base_peak = (elapsed, peak) if factor == 1 else (base_time, base_peak)
        aligned = "aligned" if result.alignment is not None else "no alignment"
        print(
            f"{len(text) / 1000:8.0f} kB {elapsed:8.2f}s {elapsed / base_time:6.1f} "
            f"{peak / 2**20:7.1f}MB {peak / base_peak:6.1f}  {len(result.text):,} chars, "
            f"{aligned}",
            flush=True,
        )


if __name__ == "__main__":
    main()
