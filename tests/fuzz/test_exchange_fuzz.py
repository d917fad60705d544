"""Fuzzing the glossary side: mutated TOML glossaries, random TSV/CSV/TBX imports, odd --out.

For every generated input, what a user relies on:

- the documented exit code: 0 for a usable file, 2 for unusable input (1 never appears:
  that is `glossary check`'s "violations found", not an input error);
- no traceback, and every stderr line is one `newsloc: error: FILE…` line naming the file.
  A glossary or term list with several independent problems lists one line per problem
  (documented: a curator fixes a file in one pass); a single cause (unusable targets, a
  missing [glossary] table, nesting, entities, a bad --out) is exactly one line;
- nothing written on failure: the --out file does not appear;
- on success the output is a glossary that loads.

NEWSLOC_FUZZ_DEEP=1 runs many more examples (see tests/fuzz/__init__.py).
"""

from __future__ import annotations

import os
import random
import tempfile
from pathlib import Path

from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsloc.glossary import load_glossary
from newsloc.translate.cli import app
from tests.glossary.test_exchange import SAMPLE_TOML

DEEP = os.environ.get("NEWSLOC_FUZZ_DEEP", "") not in ("", "0")
FUZZ = settings(
    max_examples=300 if DEEP else 12,
    deadline=None,
    derandomize=not DEEP,
    suppress_health_check=[HealthCheck.too_slow],
)

runner = CliRunner()

#: Characters that have broken parsers: quotes, separators, controls, BOM, non-Latin letters.
HOSTILE = [
    '"',
    "'",
    ",",
    "\t",
    "\n",
    "\r",
    "\x00",
    "\x01",
    "\x9b",
    "\u2028",
    "\u2029",
    "\ufeff",
    "[",
    "]",
    "{",
    "}",
    "=",
    ".",
    "#",
    "\\",
    "<",
    ">",
    "&",
    ";",
    "%",
    "Б",
    "Ղ",
    "ə",
    "日",
    " ",
    "  ",
    "a",
    "Baku",
    "Баку",
    "en",
    "ru",
]


def refused_or_usable(result: Result, label: str, out: Path) -> None:
    """The shared promise: exit 0 with a loadable --out, or exit 2, lines naming the file,
    nothing written."""
    assert result.exit_code in (0, 2), (result.exit_code, result.output)
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        assert out.is_file()
        load_glossary(out)
        return
    lines = result.stderr.splitlines()
    assert lines, result.output
    for line in lines:
        assert line.startswith(f"newsloc: error: {label}"), line
    assert not out.exists()


def one_line(result: Result, fragment: str = "") -> str:
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsloc: error: "), result.stderr
    assert fragment in lines[0]
    assert "Traceback" not in result.output
    return lines[0]


# --- mutated TOML glossaries -------------------------------------------------------------


def mutate(text: str, rng: random.Random, steps: int) -> str:
    lines = text.splitlines(keepends=True)
    for _ in range(steps):
        choice = rng.randrange(7)
        at = rng.randrange(len(lines)) if lines else 0
        if choice == 0 and lines:
            del lines[at]
        elif choice == 1 and lines:
            lines.insert(at, lines[rng.randrange(len(lines))])
        elif choice == 2 and lines:
            line = lines[at]
            cut = rng.randrange(len(line) + 1)
            lines[at] = line[:cut] + rng.choice(HOSTILE) + line[cut:]
        elif choice == 3 and lines:
            lines[at] = lines[at][: rng.randrange(len(lines[at]) + 1)]
        elif choice == 4:
            depth = rng.choice([10, 1500, 5000])
            lines.insert(at, "x = " + "[" * depth + "]" * depth + "\n")
        elif choice == 5 and lines:
            lines[at] = lines[at].replace('"', rng.choice(["'", "", '"""', "\\"]), 1)
        else:
            lines.insert(at, rng.choice(["[glossary]\n", "[[concept]]\n", "[policy]\n", "id=3\n"]))
    return "".join(lines)


@FUZZ
@given(seed=st.integers(0, 2**32 - 1), steps=st.integers(1, 6))
def test_a_mutated_glossary_validates_or_is_refused_line_by_line(seed: int, steps: int) -> None:
    text = mutate(SAMPLE_TOML, random.Random(seed), steps)
    with tempfile.TemporaryDirectory() as folder:
        glossary = Path(folder) / "g.toml"
        glossary.write_text(text, encoding="utf-8", errors="surrogatepass")
        out = Path(folder) / "out.tsv"
        result = runner.invoke(
            app, ["glossary", "export", "-g", str(glossary), "-f", "csv", "-o", str(out)]
        )
        assert result.exit_code in (0, 2), result.output
        assert "Traceback" not in result.output
        if result.exit_code == 2:
            assert not out.exists()
            for line in result.stderr.splitlines():
                assert line.startswith(f"newsloc: error: {glossary}"), line
        validate = runner.invoke(app, ["glossary", "validate", str(glossary)])
        assert validate.exit_code == result.exit_code, (validate.output, result.output)


