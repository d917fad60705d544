"""How fast is mention matching, and does it scale as it should?

Builds a synthetic glossary of 5,000 concepts (and one of 10,000), ~1 MB and ~2 MB of
English-like text full of mentions, possessives, hyphenated compounds and near misses,
and times `Matcher.find` (best of several runs, `time.perf_counter`). Matching should be
linear in the text (2 MB / 1 MB ~ 2), nearly flat in glossary size (10k / 5k ~ 1), and
about as fast when one sentence in ten opens on a dateline of names in capitals.
Also times building the matcher and loading a 5,000-concept TOML file.

    .venv/bin/python bench/glossary_bench.py          # full run (about a minute)
    .venv/bin/python bench/glossary_bench.py --quick  # small run (seconds)
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsloc.glossary.loader import parse_glossary
from newsloc.glossary.match import Matcher
from newsloc.glossary.model import Concept, Glossary, NameForms

SYLLABLES = (
    "ba ka la ma na ra sa ta va za an ar el en ir or ush ash ag ak ov ev in "
    "gor dar bek kan sur tam lin ver zor gyan jur shen"
).split()
WORDS = (
    "the a of in and to said was on for with by that from at as it its has have had "
    "officials region capital forces statement ministry border talks peace war city "
    "town village people government reported according early late on Tuesday police "
    "army shelling road corridor ceasefire agreement president minister spokesman "
    "humanitarian aid convoy residents footage claims control Defense Republic The It "
    "In A Officials Russian European peacekeepers mission"
).split()


def synthetic_names(count: int, seed: int) -> list[str]:
    """`count` distinct capitalized place-like names, some multiword or hyphenated."""
    rng = random.Random(seed)
    names: set[str] = set()
    ordered: list[str] = []
    while len(ordered) < count:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        roll = rng.random()
        if roll < 0.1:
            word = f"{rng.choice(['Upper', 'Lower', 'New', 'Old'])} {word}"
        elif roll < 0.2:
            other = "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()
            word = f"{word}-{other}"
        if word not in names:
            names.add(word)
            ordered.append(word)
    return ordered


def synthetic_glossary(concepts: int, seed: int = 1) -> Glossary:
    """A glossary built directly: every 5th concept contested, every 7th with an en spelling."""
    per_concept = [1 + (index % 5 == 0) + (index % 7 == 0) for index in range(concepts)]
    names = iter(synthetic_names(sum(per_concept), seed))
    built = []
    for index, size in enumerate(per_concept):
        spellings = [next(names) for _ in range(size)]
        concept_names = tuple(spellings[:2]) if index % 5 == 0 else (spellings[0],)
        extra = spellings[len(concept_names) :]
        built.append(
            Concept(
                id=f"place-{index}",
                names=concept_names,
                en_spellings={concept_names[0]: tuple(extra)} if extra else {},
                forms={"ru": {name: NameForms(cases={"nom": name}) for name in concept_names}},
            )
        )
    return Glossary(name="bench", version="1", targets=("ru",), concepts=tuple(built))


def english_spellings(glossary: Glossary) -> list[str]:
    return [spelling for concept in glossary for spelling, _ in concept.english_spellings()]


def synthetic_text(spellings: list[str], size: int, seed: int = 2, capitals: float = 0) -> str:
    """~`size` characters of sentences; about one word in ten is a mention or a near miss.

    With `capitals`, that share of sentences starts with a dateline in capitals
    (`NAME/NAME, Sept 19 (Reuters) -`), as news wires write them.
    """
    rng = random.Random(seed)
    parts: list[str] = []
    length = 0
    while length < size:
        words = []
        for _ in range(rng.randint(8, 25)):
            roll = rng.random()
            if roll < 0.07:
                name = rng.choice(spellings)
                words.append(rng.choice([name, name, f"{name}'s", f"{name}’s", f"{name}-based"]))
            elif roll < 0.1:
                words.append(rng.choice(spellings) + rng.choice(["ian", "i", "ov"]))  # near miss
            else:
                words.append(rng.choice(WORDS))
        sentence = " ".join(words)
        sentence = sentence[0].upper() + sentence[1:] + rng.choice([".", ".", ",", ";"]) + " "
        if capitals and rng.random() < capitals:
            places = "/".join(rng.choice(spellings).upper() for _ in range(rng.randint(1, 2)))
            sentence = f"{places}, Sept 19 (Reuters) - {sentence}"
        if rng.random() < 0.15:
            sentence += "\n\n"
        parts.append(sentence)
        length += len(sentence)
    return "".join(parts)[:size]


def synthetic_toml(glossary: Glossary) -> str:
    """The glossary as a TOML file, to time loading and validation."""
    quote = json.dumps  # a JSON string is a TOML basic string for these plain names
    lines = ['[glossary]\nname = "bench"\nversion = "1"\ntargets = ["ru"]\n']
    for concept in glossary:
        names = ", ".join(map(quote, concept.names))
        lines.append(f"[[concept]]\nid = {quote(concept.id)}\nnames = [{names}]\n")
        for name, extra in concept.en_spellings.items():
            lines.append(f"en.{quote(name)} = [{', '.join(map(quote, extra))}]\n")
        for name in concept.names:
            lines.append(f"ru.{quote(name)} = {quote(name)}\n")
    return "".join(lines)


def best_of(runs: int, works: dict[str, Callable[[], object]]) -> dict[str, float]:
    """The fastest of `runs` timings of each work, in seconds.

    The works take turns within each run, so a burst of load from other processes on a
    shared machine slows all of them alike instead of skewing one ratio.
    """
    timings: dict[str, list[float]] = {name: [] for name in works}
    for _ in range(runs):
        for name, work in works.items():
            start = time.perf_counter()
            work()
            timings[name].append(time.perf_counter() - start)
    return {name: min(values) for name, values in timings.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--runs", type=int, default=None, help="timing runs (best is kept)")
    args = parser.parse_args(argv)

    concepts = 500 if args.quick else 5000
    megabyte = 100_000 if args.quick else 1_000_000
    runs = args.runs or (3 if args.quick else 7)
    size_label = f"{megabyte / 1e6:g} MB"

    small = synthetic_glossary(concepts)
    large = synthetic_glossary(concepts * 2)
    text_1 = synthetic_text(english_spellings(small), megabyte)
    text_2 = synthetic_text(english_spellings(small), 2 * megabyte, seed=3)
    # The same text with one sentence in ten opening on a dateline in capitals.
    text_caps = synthetic_text(english_spellings(small), megabyte, capitals=0.1)
    toml_text = synthetic_toml(small)

    # `re` caches compiled patterns by their text: purge it so every build compiles.
    setup = best_of(
        max(1, runs // 2),
        {
            "load": lambda: parse_glossary(toml_text, "bench.toml"),
            "build_small": lambda: (re.purge(), Matcher(small)),
            "build_large": lambda: (re.purge(), Matcher(large)),
        },
    )
    load, build_small, build_large = setup["load"], setup["build_small"], setup["build_large"]
    matcher_small, matcher_large = Matcher(small), Matcher(large)
    mentions = len(matcher_small.find(text_1))
    timed = best_of(
        runs,
        {
            "t_1": lambda: matcher_small.find(text_1),
            "t_2": lambda: matcher_small.find(text_2),
            "t_large": lambda: matcher_large.find(text_1),
            "t_caps": lambda: matcher_small.find(text_caps),
        },
    )
    t_1, t_2, t_large = timed["t_1"], timed["t_2"], timed["t_large"]
    t_caps = timed["t_caps"] * len(text_1) / len(text_caps)  # per character, as text_1

    rows = [
        (f"load + validate TOML, {concepts:,} concepts", f"{load * 1000:.0f} ms"),
        (f"build matcher, {concepts:,} concepts", f"{build_small * 1000:.0f} ms"),
        (f"build matcher, {2 * concepts:,} concepts", f"{build_large * 1000:.0f} ms"),
        (
            f"match {size_label}, {concepts:,} concepts ({mentions:,} mentions)",
            f"{t_1 * 1000:.0f} ms",
        ),
        (f"match {2 * megabyte / 1e6:g} MB, {concepts:,} concepts", f"{t_2 * 1000:.0f} ms"),
        (f"match {size_label}, {2 * concepts:,} concepts", f"{t_large * 1000:.0f} ms"),
        ("ratio time(2x text) / time(1x text)   (expect ~2)", f"{t_2 / t_1:.2f}"),
        ("ratio time(2x concepts) / time(1x)    (expect ~1)", f"{t_large / t_1:.2f}"),
        ("ratio time(datelines in capitals) / time(1x)  (expect ~1)", f"{t_caps / t_1:.2f}"),
        ("throughput", f"{len(text_1) / t_1 / 1e6:.1f} MB/s"),
    ]
    width = max(len(label) for label, _ in rows)
    print(f"glossary matching benchmark (best of {runs} runs)")
    for label, value in rows:
        print(f"  {label:<{width}}  {value:>10}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
