"""Synthetic wire copy for the benchmarks: the seed article's sentences, varied by a seed."""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: The team's seed article (NEWSLOC_SHARED, as for the tests, or ../shared beside the
#: checkout); where neither has it, the sample article that ships in examples/.
SHARED = Path(os.environ.get("NEWSLOC_SHARED") or REPO.parent / "shared")
SEED_ARTICLE = SHARED / "articles" / "seed-article.txt"
if not SEED_ARTICLE.is_file():
    SEED_ARTICLE = REPO / "examples" / "sample-article.txt"
PLACES = ["Stepanakert", "Khankendi", "Shusha", "Shushi", "Baku", "Yerevan", "Lachin", "Agdam"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def make_article(paragraphs: int, seed: int = 0) -> list[str]:
    """Paragraphs of wire copy built from the seed article's sentences, varied."""
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    sentences = [
        s.strip()
        for line in text.splitlines()
        for s in re.split(r"(?<=[.”])\s+", line.strip())
        if len(s.split()) > 3
    ]
    rng = random.Random(seed)
    article = []
    for _ in range(paragraphs):
        chosen = [_vary(rng.choice(sentences), rng) for _ in range(rng.randint(1, 3))]
        article.append(" ".join(sentence.rstrip(".") + "." for sentence in chosen))
    return article


def _vary(sentence: str, rng: random.Random) -> str:
    for place in PLACES:
        if place in sentence:
            sentence = sentence.replace(place, rng.choice(PLACES))
    for day in WEEKDAYS:
        sentence = sentence.replace(day, rng.choice(WEEKDAYS))
    return re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(0, 9)), sentence)