TARGETS_LINE = 'targets = ["hy", "az", "ru"]\n'


UNUSABLE_TARGETS = [
    "[]",
    '"ru"',
    "3",
    "{}",
    '["xx"]',
    '["ru", "RU"]',
    '["en"]',
    '[""]',
    '["ru", "ru"]',
    '["hy", "az", "zz"]',
    '["ru-RU"]',
    '[" ru"]',
    '["hy", 3]',
    '"hy az ru"',
    "[[]]",
]


@FUZZ
@given(
    targets=st.sampled_from(UNUSABLE_TARGETS),
    header=st.sampled_from(["[glossary]\n", "[glosary]\n", "", "[Glossary]\n"]),
)
def test_an_unusable_glossary_table_is_one_line_whatever_the_concepts(
    targets: str, header: str
) -> None:
    text = SAMPLE_TOML.replace(TARGETS_LINE, f"targets = {targets}\n").replace(
        "[glossary]\n", header, 1
    )
    with tempfile.TemporaryDirectory() as folder:
        glossary = Path(folder) / "g.toml"
        glossary.write_text(text, encoding="utf-8")
        result = runner.invoke(app, ["glossary", "validate", str(glossary)])
        line = one_line(result, "[glossary]")
        assert line.startswith(f"newsloc: error: {glossary}:")


# --- random term lists -------------------------------------------------------------------

cells = st.lists(st.sampled_from(HOSTILE), min_size=0, max_size=6).map("".join)


@FUZZ
@given(
    rows=st.lists(st.lists(cells, min_size=0, max_size=4), min_size=0, max_size=8),
    header=st.sampled_from(
        ["", "en,ru\n", "en\tru\n", "\ufeffen,ru,az\n", "en,ru,pos,description\n"]
    ),
    suffix=st.sampled_from([".csv", ".tsv"]),
    separator=st.sampled_from([",", "\t", ";"]),
)
def test_a_random_term_list_imports_or_is_refused(
    rows: list[list[str]], header: str, suffix: str, separator: str
) -> None:
    text = header + "".join(separator.join(row) + "\n" for row in rows)
    with tempfile.TemporaryDirectory() as folder:
        terms = Path(folder) / f"terms{suffix}"
        terms.write_text(text, encoding="utf-8", errors="surrogatepass")
        out = Path(folder) / "out.toml"
        result = runner.invoke(
            app, ["glossary", "import", str(terms), "--lang", "ru", "-o", str(out)]
        )
        refused_or_usable(result, str(terms), out)


names = st.lists(
    st.sampled_from(["Hotel", '"Armenia"', "Armenia", ",", "Nagorno", "Karabakh", "'", "Б"]),
    min_size=1,
    max_size=4,
).map(" ".join)


@FUZZ
@given(name=names, nominative=names, fmt=st.sampled_from(["tsv", "csv"]))
def test_export_then_import_keeps_the_terms_or_refuses_in_one_line(
    name: str, nominative: str, fmt: str
) -> None:
    toml = (
        '[glossary]\nname = "F"\nversion = "1"\ntargets = ["ru"]\n\n[[concept]]\nid = "c"\n'
        f"names = [{_toml_string(name)}]\nru.{_toml_string(name)} = {_toml_string(nominative)}\n"
    )
    with tempfile.TemporaryDirectory() as folder:
        glossary = Path(folder) / "g.toml"
        glossary.write_text(toml, encoding="utf-8")
        exported = Path(folder) / f"terms.{fmt}"
        result = runner.invoke(
            app, ["glossary", "export", "-g", str(glossary), "-l", "ru", "-o", str(exported)]
        )
        if result.exit_code != 0:
            one_line(result, "starts with a straight quote")
            assert not exported.exists()
            return
        back = Path(folder) / "back.toml"
        result = runner.invoke(
            app, ["glossary", "import", str(exported), "-l", "ru", "-o", str(back)]
        )
        assert result.exit_code == 0, result.output
        concept = load_glossary(back).concepts[0]
        assert concept.names == (name,)
        forms = concept.forms_of("ru", name)
        assert forms is not None and forms.nom == nominative


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- random TBX ----------------------------------------------------------------------------

