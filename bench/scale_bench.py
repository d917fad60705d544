"""Do the catalogue commands grow linearly? Each command at 1k, 10k and 50k paragraphs.

An article of N paragraphs naming the curated glossary's places is translated with
`--engine none` into hy, az and ru catalogues, whose translations are then filled with
text carrying the glossary's case forms (a few near misses, names left out, fuzzy and
empty entries among them, as reviewed catalogues have). Then, as a user runs them, each
command runs in a fresh process and its CPU time (user + sys) and peak memory are taken:

- `translate` re-run on the filled catalogues (nothing to machine-translate),
- `translate` re-run after 10 % of the paragraphs were edited (the fuzzy matching),
- `glossary check`, `glossary apply` (writing) and `glossary apply --dry-run` (the diff),
- `catalog stats` and `catalog compile`.

The sizes take turns within every repeat, so load from other processes slows all of them
alike; each figure is the median of the repeats. The growth ratios (time at 10x the input
over time at 1x) should stay at or under 11 for linear work; a quadratic step shows as
~100. Nothing is asserted: read the ratios.

    .venv/bin/python bench/scale_bench.py                       # 1k, 10k, 50k (long)
    .venv/bin/python bench/scale_bench.py --sizes 20,200 --repeat 1   # a smoke run
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


from newsloc.base.po.reader import parse_catalogue
from newsloc.base.po.writer import format_catalogue
from newsloc.glossary.loader import load_default_glossary
from newsloc.glossary.model import Concept, Glossary

NEWSLOC = Path(sys.executable).parent / "newsloc"
LANGUAGES = ("hy", "az", "ru")
DOMAIN = "story"

ENGLISH = (
    "officials said the convoy reached the border crossing on Tuesday while residents "
    "waited for news of the talks and the ministry gave no figures about the damage"
).split()
FILLER = {
    "hy": "պաշտոնյաները հայտնել են որ շարասյունը հասել է սահմանին երեքշաբթի իսկ բնակիչները "
    "սպասում էին բանակցությունների լուրերին".split(),
    "az": "rəsmilər bildiriblər ki karvan çərşənbə axşamı sərhədə çatıb sakinlər isə "
    "danışıqlar barədə xəbər gözləyirdilər".split(),
    "ru": "официальные лица сообщили что колонна достигла границы во вторник а жители "
    "ждали новостей о переговорах".split(),
}


def plain_concepts(glossary: Glossary) -> list[Concept]:
    """Uncontested concepts with case tables in every language: their forms are the
    whole story in a translation (contested ones need both names at first mention)."""
    return [
        concept
        for concept in glossary
        if not concept.contested
        and not concept.ambiguous
        and all(concept.forms_of(lang, concept.names[0]) for lang in LANGUAGES)
    ]


@dataclass(frozen=True)
class Paragraph:
    english: str
    translations: dict[str, str]


def near_miss(word: str, rng: random.Random) -> str:
    """The word with one inner letter doubled: what a tired typist writes."""
    if len(word) < 5:
        return word
    at = rng.randint(1, len(word) - 2)
    return word[:at] + word[at] + word[at:]


def make_paragraphs(count: int, concepts: list[Concept], seed: int = 7) -> list[Paragraph]:
    """`count` distinct paragraphs, each naming one to three places, and their translations:
    the name in a random case of its table; 2 % with a near miss, 1 % without the name."""
    rng = random.Random(seed)
    made = []
    for index in range(count):
        named = [rng.choice(concepts) for _ in range(rng.randint(1, 3))]
        english = [f"{index}:"]
        target: dict[str, list[str]] = {lang: [f"{index}:"] for lang in LANGUAGES}
        roll = rng.random()
        for concept in named:
            english += [rng.choice(ENGLISH) for _ in range(rng.randint(4, 12))]
            english.append(f"in {concept.names[0]}")
            for lang in LANGUAGES:
                forms = concept.forms_of(lang, concept.names[0])
                assert forms is not None
                words = target[lang]
                words += [rng.choice(FILLER[lang]) for _ in range(rng.randint(4, 12))]
                form = rng.choice(list(forms.cases.values()))
                if roll < 0.02:
                    form = near_miss(form, rng)
                if roll > 0.99:
                    form = concept.names[0]  # left in English
                words.append(form)
        made.append(
            Paragraph(
                " ".join(english) + ".",
                {lang: " ".join(words) + "." for lang, words in target.items()},
            )
        )
    return made


#: GNU time reports a command's own peak memory; a child of this (large) process would
#: otherwise start its count at this process's size, which the kernel keeps across exec.
GNU_TIME = shutil.which("time") if Path("/usr/bin/time").exists() else None


def run(command: list[str], cwd: Path) -> tuple[float, float]:
    """CPU seconds (user + sys) and peak resident memory (MB) of one process."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        wrapped = [GNU_TIME, "-f", "%M", "-o", report.name, *command] if GNU_TIME else command
        process = subprocess.Popen(
            wrapped, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        assert process.stderr is not None
        _, status, usage = os.wait4(process.pid, 0)
        errors = process.stderr.read().decode("utf-8", "replace")
        process.stderr.close()
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1, 3):  # 1: check found violations; 3: translate without models
            raise SystemExit(f"{' '.join(command)}: exit {code}\n{errors}")
        lines = report.read().split()
    kilobytes = int(lines[-1]) if GNU_TIME and lines else usage.ru_maxrss
    return usage.ru_utime + usage.ru_stime, kilobytes / 1024


