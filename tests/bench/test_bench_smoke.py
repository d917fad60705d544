"""`make bench` in its smoke form: every benchmark runs at a tiny size and prints its
ratios. Nothing here looks at a time (the figures are for people: README, "Speed")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.libretranslate_server import unavailable_reason

REPO = Path(__file__).resolve().parents[2]

#: Each benchmark, its smoke-size arguments, and words its report must print.
SMOKE = {
    "glossary_bench": (["--quick", "--runs", "1"], ["ratio time(2x text) / time(1x text)"]),
    "glossary_scale_bench": (
        ["--concepts", "169,400", "--paragraphs", "10", "--repeat", "1"],
        ["index ru", "the curated glossary's (goal <= 3)"],
    ),
    "fixed_cost_bench": (["--runs", "1"], ["glossary check", "edition build --all"]),
    "catalog_bench": (["--quick"], ["ratio (2.0 is linear)", "translate re-run"]),
    "scale_bench": (
        ["--sizes", "10,30", "--repeat", "1"],
        ["glossary apply --dry-run", "catalog compile", "per 10x: x"],
    ),
    "translate_bench": (
        ["--quick", "--tiny", "--paragraphs", "6", "--length", "4"],
        ["a/b = ", "b/c = ", "d/e = ", "on what the pipeline sent"],
    ),
    "batch_bench": (["--quick", "--articles", "2", "--paragraphs", "2"], ["a/b = "]),
    "libretranslate_bench": (
        ["--sentences", "12", "--repeat", "1"],
        ["throughput 3 servers / 1 server"],
    ),
    "startup_bench": (["--runs", "1"], ["newsloc glossary check --help", "slowest: "]),
    "segment_bench": (
        ["--size", "1000", "--repeat", "1", "--check"],
        ["split_sentences", "x2,x4,x8", "glossary check: ru, names misspelt"],
    ),
    "source_matcher_bench": (["--concepts", "169,300", "--repeat", "1"], ["time ratio"]),
    "long_token_bench": (["--size", "500", "--repeat", "1"], ["ratio"]),
    "families_bench": (
        ["--scale", "0.02", "--sentences", "2", "--length", "2", "--repeat", "1"],
        ["relative cost", "madlad-3b"],
    ),
}


@pytest.mark.parametrize("name", sorted(SMOKE))
def test_benchmark_runs_and_prints_its_ratios(name: str):
    if name == "libretranslate_bench" and (why := unavailable_reason()):
        pytest.skip(why)
    args, expected = SMOKE[name]
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / f"{name}.py"), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    for words in expected:
        assert words in done.stdout, done.stdout
