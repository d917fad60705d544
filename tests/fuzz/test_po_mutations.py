"""Malformed catalogues: one line naming the file and line, never a traceback, and
nothing GNU gettext accepts is refused (the documented exceptions aside)."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsloc.base.po.reader import CatalogueSyntaxError, parse_catalogue
from newsloc.base.po.writer import format_catalogue
from tests.fuzz.conftest import DEEP
from tests.fuzz.support import SEPARATORS, WORDS, catalogues

GNU = shutil.which("msgfmt")

MUTATIONS = [
    lambda t, r: t.replace('"', "", 1 + r.randrange(5)),  # a quote goes missing
    lambda t, r: t[: r.randrange(len(t))],  # truncated
    lambda t, r: _insert(t, r, r.choice(['"', "\\", "\\q", "\x00", "msgid", "#~", "\n"])),
    lambda t, r: _insert(t, r, chr(r.randrange(1, 0x3000))),
    lambda t, r: t.replace("msgstr", "msgstr[0]", 1),
    lambda t, r: t.replace("msgid", "msgid_plural", 1),
    lambda t, r: t.replace("msgstr ", "", 1),
    lambda t, r: t + t[t.find("\n\n") :],  # every entry again: duplicates
    lambda t, r: t.replace("\n", "\n\t", r.randrange(20)),
    lambda t, r: t.replace("charset=UTF-8", r.choice(["charset=NOPE-42", "charset=ISO-8859-1"])),
    lambda t, r: t.replace("#~ ", "#~| ", 1),
    lambda t, r: t.replace("\\n", "\\", 1),
    # Issue 20: keywords joined onto one line, quoted and foreign charsets, EOT, headers twice.
    lambda t, r: t.replace('"\nmsg', r.choice(['" msg', '"msg', '"\t msg']), 1 + r.randrange(6)),
    lambda t, r: t.replace("charset=UTF-8", r.choice(['charset=\\"UTF-8\\"', "charset=KOI8-R"])),
    lambda t, r: _insert(t, r, r.choice(["\x04", "\\004", "\\x04"])),
    lambda t, r: t.replace('"Language: ru\\n"', '"Language: ru\\n"\n"Language: hy\\n"'),
]


def _sample(rng: random.Random) -> polib.POFile:
    """A small valid catalogue built from the same words as the strategies."""
    po = polib.POFile()
    po.metadata = {"Language": "ru", "Content-Type": "text/plain; charset=UTF-8"}
    for i in range(rng.randrange(1, 6)):
        text = " ".join(rng.choice(WORDS + SEPARATORS) for _ in range(rng.randrange(1, 30)))
        entry = polib.POEntry(
            msgid=f"{i} {text}",
            msgstr=text[::-1],
            occurrences=[("my story.txt", str(i + 1)), ("story.txt", str(i))],
            tcomment="note" if i % 2 else "",
            flags=["fuzzy"] if i % 3 == 0 else [],
            previous_msgid="old" if i % 3 == 0 else None,
            obsolete=i == 4,
        )
        if i == 4:
            entry.occurrences = []
        po.append(entry)
    return po


def _insert(text: str, rng: random.Random, what: str) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + what + text[at:]


@given(catalogues(), st.integers(0, len(MUTATIONS) - 1), st.integers(0, 2**32))
def test_a_mutated_catalogue_is_read_or_refused_in_one_line(po, which, seed) -> None:
    text = MUTATIONS[which](format_catalogue(po), random.Random(seed))
    path = Path("mutated.po")
    try:
        parse_catalogue(path, text.encode("utf-8", "surrogatepass"))
    except CatalogueSyntaxError as exc:
        message = str(exc)
        assert "\n" not in message and message.startswith("mutated.po")


@pytest.mark.skipif(not GNU, reason="GNU msgfmt missing")
def test_whatever_msgfmt_accepts_newsloc_reads(tmp_path: Path) -> None:
    """Differential: msgfmt --check against the strict reader on random mutations."""
    rng = random.Random(12)
    samples = [_sample(random.Random(seed)) for seed in range(4)]
    path = tmp_path / "m.po"
    disagreements = []
    for round_ in range(600 if DEEP else 60):
        base = format_catalogue(samples[round_ % len(samples)])
        text = MUTATIONS[rng.randrange(len(MUTATIONS))](base, rng)
        data = text.encode("utf-8", "surrogatepass")
        path.write_bytes(data)
        gnu = subprocess.run(["msgfmt", "-o", os.devnull, str(path)], capture_output=True)
        try:
            parse_catalogue(path, data)
            ours = True
        except CatalogueSyntaxError:
            ours = False
        # Refused on purpose (docs/catalogues.md): other charsets, NUL bytes (msgfmt
        # compiles them into the .mo), and GNU's backslash-newline continuation.
        documented = any(
            mark in data
            for mark in (b"charset=ISO-8859-1", b"charset=KOI8-R", b"NOPE-42", b"\x00", b"\\\n")
        )
        if gnu.returncode == 0 and not ours and not documented:
            disagreements.append(text)
    assert not disagreements, disagreements[0]