class Workspace:
    """One size's article and filled catalogues, and fresh copies for commands that write."""

    def __init__(self, root: Path, size: int, concepts: list[Concept]) -> None:
        self.size = size
        self.folder = root / f"n{size}"
        self.folder.mkdir()
        paragraphs = make_paragraphs(size, concepts)
        self.article = self.folder / f"{DOMAIN}.txt"
        self.article.write_text("\n\n".join(p.english for p in paragraphs) + "\n", "utf-8")
        self.locales = self.folder / "loc"
        run(self._translate(self.article, self.locales), self.folder)
        rng = random.Random(size)
        for lang in LANGUAGES:
            path = self.locales / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
            po = parse_catalogue(path, path.read_bytes())
            by_msgid = {p.english: p.translations[lang] for p in paragraphs}
            for entry in po:
                if entry.msgid in by_msgid:
                    roll = rng.random()
                    entry.msgstr = "" if roll < 0.03 else by_msgid[entry.msgid]
                    if roll > 0.9 and "fuzzy" not in entry.flags:
                        entry.flags.append("fuzzy")
            path.write_text(format_catalogue(po), "utf-8")
        # The same article with one paragraph in ten edited (a word added at its end).
        self.edited = self.folder / "edited" / f"{DOMAIN}.txt"
        self.edited.parent.mkdir()
        self.edited.write_text(
            "\n\n".join(
                p.english[:-1] + " too." if i % 10 == 5 else p.english
                for i, p in enumerate(paragraphs)
            )
            + "\n",
            "utf-8",
        )

    def catalogues(self, locales: Path) -> list[str]:
        return [str(locales / lang / "LC_MESSAGES" / f"{DOMAIN}.po") for lang in LANGUAGES]

    def _translate(self, article: Path, locales: Path) -> list[str]:
        return [
            str(NEWSLOC),
            "translate",
            str(article),
            "--engine",
            "none",
            "--to",
            ",".join(LANGUAGES),
            "--out",
            str(locales),
            "--date",
            "2026-03-03",
        ]

    def fresh(self) -> Path:
        """A copy of the filled catalogues, for a command that changes them."""
        copy = self.folder / "copy"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(self.locales, copy)
        return copy

    def commands(self) -> dict[str, Callable[[], list[str]]]:
        """Each command's argument list; called just before the command runs."""
        nl = str(NEWSLOC)
        return {
            "translate re-run (filled)": lambda: self._translate(self.article, self.locales),
            "translate re-run (10% edited)": lambda: self._translate(self.edited, self.fresh()),
            "glossary check": lambda: [nl, "glossary", "check", *self.catalogues(self.locales)],
            "glossary apply": lambda: [nl, "glossary", "apply", *self.catalogues(self.fresh())],
            "glossary apply --dry-run": lambda: [
                nl,
                "glossary",
                "apply",
                "--dry-run",
                *self.catalogues(self.locales),
            ],
            "catalog stats": lambda: [nl, "catalog", "stats", "--locales", str(self.locales)],
            "catalog compile": lambda: [nl, "catalog", "compile", "--locales", str(self.fresh())],
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000", help="paragraph counts")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (median kept)")
    parser.add_argument("--only", action="append", help="commands whose name contains this")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    concepts = plain_concepts(load_default_glossary())
    root = Path(tempfile.mkdtemp(prefix="newsloc-scale-bench-"))
    try:
        started = time.perf_counter()
        spaces = [Workspace(root, size, concepts) for size in sizes]
        print(
            f"{len(LANGUAGES)} catalogues ({', '.join(LANGUAGES)}) of "
            f"{', '.join(f'{s:,}' for s in sizes)} paragraphs, made in "
            f"{time.perf_counter() - started:.0f} s; CPU seconds (user + sys) and peak memory, "
            f"median of {args.repeat}",
            flush=True,
        )
        names = [
            name
            for name in spaces[0].commands()
            if not args.only or any(part in name for part in args.only)
        ]
        cpu: dict[tuple[str, int], list[float]] = {}
        memory: dict[tuple[str, int], list[float]] = {}
        for name in names:
            for _ in range(args.repeat):
                for space in spaces:
                    seconds, megabytes = run(space.commands()[name](), space.folder)
                    cpu.setdefault((name, space.size), []).append(seconds)
                    memory.setdefault((name, space.size), []).append(megabytes)
            cells = []
            for space in spaces:
                seconds = statistics.median(cpu[name, space.size])
                megabytes = max(memory[name, space.size])
                cells.append(f"{seconds:8.2f} s {megabytes:6.0f} MB")
            growth = [
                statistics.median(cpu[name, large.size])
                / statistics.median(cpu[name, small.size])
                * small.size
                / large.size
                * 10
                for small, large in itertools.pairwise(spaces)
            ]
            ratios = "  ".join(f"x{ratio:5.1f}" for ratio in growth)
            print(f"{name:<30} {' '.join(cells)}   per 10x: {ratios}", flush=True)
        print(
            "per 10x: time ratio between sizes scaled to a tenfold input (linear: 10, goal <= 11)"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
