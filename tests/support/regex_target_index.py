"""The target index's matching as it was: one regular expression of every spelling.

Kept in the tests only, as the reference the index's own matching (`glossary.target`'s
sorted-spellings walk) must agree with, occurrence for occurrence
(tests/glossary/test_target_index_reference.py). It builds what `TargetIndex` compiled
until issue 21: every spelling (and every spelling in capitals) in one trie-shaped
alternation, continuations before the end of a spelling; whole words in ru, the rest of the
word left to the suffix in hy/az.

One change since: the start of a word is checked before a spelling's first character, not
after it (`(?<!W.)` after a first character that the pattern read as two, ru `А́` with its
stress mark or hy `եւ` for `և`, looked at the wrong characters and hid the name); the
index's walk was fixed alike. The hy pack's patterns (`ԵՒ` read as `ԵՎ` in capitals) are
the pack's own, shared by both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from newsloc.glossary.target import WORD_CLASS, TargetIndex

_STARTS_WORD = f"(?<!{WORD_CLASS})"
_ENDS_WORD = f"(?!{WORD_CLASS})"


def _trie_pattern(spellings: Iterable[str], char: Callable[[str], str], end: str) -> str:
    root: dict[str, dict] = {}
    for spelling in spellings:
        node = root
        for character in spelling:
            node = node.setdefault(character, {})
        node[""] = {}
    if not root:
        return "(?!)"
    return _node_pattern(root, char, end, first=True)


def _node_pattern(node: dict[str, dict], char: Callable[[str], str], end: str, first=False) -> str:
    branches = [
        (_STARTS_WORD if first else "") + char(key) + _node_pattern(node[key], char, end)
        for key in sorted(key for key in node if key)
    ]
    if "" in node:
        branches.append(end)
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


class RegexTargetIndex(TargetIndex):
    """A `TargetIndex` that finds its spellings with the one regular expression."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        spellings = [*self.readings, *self.capital_readings]
        end = "" if self.suffixing else _ENDS_WORD
        self._regex = re.compile(_trie_pattern(spellings, self.pack.char_pattern, end))

    def _spans(self, text: str) -> Iterator[tuple[int, int]]:
        for found in self._regex.finditer(text):
            yield found.span()
