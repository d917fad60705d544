"""What does a command cost before it does anything? Five commands on a 10-paragraph article.

On a small article the work is nothing and the fixed cost is everything: start-up, loading
and validating the glossary, building its indexes. Each command runs as a user runs it, in
a fresh process, on hy, az and ru catalogues of a 10-paragraph article (translated with
`--engine none`, then filled with translations that carry the glossary's case forms):

- `translate` re-run on the filled catalogues,
- `glossary check`, `glossary apply` (on a fresh copy),
- `catalog stats`, `edition build --all`.

With `--baseline PATH` (another checkout's `newsloc` executable, e.g. main's), the two
take turns, command by command, so a busy machine slows both alike; the figure that
matters is candidate / baseline (issue 21's goal: at most 0.5). Both get the same private
cache folder (`NEWSLOC_CACHE_DIR`, warmed by one untimed run of each command), as a user's
second command would; that run also writes both checkouts' bytecode (`__pycache__`, which
an installed package has: `PYTHONDONTWRITEBYTECODE` is ignored here, or every run would
compile newsloc's modules afresh, a third of a small command). CPU seconds (user + sys),
median of --runs.

    .venv/bin/python bench/fixed_cost_bench.py --baseline ../main/.venv/bin/newsloc
    .venv/bin/python bench/fixed_cost_bench.py --runs 1          # this checkout only
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scale_bench import NEWSLOC, Workspace, plain_concepts, run
from newsloc.glossary.loader import load_default_glossary

PARAGRAPHS = 10


def commands(space: Workspace, newsloc: str) -> dict[str, Callable[[], list[str]]]:
    """Each command's arguments for one executable; called just before it runs."""
    out = space.folder / "editions"

    def translate() -> list[str]:
        arguments = space.commands()["translate re-run (filled)"]()
        return [newsloc, *arguments[1:]]

    return {
        "translate re-run (filled)": translate,
        "glossary check": lambda: [newsloc, "glossary", "check", *space.catalogues(space.locales)],
        "glossary apply": lambda: [
            newsloc,
            "glossary",
            "apply",
            *space.catalogues(space.fresh()),
        ],
        "catalog stats": lambda: [newsloc, "catalog", "stats", "--locales", str(space.locales)],
        "edition build --all": lambda: [
            newsloc,
            "edition",
            "build",
            "--all",
            "--locales",
            str(space.locales),
            "--out",
            str(out),
            "--min-reviewed",
            "0",
            "--allow-fuzzy",
            "--allow-unreviewed-names",
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", help="another newsloc executable to compare with")
    parser.add_argument("--runs", type=int, default=7, help="runs of each (median kept)")
    args = parser.parse_args(argv)
    executables = {"candidate": str(NEWSLOC)}
    if args.baseline:
        executables = {"baseline": str(Path(args.baseline).resolve()), **executables}
    root = Path(tempfile.mkdtemp(prefix="newsloc-fixed-cost-"))
    # patch.dict puts the environment back as it was, whatever the bench set or removed.
    with mock.patch.dict(os.environ, {"NEWSLOC_CACHE_DIR": str(root / "cache")}):
        os.environ.pop("NEWSLOC_NO_CACHE", None)
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        try:
            _measure(root, executables, args.runs, args.baseline is not None)
        finally:
            shutil.rmtree(root, ignore_errors=True)
    return 0


def _measure(root: Path, executables: dict[str, str], runs: int, compare: bool) -> None:
    """Run every command of every executable, taking turns, and print the table."""
    space = Workspace(root, PARAGRAPHS, plain_concepts(load_default_glossary()))
    lists = {who: commands(space, exe) for who, exe in executables.items()}
    names = list(lists["candidate"])
    for who in executables:  # warm the file cache and the glossary cache
        for name in names:
            run(lists[who][name](), space.folder)
    cpu: dict[tuple[str, str], list[float]] = {}
    for name in names:
        for _ in range(runs):
            for who in executables:
                seconds, _ = run(lists[who][name](), space.folder)
                cpu.setdefault((name, who), []).append(seconds)
    print(
        f"{PARAGRAPHS} paragraphs, catalogues in hy, az, ru: CPU seconds (user + sys), "
        f"median of {runs}" + (", baseline and candidate taking turns" if compare else "")
    )
    worst = 0.0
    for name in names:
        cells = [f"{who} {statistics.median(cpu[name, who]):6.2f} s" for who in executables]
        line = f"  {name:<28} " + "   ".join(cells)
        if compare:
            ratio = statistics.median(cpu[name, "candidate"]) / statistics.median(
                cpu[name, "baseline"]
            )
            worst = max(worst, ratio)
            line += f"   candidate/baseline {ratio:5.2f}"
        print(line, flush=True)
    if compare:
        verdict = "met" if worst <= 0.5 else "MISSED"
        print(f"worst candidate/baseline: {worst:.2f} (goal <= 0.5: {verdict})")


if __name__ == "__main__":
    raise SystemExit(main())
