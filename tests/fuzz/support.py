"""Shared helpers: generated text and catalogues, and what a refusal must look like."""

from __future__ import annotations

import hashlib
from pathlib import Path

import polib
from click.testing import CliRunner, Result
from hypothesis import strategies as st

from newsloc.translate.cli import app

#: Characters newsloc's articles really hold, plus the separators and controls that broke
#: the old reader (U+2028, U+2029, \f, \v, \x1c-\x1e, \x85) and quoting characters.
WORDS = [
    "Stepanakert",
    "Khankendi",
    "Степанакерт",
    "Ханкенди",
    "Ստեփանակերտ",
    "Խանքենդի",
    "Xankəndi",
    "Azərbaycan",
    "Հայաստան",
    "the",
    "road",
    "of",
    "U.S.",
    "10%",
    "$5",
    "2026",
    "(Reuters)",
    "«Ереван»",
    "“quoted”",
    "‘single’",
    '"dq"',
    "it's",
    "a/b",
    "…",
    "—",
    "–",
    "-",
    "well-known",
    "հայ-ռուս",
    "։",
    "֊",
    "!",
    "?",
    ",",
    ".",
    ":",
    ";",
    "back\\slash",
    "tab\there",
    "日本語",
    "nbsp\u00a0here",
    "[x]",
    "#",
    "&",
    "ё",
    "é",
]
SEPARATORS = ["\u2028", "\u2029", "\f", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\r", "\a"]

runner = CliRunner()


def texts(min_words: int = 1, max_words: int = 40, separators: bool = True) -> st.SearchStrategy:
    glue = [" ", " ", " ", "  ", "", "\n"] + (SEPARATORS if separators else [])
    word = st.sampled_from(WORDS)
    return st.lists(
        st.tuples(word, st.sampled_from(glue)), min_size=min_words, max_size=max_words
    ).map(lambda parts: "".join(w + g for w, g in parts).strip(" ") or "x")


@st.composite
def entries(draw: st.DrawFn, index: int) -> polib.POEntry:
    msgid = f"{index} " + draw(texts())
    kind = draw(st.sampled_from(["plain", "plain", "fuzzy", "plural", "obsolete", "ctxt"]))
    entry = polib.POEntry(
        msgid=msgid,
        msgstr=draw(texts()),
        occurrences=draw(
            st.lists(
                st.tuples(
                    st.sampled_from(["story.txt", "my story.txt", "a/b c.txt"]),
                    st.integers(1, 99999).map(str),
                ),
                max_size=4,
            )
        ),
        comment=draw(st.sampled_from(["", "byline: keep the name as written", "[ru] glossary: x"])),
        tcomment=draw(
            st.sampled_from(["", "machine translation: fake", "two\nlines", " indented"])
        ),
    )
    if kind == "fuzzy":
        entry.flags = ["fuzzy"]
        entry.previous_msgid = draw(texts())
    elif kind == "plural":
        entry.msgid_plural = draw(texts())
        entry.msgstr = ""
        entry.msgstr_plural = {i: draw(texts()) for i in range(draw(st.integers(1, 3)))}
    elif kind == "obsolete":
        entry.obsolete = True
        entry.occurrences = []
        entry.previous_msgid = draw(st.one_of(st.none(), texts()))
    elif kind == "ctxt":
        entry.msgctxt = draw(texts(max_words=3))
    return entry


@st.composite
def catalogues(draw: st.DrawFn) -> polib.POFile:
    po = polib.POFile()
    po.header = draw(st.sampled_from(["", "Russian translation", "two\nlines"]))
    po.metadata = {
        "Project-Id-Version": "story",
        "Language": draw(st.sampled_from(["ru", "hy", "az"])),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Newsloc-Source": draw(st.sampled_from(["story.txt", "my story.txt"])),
    }
    count = draw(st.integers(1, 12))
    live = [draw(entries(i)) for i in range(count)]
    po.extend([e for e in live if not e.obsolete] + [e for e in live if e.obsolete])
    return po


FIELDS = (
    "msgid",
    "msgstr",
    "msgctxt",
    "msgid_plural",
    "msgstr_plural",
    "occurrences",
    "comment",
    "tcomment",
    "flags",
    "previous_msgid",
    "obsolete",
)


def content(po: polib.POFile) -> list[tuple]:
    """What a catalogue says, field by field (as GNU keeps it: no fuzzy on empty msgstr)."""
    rows = []
    for entry in po:
        values = []
        for name in FIELDS:
            value = getattr(entry, name)
            if name == "occurrences":
                value = [tuple(x) for x in value]
            if name == "msgstr_plural":
                value = dict(value)
            values.append(value)
        rows.append(tuple(values))
    return rows


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` and a digest of its bytes: "nothing was written"."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def newsloc(*args: str) -> Result:
    return runner.invoke(app, [str(a) for a in args])


def assert_refused(result: Result, name: str, code: int = 2) -> None:
    """The documented exit code, one line on stderr naming the file, no traceback."""
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    assert isinstance(result.exception, SystemExit), result.exception
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert name in lines[0], (name, lines[0])
    assert "Traceback" not in result.output