PROLOGS = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n',
    '<!DOCTYPE martif PUBLIC "ISO 30042:2008A//DTD TBX core//EN" "TBXcoreStructV02.dtd">\n',
    '<!DOCTYPE martif [<!ENTITY x "Baku">]>\n',
    '<!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n',
    '<!DOCTYPE martif [<!ENTITY % p SYSTEM "http://example.invalid/p.dtd"> %p;]>\n',
    "",
]
TBX_PIECES = [
    '<martif type="TBX-Basic" xml:lang="en">',
    "</martif>",
    "<text>",
    "</text>",
    "<body>",
    "</body>",
    '<termEntry id="c">',
    "<termEntry>",
    "</termEntry>",
    '<langSet xml:lang="en">',
    '<langSet xml:lang="ru">',
    '<langSet xml:lang="">',
    "<langSet>",
    "</langSet>",
    "<tig>",
    "</tig>",
    "<term>",
    "</term>",
    "Baku",
    "Баку",
    "&amp;",
    "&x;",
    "&#0;",
    "&#x41;",
    '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>',
    "<note>name: Baku</note>",
    "<note>cases: gen</note>",
    "<note>cases: nom zz</note>",
    "<note>variant: x</note>",
    "<note>targets: ru</note>",
    "<hi>",
    "</hi>",
    "<!-- c -->",
    "<![CDATA[<x>]]>",
    "\x00",
    "\ufeff",
    " ",
]
VALID_ENTRY = (
    '<martif type="TBX-Basic" xml:lang="en"><text><body><termEntry id="c">'
    '<langSet xml:lang="en"><tig><term>Baku</term></tig></langSet>'
    '<langSet xml:lang="ru"><tig><term>Баку</term></tig></langSet>'
    "</termEntry></body></text></martif>"
)


@FUZZ
@given(
    prolog=st.lists(st.sampled_from(PROLOGS), max_size=2).map("".join),
    pieces=st.lists(st.sampled_from(TBX_PIECES), max_size=40),
    splice=st.booleans(),
)
def test_a_random_tbx_imports_or_is_refused(prolog: str, pieces: list[str], splice: bool) -> None:
    body = "".join(pieces)
    if splice:  # random pieces inside an otherwise valid entry
        cut = VALID_ENTRY.index("</langSet>")
        body = VALID_ENTRY[:cut] + body + VALID_ENTRY[cut:]
    with tempfile.TemporaryDirectory() as folder:
        tbx = Path(folder) / "terms.tbx"
        tbx.write_text(prolog + body, encoding="utf-8", errors="surrogatepass")
        out = Path(folder) / "out.toml"
        result = runner.invoke(app, ["glossary", "import", str(tbx), "-o", str(out)])
        refused_or_usable(result, str(tbx), out)
        if "<!ENTITY" in prolog:  # refused, whether the prolog is otherwise well-formed or not
            alone = [p for p in PROLOGS if "<!ENTITY" in p]
            well_formed = prolog in alone or prolog in [PROLOGS[0] + p for p in alone]
            one_line(result, "the DOCTYPE declares entities" if well_formed else "")


# --- odd --out paths ---------------------------------------------------------------------


@FUZZ
@given(
    # /dev/null itself is tried in tests/translate/cli/test_glossary_exchange_out.py, where
    # a guard keeps a regression from replacing it (these tests may run as root)
    kind=st.sampled_from(["folder", "fifo", "under-a-file", "existing", "itself"]),
    command=st.sampled_from(
        [
            ["glossary", "export", "-f", "tbx"],
            ["glossary", "export", "-f", "xcs"],
            ["glossary", "review", "export", "-l", "az"],
        ]
    ),
)
def test_an_odd_out_is_one_line_and_nothing_is_replaced(kind: str, command: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        glossary = base / "g.toml"
        glossary.write_text(SAMPLE_TOML, encoding="utf-8")
        before = glossary.read_bytes()
        if kind == "folder":
            out = base / "exports"
            out.mkdir()
        elif kind == "fifo":
            out = base / "pipe"
            os.mkfifo(out)
        elif kind == "under-a-file":
            (base / "file").write_text("x", encoding="utf-8")
            out = base / "file" / "out.tbx"
        elif kind == "existing":
            out = base / "review.po"
            out.write_text("a reviewer's work", encoding="utf-8")
        else:
            out = glossary
        extra = ["--force"] if kind in ("fifo", "itself") else []
        result = runner.invoke(app, [*command, "-g", str(glossary), "-o", str(out), *extra])
        one_line(result, str(out))
        assert glossary.read_bytes() == before
        if kind == "existing":
            assert out.read_text(encoding="utf-8") == "a reviewer's work"
        if kind == "fifo":
            assert out.is_fifo()
