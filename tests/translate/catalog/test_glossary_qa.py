"""`newsloc glossary apply` / `check` on .po catalogues, through the CLI and the library."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from newsloc.base.errors import NewslocError
from newsloc.translate.catalog import glossary_qa
from newsloc.translate.cli import app
from tests.glossary.test_render import GLOSSARY_TOML, make_glossary

runner = CliRunner()

HEADER = (
    "# Russian translation of the seed article, hand-wrapped as Poedit writes it.\n"
    'msgid ""\n'
    'msgstr ""\n'
    '"Project-Id-Version: seed 1\\n"\n'
    '"Language: ru\\n"\n'
    '"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n'
)

#: Blocks of a reviewer's catalogue, wrapped differently from polib on purpose.
BLOCKS = [
    HEADER,
    "#: seed.txt:1\n"
    'msgid ""\n'
    '"Fighting was reported in the Nagorno-Karabakh region, a move that could "\n'
    '"foreshadow a new war."\n'
    'msgstr "Сообщается о боях в регионе Нагорного Карабаха, что может "\n'
    '"предвещать новую войну."\n',
    "# reviewer: check the day\n"
    "#: seed.txt:3\n"
    "#, fuzzy\n"
    'msgid ""\n'
    '"Heavy shelling was heard "\n'
    '"in Stepanakert on Tuesday."\n'
    'msgstr "Во вторник в Ханкенди был слышен сильный обстрел."\n',
    "#. reviewer asked for a shorter sentence\n"
    "#: seed.txt:5\n"
    'msgid "The border with Baku\'s forces was stable."\n'
    'msgstr ""\n'
    '"Граница с силами "\n'
    '"Баку была стабильной."\n',
    "#: seed.txt:7\n"
    'msgid "Officials said Stepanakert would be next."\n'
    'msgstr "Официальные лица заявили, что следующим будет город."\n',
    '#~ msgid "An old paragraph about Baku."\n#~ msgstr "Старый абзац о Баку."\n',
]
CATALOGUE = "\n".join(BLOCKS)


@pytest.fixture
def glossary_file(tmp_path: Path) -> Path:
    path = tmp_path / "places.toml"
    text = (
        GLOSSARY_TOML.replace("@CONTESTED@", "both")
        .replace("@SCOPE@", "first")
        .replace("@FORMAT@", "{primary} ({secondary})")
    )
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    path = tmp_path / "locales" / "ru" / "LC_MESSAGES" / "seed.po"
    path.parent.mkdir(parents=True)
    path.write_bytes(CATALOGUE.encode("utf-8"))
    return path


def invoke(*args: str | Path):
    return runner.invoke(app, [str(a) for a in args])


def blocks_of(data: bytes) -> list[bytes]:
    return data.split(b"\n\n")


# --- apply ------------------------------------------------------------------------------


def test_apply_rewrites_only_the_changed_entries_byte_for_byte(catalogue, glossary_file):
    result = invoke("glossary", "apply", catalogue, "--glossary", glossary_file)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{catalogue}: changed 1 of 4 entries, 1 flagged for review",
        f"{catalogue}:{line_of(catalogue, 'Официальные лица')}: "
        'glossary: stepanakert: expected "Степанакерт" for "Stepanakert"',
    ]

    before, after = blocks_of(CATALOGUE.encode()), blocks_of(catalogue.read_bytes())
    assert len(after) == len(before)
    untouched = [0, 1, 3, 5]  # header, hand-wrapped entries, obsolete entry
    assert [after[i] for i in untouched] == [before[i] for i in untouched]
    assert after[2] != before[2] and after[4] != before[4]

    # Inside a changed entry only comments, flags and msgstr move; the msgid keeps its wrapping.
    assert after[2].decode() == (
        "# reviewer: check the day\n"
        '# glossary: stepanakert: "Ханкенди" → "Степанакерте (Ханкенди)"\n'
        "#: seed.txt:3\n"
        "#, fuzzy\n"
        'msgid ""\n'
        '"Heavy shelling was heard "\n'
        '"in Stepanakert on Tuesday."\n'
        'msgstr "Во вторник в Степанакерте (Ханкенди) был слышен сильный обстрел."'
    )
    assert after[4].decode() == (
        '# glossary: stepanakert: expected "Степанакерт" for "Stepanakert"\n'
        "#: seed.txt:7\n"
        "#, fuzzy\n"
        'msgid "Officials said Stepanakert would be next."\n'
        'msgstr "Официальные лица заявили, что следующим будет город."'
    )
    po = polib.pofile(str(catalogue))
    shelling = po.find("Heavy shelling was heard in Stepanakert on Tuesday.")
    assert shelling.msgstr == "Во вторник в Степанакерте (Ханкенди) был слышен сильный обстрел."
    assert shelling.fuzzy
    assert shelling.tcomment == (
        'reviewer: check the day\nglossary: stepanakert: "Ханкенди" → "Степанакерте (Ханкенди)"'
    )
    dropped = po.find("Officials said Stepanakert would be next.")
    assert dropped.msgstr == "Официальные лица заявили, что следующим будет город."
    assert dropped.fuzzy
    assert dropped.tcomment == 'glossary: stepanakert: expected "Степанакерт" for "Stepanakert"'


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
def test_applied_catalogue_passes_msgfmt_check(catalogue, glossary_file):
    assert invoke("glossary", "apply", catalogue, "-g", glossary_file).exit_code == 0
    done = subprocess.run(
        ["msgfmt", "--check-format", "-o", os.devnull, str(catalogue)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_apply_again_changes_nothing_and_does_not_rewrite_the_file(catalogue, glossary_file):
    assert invoke("glossary", "apply", catalogue, "-g", glossary_file).exit_code == 0
    applied = catalogue.read_bytes()
    inode = catalogue.stat().st_ino
    again = invoke("glossary", "apply", catalogue, "-g", glossary_file)
    assert again.exit_code == 0
    assert "changed 0 of 4 entries" in again.stdout
    assert catalogue.read_bytes() == applied
    assert catalogue.stat().st_ino == inode  # an atomic rewrite would replace the inode


def test_dry_run_prints_a_diff_and_writes_nothing(catalogue, glossary_file):
    inode = catalogue.stat().st_ino
    result = invoke("glossary", "apply", catalogue, "-g", glossary_file, "--dry-run")
    assert result.exit_code == 0
    assert '-msgstr "Во вторник в Ханкенди был слышен сильный обстрел."' in result.stdout
    assert '+msgstr "Во вторник в Степанакерте (Ханкенди) был слышен сильный обстрел."' in (
        result.stdout
    )
    assert "would change 1 of 4 entries, 1 flagged for review" in result.stdout
    assert catalogue.read_bytes() == CATALOGUE.encode()
    assert catalogue.stat().st_ino == inode


def test_apply_is_atomic_when_the_final_rename_fails(catalogue, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(NewslocError, match="cannot write: disk full; nothing was written"):
        glossary_qa.apply_to_catalog(catalogue, make_glossary())
    assert catalogue.read_bytes() == CATALOGUE.encode()
    assert sorted(p.name for p in catalogue.parent.iterdir()) == ["seed.po"]


def test_apply_keeps_windows_line_endings(tmp_path):
    path = tmp_path / "crlf.po"
    path.write_bytes(CATALOGUE.replace("\n", "\r\n").encode())
    report = glossary_qa.apply_to_catalog(path, make_glossary())
    assert report.written and report.changed == 1
    data = path.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert "Степанакерте (Ханкенди)".encode() in data


def test_apply_follows_the_language_header(tmp_path):
    path = tmp_path / "hy.po"
    path.write_text(
        HEADER.replace("Language: ru", "Language: hy_AM")
        + '\nmsgid "Shelling in Stepanakert."\nmsgstr "Հրետակոծություն Խանքենդիում։"\n',
        encoding="utf-8",
    )
    report = glossary_qa.apply_to_catalog(path, make_glossary())
    assert report.language == "hy"
    assert polib.pofile(str(path))[0].msgstr == "Հրետակոծություն Ստեփանակերտում (Խանքենդի)։"


# --- check ------------------------------------------------------------------------------


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_check_reports_file_line_concept_message_and_exits_1(catalogue, glossary_file):
    result = invoke("glossary", "check", catalogue, "-g", glossary_file)
    assert result.exit_code == 1
    # One line per violation, with its code; the other name alone is one violation, the
    # wrong name, with what apply writes (contract 5; it used to be three lines).
    assert result.stderr == "1 file, 2 violations\n"
    shelling = line_of(catalogue, "Во вторник в Ханкенди")
    dropped = line_of(catalogue, "Официальные лица заявили")
    assert result.stdout.splitlines() == [
        f'{catalogue}:{shelling}: NL103 stepanakert: uses "Ханкенди" (Khankendi) where the '
        'source says Stepanakert; apply writes "Степанакерте (Ханкенди)"',
        f'{catalogue}:{dropped}: NL101 stepanakert: lacks "Степанакерт" (any case) for '
        '"Stepanakert"',
    ]
    # --select / --ignore take codes or names.
    only = invoke("glossary", "check", catalogue, "-g", glossary_file, "--select", "missing-name")
    assert [line.split(": ")[1] for line in only.stdout.splitlines()] == ["NL101 stepanakert"]
    none = invoke("glossary", "check", catalogue, "-g", glossary_file, "--ignore", "NL101,NL103")
    assert (none.exit_code, none.stdout) == (0, "")
    bad = invoke("glossary", "check", catalogue, "-g", glossary_file, "--select", "NL999")
    assert bad.exit_code == 2 and "unknown check code 'NL999'" in bad.stderr


def test_check_json_lists_violation_objects(catalogue, glossary_file):
    result = invoke("glossary", "check", catalogue, "-g", glossary_file, "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [item["concept"] for item in data] == ["stepanakert"] * 2
    assert data[1] == {
        "file": str(catalogue),
        "line": line_of(catalogue, "Официальные лица заявили"),
        "concept": "stepanakert",
        "message": 'lacks "Степанакерт" (any case) for "Stepanakert"',
        "severity": "error",
        "code": "NL101",
        "name": "missing-name",
    }


def test_check_clean_catalogue_exits_0(tmp_path, glossary_file):
    path = tmp_path / "clean.po"
    path.write_text(
        HEADER
        + '\nmsgid "Shelling in Stepanakert."\nmsgstr "Обстрел в Степанакерте (Ханкенди)."\n',
        encoding="utf-8",
    )
    result = invoke("glossary", "check", path, "-g", glossary_file)
    assert (result.exit_code, result.stdout) == (0, "")
    # The summary goes to stderr, so stdout stays one `file:line:` line per violation.
    assert result.stderr == "1 file, no violations\n"
    quiet = invoke("glossary", "check", path, "-g", glossary_file, "-q")
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")
    json_result = invoke("glossary", "check", path, "-g", glossary_file, "--json")
    assert (json_result.exit_code, json.loads(json_result.stdout)) == (0, [])


def test_warnings_are_printed_but_do_not_change_the_exit_code(tmp_path, glossary_file):
    path = tmp_path / "georgia.po"
    path.write_text(
        HEADER + '\nmsgid "Officials in Georgia said."\nmsgstr "Чиновники Джорджии заявили."\n',
        encoding="utf-8",
    )
    result = invoke("glossary", "check", path, "-g", glossary_file)
    assert result.exit_code == 0
    assert result.stdout == (
        f'{path}:{line_of(path, "Чиновники")}: NL101 georgia: warning: lacks "Грузия" (any case) '
        'for "Georgia"\n'
    )


def test_check_after_apply_keeps_only_what_needs_a_person(catalogue, glossary_file):
    assert invoke("glossary", "apply", catalogue, "-g", glossary_file).exit_code == 0
    result = invoke("glossary", "check", catalogue, "-g", glossary_file)
    assert result.exit_code == 1
    assert [line.split(": ", 2)[2] for line in result.stdout.splitlines()] == [
        'lacks "Степанакерт" (any case) for "Stepanakert"'
    ]


@pytest.mark.parametrize("command", ["check", "apply"])
def test_unusable_input_exits_2_with_one_line(tmp_path, catalogue, glossary_file, command):
    no_language = tmp_path / "nolang.po"
    no_language.write_text(CATALOGUE.replace('"Language: ru\\n"\n', ""), encoding="utf-8")
    not_po = tmp_path / "article.txt"
    not_po.write_text("Shelling in Stepanakert.\n", encoding="utf-8")
    broken = tmp_path / "broken.po"
    broken.write_text(HEADER + '\nmsgid "Baku\nmsgstr "Баку"\n', encoding="utf-8")
    bad_glossary = tmp_path / "bad.toml"
    bad_glossary.write_text("[glossary\n", encoding="utf-8")
    cases = [
        ([tmp_path / "missing.po"], glossary_file, "missing.po: no such catalogue"),
        ([no_language], glossary_file, "nolang.po: no Language header"),
        ([not_po], glossary_file, "article.txt: not a .po catalogue"),
        ([broken], glossary_file, "broken.po"),
        ([catalogue], bad_glossary, "bad.toml"),
    ]
    for files, glossary, expected in cases:
        result = invoke("glossary", command, *files, "-g", glossary)
        assert result.exit_code == 2, (expected, result.output)
        assert expected in result.stderr
        assert result.stderr.startswith("newsloc: error: ")
        assert "Traceback" not in result.output
    assert catalogue.read_bytes() == CATALOGUE.encode()


def test_unsupported_language_is_a_user_error(tmp_path, glossary_file):
    path = tmp_path / "de.po"
    path.write_text(CATALOGUE.replace("Language: ru", "Language: de"), encoding="utf-8")
    result = invoke("glossary", "check", path, "-g", glossary_file)
    assert result.exit_code == 2
    assert "Language 'de' is not supported" in result.stderr


def test_an_untranslated_first_mention_keeps_the_secondary_for_itself(tmp_path):
    path = tmp_path / "partial.po"
    path.write_text(
        HEADER
        + '\nmsgid "Shelling in Stepanakert."\nmsgstr ""\n'
        + '\nmsgid "Stepanakert is calm."\nmsgstr "Ханкенди спокоен."\n',
        encoding="utf-8",
    )
    report = glossary_qa.apply_to_catalog(path, make_glossary())
    assert (report.entries, report.changed, report.flagged) == (2, 1, 0)
    assert polib.pofile(str(path))[1].msgstr == "Степанакерт спокоен."


def test_apply_reads_every_file_before_writing_any(tmp_path, catalogue, glossary_file):
    missing = tmp_path / "missing.po"
    result = invoke("glossary", "apply", catalogue, missing, "-g", glossary_file)
    assert result.exit_code == 2
    assert catalogue.read_bytes() == CATALOGUE.encode()


def test_check_several_files_reports_each_by_name(tmp_path, catalogue, glossary_file):
    clean = tmp_path / "clean.po"
    clean.write_text(HEADER + '\nmsgid "Baku said."\nmsgstr "Баку заявил."\n', encoding="utf-8")
    result = invoke("glossary", "check", clean, catalogue, "-g", glossary_file)
    assert result.exit_code == 1
    assert {line.split(":", 1)[0] for line in result.stdout.splitlines()} == {str(catalogue)}


def test_apply_twice_leaves_an_entry_both_changed_and_flagged_alone(tmp_path):
    path = tmp_path / "mixed.po"
    path.write_text(
        HEADER + '\nmsgid "Baku and Stepanakert."\nmsgstr "Город и в Ханкенди."\n',
        encoding="utf-8",
    )
    first = glossary_qa.apply_to_catalog(path, make_glossary())
    assert (first.changed, first.flagged, first.written) == (1, 1, True)
    entry = polib.pofile(str(path))[0]
    assert entry.msgstr == "Город и в Степанакерте (Ханкенди)."
    assert entry.tcomment.splitlines() == [
        'glossary: stepanakert: "Ханкенди" → "Степанакерте (Ханкенди)"',
        'glossary: baku: expected "Баку" for "Baku"',
    ]
    applied, inode = path.read_bytes(), path.stat().st_ino
    second = glossary_qa.apply_to_catalog(path, make_glossary())
    assert (second.changed, second.touched, second.written) == (0, 0, False)
    assert path.read_bytes() == applied and path.stat().st_ino == inode
