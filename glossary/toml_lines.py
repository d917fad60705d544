"""Where keys stand in a glossary's TOML text, so every problem can name its line.

`tomllib` gives values, not positions; this small scanner reads the text once and maps each
key path (`("concept", 3, "ru", "Stepanakert")`) to the line that defines it. It knows just
enough TOML for that: table headers, dotted and quoted keys, and multi-line strings to skip.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

KeyPath = tuple[Any, ...]

_HEADER = re.compile(r"\s*(\[\[?)(.*?)(\]\]?)\s*(#.*)?$")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _parse_key(text: str, pos: int) -> tuple[list[str], int] | None:
    """A dotted TOML key starting at `pos`: its parts and the position after it."""
    parts: list[str] = []
    while True:
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        if pos >= len(text):
            return None
        char = text[pos]
        if char in "\"'":
            end = pos + 1
            while end < len(text) and text[end] != char:
                end += 2 if char == '"' and text[end] == "\\" else 1
            if end >= len(text):
                return None
            raw = text[pos + 1 : end]
            parts.append(_unescape(raw) if char == '"' else raw)
            pos = end + 1
        else:
            bare = _BARE_KEY.match(text, pos)
            if bare is None:
                return None
            parts.append(bare.group())
            pos = bare.end()
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        if pos < len(text) and text[pos] == ".":
            pos += 1
            continue
        return parts, pos


def _unescape(raw: str) -> str:
    try:
        return tomllib.loads(f'k = "{raw}"')["k"]
    except tomllib.TOMLDecodeError:
        return raw


def _open_multiline_after(text: str, open_quotes: str | None) -> str | None:
    """The multi-line string delimiter still open after reading `text`, if any.

    `open_quotes` is the delimiter open when `text` starts; strings and comments are
    skipped properly, so three quotes inside an ordinary string do not open anything.
    """
    position, size = 0, len(text)
    while position < size:
        if open_quotes is not None:
            if open_quotes == '"""' and text[position] == "\\":
                position += 2
            elif text.startswith(open_quotes, position):
                position += 3
                while position < size and text[position] == open_quotes[0]:
                    position += 1  # up to two quotes may end the content itself
                open_quotes = None
            else:
                position += 1
            continue
        char = text[position]
        if char == "#":
            return None
        if text.startswith(('"""', "'''"), position):
            open_quotes = text[position : position + 3]
            position += 3
        elif char == '"':
            position += 1
            while position < size and text[position] != '"':
                position += 2 if text[position] == "\\" else 1
            position += 1
        elif char == "'":
            end = text.find("'", position + 1)
            position = size if end < 0 else end + 1
        else:
            position += 1
    return open_quotes


class KeyLines:
    """Maps key paths to the line where the text defines them.

    Paths are `("glossary", "targets")`, `("policy", "format")` or
    `("concept", INDEX, "ru", "Stepanakert")`; a path that no line spells out (a key inside
    an inline table) resolves to its nearest enclosing key, then to its table header.
    """

    def __init__(self, text: str):
        self._lines: dict[KeyPath, int] = {}
        #: Keys in file order, grouped by table (a concept, [glossary], [policy]).
        self._by_table: dict[KeyPath, list[tuple[KeyPath, int]]] = {}
        self._scan(text)

    @staticmethod
    def _table_of(path: KeyPath) -> KeyPath:
        return path[:2] if path[:1] == ("concept",) else path[:1]

    def _record(self, path: KeyPath, line: int) -> None:
        if path not in self._lines:
            self._lines[path] = line
            self._by_table.setdefault(self._table_of(path), []).append((path, line))

    def _scan(self, text: str) -> None:
        prefix: KeyPath = ()
        concepts = -1
        in_multiline: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline is not None:
                in_multiline = _open_multiline_after(line, in_multiline)
                continue
            header = _HEADER.match(line)
            if header is not None and header.group(1) in ("[", "[[") and "=" not in line:
                parsed = _parse_key(header.group(2), 0)
                if parsed is None:
                    continue
                keys = parsed[0]
                if header.group(1) == "[[" and keys == ["concept"]:
                    concepts += 1
                    prefix = ("concept", concepts)
                elif keys[0] == "concept" and concepts >= 0:
                    prefix = ("concept", concepts, *keys[1:])
                else:
                    prefix = tuple(keys)
                self._record(prefix, number)
                continue
            parsed = _parse_key(line, 0)
            if parsed is not None and parsed[1] < len(line) and line[parsed[1]] == "=":
                self._record((*prefix, *parsed[0]), number)
                in_multiline = _open_multiline_after(line[parsed[1] + 1 :], None)

    def line_of(self, path: KeyPath) -> int | None:
        """The line of `path`, of the first key inside it, or of its nearest ancestor."""
        if not path:
            return None
        if path in self._lines:
            return self._lines[path]
        depth = len(path)
        for candidate, line in self._by_table.get(self._table_of(path), ()):
            if candidate[:depth] == path:
                return line
        for cut in range(depth - 1, 0, -1):
            if path[:cut] in self._lines:
                return self._lines[path[:cut]]
        return None
