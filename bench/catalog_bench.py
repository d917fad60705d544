"""Is reading and merging catalogues linear? Ratios at 1x and 2x the input, same process.

Times (best of several runs, `time.perf_counter`):

- the strict reader (`po_parse`) on an N-entry catalogue, and polib's duplicate-checking
  reader (what newsloc used before) as the quadratic baseline;
- `translate` re-run on an N-paragraph article (engine none: the merge, glossary-free);
- `catalog stats` (strict read + glossary check of every entry);
- `glossary review import` with E edits on C concepts.

For each, the time at 2x the input divided by the time at 1x: linear work gives ~2, a
quadratic step ~4. Nothing is asserted: read the ratios. The garbage collector is paused
while timing, as `timeit` does.

    .venv/bin/python bench/catalog_bench.py          # full run (about a minute)
    .venv/bin/python bench/catalog_bench.py --quick  # small run (seconds)
"""

from __future__ import annotations

import argparse
import gc
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import polib

from bench.glossary_bench import synthetic_glossary, synthetic_toml
from newsloc.base.po.reader import parse_catalogue
from newsloc.glossary.exchange import export_review, import_review
from newsloc.glossary.loader import parse_glossary
from newsloc.translate.catalog.stats import catalog_stats
from newsloc.translate.pipeline import RunSettings, translate_article

WORDS = (
    "the officials in Stepanakert said a convoy of aid left Goris for Baku on Tuesday while "
    "residents of the region waited at the border crossing near Lachin and the ministry "
    "gave no figures"
).split()


def paragraphs(count: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    return [
        f"{i}: " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 40))) + "."
        for i in range(count)
    ]


def best(action: Callable[[], object], repeat: int) -> float:
    """Best of `repeat` runs, with the garbage collector paused while timing (as `timeit`
    does): its full collections grow with everything else alive in the process, which
    would make the 2x run look worse than the code is."""
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return min(times)


def catalogue_text(count: int) -> str:
    po = polib.POFile()
    po.metadata = {"Language": "ru", "Content-Type": "text/plain; charset=UTF-8"}
    for i, text in enumerate(paragraphs(count)):
        po.append(polib.POEntry(msgid=text, msgstr=text.upper(), occurrences=[("a.txt", str(i))]))
    return str(po)


def reading(n: int, repeat: int) -> tuple[float, float]:
    data = catalogue_text(n).encode("utf-8")
    return best(lambda: parse_catalogue(Path("bench.po"), data), repeat), len(data)


def polib_reading(n: int, repeat: int) -> float:
    text = catalogue_text(n)
    return best(lambda: polib.pofile(text, check_for_duplicates=True), repeat)


def translate_rerun(root: Path, n: int, repeat: int) -> float:
    folder = Path(tempfile.mkdtemp(dir=root))
    article = folder / "story.txt"
    article.write_text("\n\n".join(paragraphs(n)), encoding="utf-8")
    translate_article(article, RunSettings(["ru"], out=folder / "loc"), domain="story")
    return best(
        lambda: translate_article(article, RunSettings(["ru"], out=folder / "loc"), domain="story"),
        repeat,
    )


def stats(root: Path, n: int, repeat: int) -> float:
    folder = Path(tempfile.mkdtemp(dir=root))
    article = folder / "story.txt"
    article.write_text("\n\n".join(paragraphs(n)), encoding="utf-8")
    translate_article(article, RunSettings(["ru"], out=folder / "loc"), domain="story")
    return best(lambda: catalog_stats(folder / "loc"), repeat)


def review_import(root: Path, concepts: int, edits: int, repeat: int) -> float:
    folder = Path(tempfile.mkdtemp(dir=root))
    glossary_path = folder / "glossary.toml"
    glossary_path.write_text(synthetic_toml(synthetic_glossary(concepts)), encoding="utf-8")
    glossary = parse_glossary(glossary_path.read_text(encoding="utf-8"), glossary_path)
    text = export_review(glossary, "ru")
    po = parse_catalogue(folder / "r.po", text.encode("utf-8"))
    for entry in list(po)[:edits]:
        entry.msgstr = entry.msgstr + "ъ"
    po_path = folder / "review.po"
    po.save(str(po_path))
    return best(lambda: import_review(po_path, glossary_path, dry_run=True), repeat)


def row(name: str, small: float, large: float, unit: str) -> None:
    print(f"{name:<44} {small:8.3f} s {large:8.3f} s   x{large / small:4.2f}  {unit}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one run each")
    args = parser.parse_args()
    scale = 1 if args.quick else 4
    repeat = 1 if args.quick else 3
    root = Path(tempfile.mkdtemp(prefix="newsloc-catalog-bench-"))
    try:
        print(f"{'':<44} {'1x':>10} {'2x':>10}   ratio (2.0 is linear)")
        n = 5000 * scale
        (small, size), (large, _) = reading(n, repeat), reading(2 * n, repeat)
        row(f"strict read, {n} entries ({size / 1e6:.1f} MB)", small, large, "po_parse")
        m = 1000 * scale
        row(
            f"polib read + duplicate check, {m} entries",
            polib_reading(m, repeat),
            polib_reading(2 * m, repeat),
            "the old reader",
        )
        n = 2500 * scale
        row(
            f"translate re-run, {n} paragraphs",
            translate_rerun(root, n, 1),
            translate_rerun(root, 2 * n, 1),
            "engine none",
        )
        n = 500 * scale
        row(
            f"catalog stats, {n} entries",
            stats(root, n, repeat),
            stats(root, 2 * n, repeat),
            "with the glossary check",
        )
        c, e = 625 * scale, 250 * scale
        row(
            f"review import, {e} edits on {c} concepts",
            review_import(root, c, e, repeat),
            review_import(root, 2 * c, 2 * e, repeat),
            "dry run",
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
