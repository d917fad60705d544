"""Throughput of the LibreTranslate engine with one server against three, in one process.

Starts three real LibreTranslate servers on 127.0.0.1 (the venv `make libretranslate`
makes, the tests' tiny Argos packages and MiniSBD model; see
tests/support/libretranslate_server.py), warms each up, then translates the same document
with newsloc's engine with `--server A` and with `--server A,B,C`, alternately, best of
--repeat runs each. It checks that both give the same translations, and prints sentences
per second and the ratio three/one.

The tiny model decodes in milliseconds, so this measures what the fleet design controls:
batching, HTTP, LibreTranslate's own per-request work and how well the servers overlap.
All three servers share this machine's cores, so the ratio shows the overlap, not what
three machines would give.

    .venv/bin/python bench/libretranslate_bench.py              # 400 sentences, best of 5
    .venv/bin/python bench/libretranslate_bench.py --sentences 60 --repeat 1   # smoke run
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from newsloc.translate.engines.libretranslate import LibreTranslateEngine  # noqa: E402
from tests.support import corpus  # noqa: E402
from tests.support.libretranslate_server import (  # noqa: E402
    LibreTranslateServer,
    ServerHome,
    start_together,
    unavailable_reason,
)

TARGET = "ru"


def document(count: int) -> list[str]:
    """`count` different English sentences built from the test corpus."""
    base = corpus.ENGLISH
    return [f"On day {i // len(base) + 1} {base[i % len(base)].lower()}" for i in range(count)]


def timed(engine: LibreTranslateEngine, sentences: list[str]) -> tuple[float, list[str]]:
    start = time.perf_counter()
    texts = [t.text for t in engine.translate(sentences)]
    return time.perf_counter() - start, texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=5, help="best of this many runs")
    parser.add_argument(
        "--intra-threads", type=int, default=1, help="CTranslate2 threads per server; 0: all"
    )
    args = parser.parse_args()
    reason = unavailable_reason()
    if reason:
        sys.exit(f"libretranslate_bench: {reason}")

    sentences = document(args.sentences)
    with tempfile.TemporaryDirectory(prefix="newsloc-lt-bench-") as tmp:
        home = ServerHome(Path(tmp), intra_threads=args.intra_threads)
        servers = [LibreTranslateServer(home, f"bench-{name}") for name in "abc"]
        started = time.perf_counter()
        start_together(servers)
        print(f"3 servers started in {time.perf_counter() - started:.1f} s")
        try:
            urls = [s.url for s in servers]
            for url in urls:  # warm-up: every server loads its model on first use
                LibreTranslateEngine("en", TARGET, server=url).translate(sentences[:8])
            single = LibreTranslateEngine("en", TARGET, server=urls[0])
            fleet = LibreTranslateEngine("en", TARGET, server=urls)
            one = three = float("inf")
            for _ in range(args.repeat):  # alternate, so the machine's mood hits both alike
                seconds, one_texts = timed(single, sentences)
                one = min(one, seconds)
                seconds, three_texts = timed(fleet, sentences)
                three = min(three, seconds)
        finally:
            for server in servers:
                server.stop()
    if one_texts != three_texts:
        sys.exit("libretranslate_bench: one and three servers gave different translations")
    n = len(sentences)
    threads = args.intra_threads or "every core's"
    print(f"{n} sentences to {TARGET}, best of {args.repeat}, {threads} CTranslate2 thread(s):")
    print(f"  1 server : {one:6.2f} s  {n / one:7.1f} sentences/s")
    print(f"  3 servers: {three:6.2f} s  {n / three:7.1f} sentences/s")
    print(f"  throughput 3 servers / 1 server: {one / three:.2f}x")


if __name__ == "__main__":
    main()
