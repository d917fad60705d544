"""`newsloc glossary validate|list|show|find`: exit codes and what a curator reads."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from newsloc.glossary.loader import DEFAULT_GLOSSARY_PATH, load_default_glossary
from newsloc.translate.cli import app

SPEC_EXAMPLE = Path(__file__).parents[2] / "glossary" / "fixtures" / "spec-example.toml"

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["glossary", *args])


def bad_glossary(tmp_path: Path) -> Path:
    path = tmp_path / "bad.toml"
    path.write_text(
        '[glossary]\ntargets = ["ru"]\n[[concept]]\nid = "x"\nnmaes = ["A"]\n'
        '[[concept]]\nid = "y"\nnames = ["B"]\nru.B = { gen = "Б" }\n',
        encoding="utf-8",
    )
    return path


def test_validate_summarises_a_good_file() -> None:
    result = run("validate", str(SPEC_EXAMPLE))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{SPEC_EXAMPLE}: valid, 2 concepts (1 contested)\n"


def test_validate_without_a_path_checks_the_default_glossary() -> None:
    default = load_default_glossary()
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{DEFAULT_GLOSSARY_PATH}: valid, {len(default)} concepts "
        f"({default.contested_count} contested)\n"
    )


def test_validate_lists_every_problem_on_stderr_and_exits_2(tmp_path: Path) -> None:
    path = bad_glossary(tmp_path)
    result = run("validate", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f'newsloc: error: {path}:3: x: missing names (e.g. names = ["Stepanakert"])',
        f"newsloc: error: {path}:5: x: unknown key 'nmaes' (allowed: id, names, kind, note, "
        "source, ambiguous, contested, community, targets, en, and the target languages ru)",
        f"newsloc: error: {path}:9: y: ru.B: a table of forms must have nom",
    ]


def test_validate_a_missing_file_is_one_line(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "none.toml"))
    assert result.exit_code == 2
    assert result.stderr == f"newsloc: error: {tmp_path / 'none.toml'}: no such glossary file\n"
    assert "Traceback" not in result.output


def test_list_json_gives_every_concept() -> None:
    result = run("list", "--json", "--glossary", str(SPEC_EXAMPLE))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {
            "id": "stepanakert",
            "kind": "city",
            "names": ["Stepanakert", "Khankendi"],
            "contested": True,
            "contested_setting": "both",
            "ambiguous": False,
            "languages": ["hy", "az", "ru"],
        },
        {
            "id": "baku",
            "kind": "city",
            "names": ["Baku"],
            "contested": False,
            "contested_setting": None,
            "ambiguous": False,
            "languages": ["hy", "az", "ru"],
        },
    ]


def test_list_contested_only_shows_contested_concepts() -> None:
    result = run("list", "--contested", "--json", "-g", str(SPEC_EXAMPLE))
    assert [item["id"] for item in json.loads(result.stdout)] == ["stepanakert"]
    table = run("list", "--contested", "-g", str(SPEC_EXAMPLE))
    assert table.exit_code == 0
    assert "stepanakert" in table.stdout and "baku" not in table.stdout
    assert "1 of 2 concepts" in table.stdout


def test_list_uses_the_default_glossary() -> None:
    result = run("list", "--json")
    assert len(json.loads(result.stdout)) == len(load_default_glossary())


def test_list_with_a_bad_glossary_exits_2(tmp_path: Path) -> None:
    result = run("list", "--glossary", str(bad_glossary(tmp_path)))
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 3


def test_show_json_has_names_spellings_and_forms() -> None:
    result = run("show", "stepanakert", "--json", "-g", str(SPEC_EXAMPLE))
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["names"] == ["Stepanakert", "Khankendi"]
    assert shown["english"] == {"Stepanakert": [], "Khankendi": ["Khankandi", "Xankandi"]}
    assert shown["forms"]["ru"]["Stepanakert"]["cases"]["loc"] == "Степанакерте"
    assert shown["forms"]["ru"]["Khankendi"] == {
        "cases": {"nom": "Ханкенди"},
        "variants": [],
        "short": [],
    }
    assert shown["note"].startswith("Armenian name Stepanakert")
    assert shown["languages"] == ["hy", "az", "ru"]


def test_show_prints_forms_and_the_note() -> None:
    result = run("show", "stepanakert", "-g", str(SPEC_EXAMPLE))
    assert result.exit_code == 0, result.output
    assert "[contested: both names kept]" in result.stdout
    assert "also written: Khankandi, Xankandi" in result.stdout
    assert "Ստեփանակերտում" in result.stdout
    assert "note: Armenian name Stepanakert" in result.stdout


def test_show_an_unknown_id_is_one_line_with_a_suggestion() -> None:
    result = run("show", "stepanakrt", "-g", str(SPEC_EXAMPLE))
    assert result.exit_code == 2
    assert result.stderr == (
        f"newsloc: error: {SPEC_EXAMPLE}: no concept with id 'stepanakrt'; "
        "did you mean 'stepanakert'?\n"
    )


#: The English spellings of the contract's example glossary, and the name each one means.
SPEC_EXAMPLE_SPELLINGS = {
    "stepanakert": "Stepanakert",
    "khankendi": "Khankendi",
    "khankandi": "Khankendi",
    "xankandi": "Khankendi",
    "baku": "Baku",
}


def test_find_reads_a_file_and_reports_line_and_column(news_article: Path) -> None:
    result = run("find", str(news_article), "--json", "-g", str(SPEC_EXAMPLE))
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    lines = news_article.read_text(encoding="utf-8").splitlines()
    # Every whole-word spelling, any case (the sample's dateline says BAKU), line by line.
    spelling = re.compile(rf"\b(?:{'|'.join(SPEC_EXAMPLE_SPELLINGS)})\b", re.IGNORECASE)
    expected = [
        (SPEC_EXAMPLE_SPELLINGS[m.group().lower()], number, m.start() + 1)
        for number, line in enumerate(lines, 1)
        for m in spelling.finditer(line)
    ]
    assert [(item["name"], item["line"], item["column"]) for item in found] == expected
    assert {"Stepanakert", "Baku"} <= {name for name, _, _ in expected}
    for item in found:
        line = lines[item["line"] - 1]
        assert line[item["column"] - 1 : item["end_column"]] == item["spelling"]


def test_find_treats_other_arguments_as_text() -> None:
    result = run("find", "From Baku’s port to Xankandi", "--json", "-g", str(SPEC_EXAMPLE))
    assert [
        (item["concept"], item["name"], item["spelling"], item["column"])
        for item in json.loads(result.stdout)
    ] == [
        ("baku", "Baku", "Baku", 6),
        ("stepanakert", "Khankendi", "Xankandi", 21),
    ]


def test_find_prints_a_table_and_a_count() -> None:
    result = run("find", "Baku and Khankendi", "-g", str(SPEC_EXAMPLE))
    assert result.exit_code == 0, result.output
    assert "1:1-1:4" in result.stdout and "1:10-1:18" in result.stdout
    assert result.stdout.rstrip().endswith("2 mentions")
    none = run("find", "nothing here", "-g", str(SPEC_EXAMPLE))
    assert none.stdout == "0 mentions\n"


def test_find_a_file_that_is_not_utf8_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Bakı".encode() + b" caf\xe9")
    result = run("find", str(path), "-g", str(SPEC_EXAMPLE))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"newsloc: error: {path}: not UTF-8 text")


PROFILE = """
[policy.profile.one-name]
contested = "source"
"""


def test_show_and_list_give_the_setting_under_a_profile(tmp_path: Path) -> None:
    path = tmp_path / "desk.toml"
    path.write_text(SPEC_EXAMPLE.read_text(encoding="utf-8") + PROFILE, encoding="utf-8")
    shown = run("show", "stepanakert", "-g", str(path), "--policy", "one-name")
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.startswith(
        "stepanakert (city)  [contested: the source's name only, the other recognised]\n"
    )
    as_json = json.loads(run("show", "stepanakert", "-g", str(path), "--json").stdout)
    assert (as_json["contested_setting"], as_json["contested_own"]) == ("both", None)
    curated = run("show", "shusha")
    assert "  name: Shusha  (az community's name)\n" in curated.stdout
    assert "  name: Shushi  (hy community's name)\n" in curated.stdout
    validated = run("validate", str(path))
    assert (
        validated.stdout
        == f"{path}: valid, 2 concepts (1 contested), 1 policy profile (one-name)\n"
    )
    listed = run("list", "--json", "-g", str(path), "--policy", "one-name")
    assert [c["contested_setting"] for c in json.loads(listed.stdout)] == ["source", None]
    unknown = run("list", "-g", str(path), "--policy", "one_name")
    assert unknown.exit_code == 2
    assert unknown.stderr == (
        f"newsloc: error: {path}: no policy profile 'one_name' (profiles: one-name)\n"
    )
