"""Start-up: how long `newsloc --help` and `newsloc --version` take against `import click`.

The baseline is measured in the same run, interleaved with the commands, so a busy machine
slows both alike; the figure that matters is the ratio. Issue 21's goal was every `--help`
and `--version` at most 2x a bare `import typer`; newsloc's command line is click now, whose
import is lighter than typer's, so 2x `import click` is the stricter bar kept here. Each
figure is the median of --runs fresh processes, bytecode written as an installed package
has it.

    .venv/bin/python bench/startup_bench.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NEWSLOC = Path(sys.executable).parent / "newsloc"

COMMANDS = {
    "python -c 'import click' (baseline)": [sys.executable, "-c", "import click"],
    "newsloc --version": [str(NEWSLOC), "--version"],
    "newsloc --help": [str(NEWSLOC), "--help"],
    "newsloc translate --help": [str(NEWSLOC), "translate", "--help"],
    "newsloc glossary check --help": [str(NEWSLOC), "glossary", "check", "--help"],
    "newsloc catalog compile --help": [str(NEWSLOC), "catalog", "compile", "--help"],
    "newsloc edition build --help": [str(NEWSLOC), "edition", "build", "--help"],
}


def _once(command: list[str], cwd: str) -> float:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd, env=env, check=True
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    with tempfile.TemporaryDirectory() as cwd:  # outside the checkout, as a user runs it
        for command in COMMANDS.values():  # warm the file cache once
            _once(command, cwd)
        for _ in range(args.runs):
            for name, command in COMMANDS.items():
                times[name].append(_once(command, cwd))
    baseline = statistics.median(next(iter(times.values())))
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:40s} {median * 1000:7.0f} ms   {median / baseline:5.2f}x")
    worst = max(statistics.median(values) for values in list(times.values())[1:]) / baseline
    print(f"slowest: {worst:.2f}x import click (goal <= 2x: {'met' if worst <= 2 else 'MISSED'})")


if __name__ == "__main__":
    main()
