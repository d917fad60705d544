"""Loading glossary files (glossary-spec.md, section 2): the public entry points.

A glossary is parsed with the standard library's `tomllib`, checked against every rule of
the contract (`glossary.validation`), and only then turned into the immutable term model.
Every problem is collected before anything is raised, so a curator fixes a file in one
pass; each problem is one line `FILE:LINE: CONCEPT_ID: message`, the line found by
scanning the text for the key (`glossary.toml_lines`).
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

from newsloc.base.files import UnreadableFile, atomic_write_bytes, read_user_text
from newsloc.glossary import cache
from newsloc.glossary.errors import GlossaryError
from newsloc.glossary.model import Glossary
from newsloc.glossary.textnorm import nfc
from newsloc.glossary.toml_lines import KeyLines
from newsloc.glossary.validation import GlossaryBuilder

#: The curated glossary that ships with newsloc.
DEFAULT_GLOSSARY_PATH = Path(__file__).resolve().parent / "data" / "south-caucasus.toml"


def load_default_glossary() -> Glossary:
    """The curated default glossary (`glossary/data/south-caucasus.toml`)."""
    return load_glossary(DEFAULT_GLOSSARY_PATH)


def copy_default_glossary(destination: str | os.PathLike[str], replace: bool = False) -> Path:
    """Copy the curated glossary to `destination`, byte for byte, to curate a glossary of
    one's own: the installed default belongs to the program and is never edited in place."""
    target = Path(destination)
    if target.is_dir():
        raise GlossaryError(f"{target}: is a directory; give a file name, e.g. {target}/my.toml")
    if target.exists() and not replace:
        raise GlossaryError(f"{target}: already exists; use --force to replace it")
    atomic_write_bytes(target, DEFAULT_GLOSSARY_PATH.read_bytes())
    return target


def glossary_or_default(
    path: str | os.PathLike[str] | None, profile: str | None = None
) -> Glossary:
    """The glossary at `path`, or the curated default when no path is given, under the
    policy profile `profile` (None: the file's `[policy]` table)."""
    glossary = load_default_glossary() if path is None else load_glossary(path)
    if profile is None:
        return glossary
    profiled = glossary.with_profile(profile)
    content = cache.key_of(glossary)
    if content is not None:
        cache.tag(profiled, content)  # a profile changes no spelling: the same indexes
    return profiled


def load_glossary(path: str | os.PathLike[str]) -> Glossary:
    """Read and validate a glossary file; `GlossaryError` lists every problem found.

    A file loaded before (the same text, the same path, the same newsloc) is read back
    from the cache (`glossary.cache`) instead of being parsed and validated again; a file
    with problems is never cached, so it reports them every time.
    """
    text = read_glossary_text(path)
    content = cache.content_key(text)
    key = cache.derived_key(content, "glossary", os.fspath(path))
    glossary = cache.remembered(key)
    if not isinstance(glossary, Glossary):
        glossary = cache.load(key, Glossary)
        if not isinstance(glossary, Glossary):
            with cache.quiet_gc():
                glossary = parse_glossary(text, path)
            cache.store(key, glossary)
        cache.remember(key, glossary)
    cache.tag(glossary, content)
    return glossary


def read_glossary_text(path: str | os.PathLike[str]) -> str:
    """The file's text, or a one-line `GlossaryError` naming the file and what is wrong."""
    try:
        return read_user_text(path, "glossary file")
    except UnreadableFile as exc:
        raise GlossaryError(str(exc)) from None


def parse_glossary(text: str, path: str | os.PathLike[str] | None = None) -> Glossary:
    """Validate glossary TOML `text` (read from `path`, used in messages) into a Glossary."""
    label = os.fspath(path) if path is not None else "<glossary>"
    # A file saved decomposed (NFD) is read composed, as translations are read: its forms
    # are then found in any text, and what apply inserts is composed.
    text = nfc(text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise GlossaryError(_toml_problem(label, exc, text)) from None
    except RecursionError:  # tomllib parses nested arrays and inline tables recursively
        problem = "not a glossary: arrays or tables nested too deeply"
        raise GlossaryError(f"{label}: {problem}") from None
    builder = GlossaryBuilder(label, KeyLines(text))
    glossary = builder.build(data, Path(path) if path is not None else None)
    if builder.problems:
        raise GlossaryError(builder.report())
    assert glossary is not None
    return glossary


def _toml_problem(label: str, exc: tomllib.TOMLDecodeError, text: str) -> str:
    """tomllib's message as `FILE:LINE: not valid TOML: …`."""
    message = str(exc)
    if message.endswith("(at end of document)"):
        reason = message.removesuffix("(at end of document)").rstrip()
        return f"{label}:{max(1, len(text.splitlines()))}: not valid TOML: {reason} (at the end)"
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", message)
    if found is None:
        return f"{label}: not valid TOML: {message}"
    reason = message[: found.start()]
    return f"{label}:{found.group(1)}: not valid TOML: {reason} (column {found.group(2)})"
