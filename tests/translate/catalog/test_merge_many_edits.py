"""Many edited paragraphs find their old translations as a comparison with every old entry
would, without comparing each with every one (that was quadratic in the edits)."""

from __future__ import annotations

import random

import polib
import pytest

from newsloc.translate.catalog import merge as merging

VOCABULARY = [f"{a}{b}" for a in ("ka", "lo", "mi", "su", "ter", "va") for b in "aeiou"] + [
    "the",
    "of",
    "in",
    "and",
    "said",
    "officials",
]


def paragraphs(count: int, rng: random.Random) -> list[str]:
    return [
        " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(6, 30))) + "."
        for _ in range(count)
    ]


def edited(text: str, rng: random.Random) -> str:
    """A reporter's edit: a word changed, added or dropped, or two words swapped."""
    words = text[:-1].split()
    at = rng.randrange(len(words))
    kind = rng.randrange(4)
    if kind == 0:
        words[at] = rng.choice(VOCABULARY)
    elif kind == 1:
        words.insert(at, rng.choice(VOCABULARY))
    elif kind == 2 and len(words) > 6:
        del words[at]
    else:
        words[at], words[-1] = words[-1], words[at]
    return " ".join(words) + "."


def merged(old: list[str], new: list[str]) -> dict[str, str | None]:
    existing = polib.POFile()
    for text in old:
        existing.append(polib.POEntry(msgid=text, msgstr=text.upper()))
    template = [polib.POEntry(msgid=text) for text in new]
    po, _report = merging.merge(existing, template, {})
    return {entry.msgid: entry.previous_msgid for entry in po if not entry.obsolete}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_edited_paragraphs_find_their_old_form_as_a_full_comparison_does(
    seed: int, monkeypatch: pytest.MonkeyPatch
):
    rng = random.Random(seed)
    old = paragraphs(1500, rng)
    new = [edited(text, rng) if rng.random() < 0.2 else text for text in old]
    new += paragraphs(50, rng)  # and some new paragraphs, like nothing before
    assert len(set(old)) == len(old)

    indexed = merged(old, new)
    monkeypatch.setattr(merging._Similar, "EVERY", 10**9)  # compare with every candidate
    compared = merged(old, new)

    assert indexed == compared
    found = sum(1 for previous in indexed.values() if previous)
    assert found >= 0.9 * sum(1 for a, b in zip(old, new, strict=False) if a != b)
