"""`newsloc models …` as a user runs it: exit codes, one-line errors, JSON for scripts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsloc.translate.cli import app
from tests.support.tiny_marian import build_tiny_marian

# The same sandbox and mirrors as the library tests.
from tests.translate.models.test_models import (
    UNREACHABLE_INDEX,
    serve_directory,
    write_mirror,
)

runner = CliRunner()


def newsloc(*args: str):  # -> click.testing.Result
    return runner.invoke(app, ["models", *args])


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def test_list_json_with_nothing_installed_parses() -> None:
    result = newsloc("list", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["installed"] == []
    assert data["available"] is None
    assert data["index"]["url"] == UNREACHABLE_INDEX + "index.json"


def test_list_shows_installed_and_available_models(
    tiny_argosmodels: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mirror = tmp_path / "mirror"
    write_mirror(
        mirror,
        mirror.as_uri() + "/",
        {("en", "az"): tiny_argosmodels["az"], ("en", "ru"): tiny_argosmodels["ru"]},
    )
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", mirror.as_uri() + "/")
    assert newsloc("install", "--from", str(tiny_argosmodels["ru"])).exit_code == 0

    table = newsloc("list", "--refresh")
    assert table.exit_code == 0, table.output
    assert "Installed models" in table.stdout and "Available from" in table.stdout
    assert "en→ru" in table.stdout and "en→az" in table.stdout

    data = json.loads(newsloc("list", "--json").stdout)
    assert [(m["pair"], m["version"]) for m in data["installed"]] == [("en→ru", "1.0")]
    assert data["installed"][0]["size_bytes"] > 0
    assert {m["pair"]: m["installed_version"] for m in data["available"]} == {
        "en→az": None,
        "en→ru": "1.0",
    }


def test_list_refresh_offline_warns_in_one_line_and_still_lists() -> None:
    result = newsloc("list", "--refresh", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["installed"] == []
    (warning,) = error_lines(result)
    assert warning.startswith(
        f"newsloc: warning: cannot reach the Argos package index at {UNREACHABLE_INDEX}"
    )


def test_install_without_network_says_each_language_and_what_works_offline() -> None:
    result = newsloc("install", "hy", "az", "ru")
    assert result.exit_code == 2  # nothing installed
    *errors, hint = error_lines(result)
    assert [line.split(" (from ")[0] for line in errors] == [
        "newsloc: error: en→hy",  # from OPUS-MT, not the index
        "newsloc: error: en→az",
        "newsloc: error: en→ru",
    ]
    assert "(from OPUS-MT eng-hye opus-2020-06-16): not installed: cannot reach" in errors[0]
    assert errors[1].endswith(
        f"(from the Argos package index): not installed: cannot reach the Argos package index "
        f"at {UNREACHABLE_INDEX}index.json: Connection refused"
    )
    assert hint.startswith("newsloc: hint: offline, install from copies: ")
    assert "newsloc models install --from FILE.argosmodel" in hint
    assert "Traceback" not in result.output


def test_install_from_loopback_mirror_and_missing_armenian(
    tiny_argosmodels: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mirror = tmp_path / "mirror"
    with serve_directory(mirror) as base_url:
        write_mirror(
            mirror,
            base_url,
            {("en", "az"): tiny_argosmodels["az"], ("en", "ru"): tiny_argosmodels["ru"]},
        )
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base_url)
        missing = newsloc("install", "de")
        installed = newsloc("install", "az", "ru")
    assert missing.exit_code == 2
    (line,) = error_lines(missing)
    assert "has no en→de package" in line
    assert line.endswith("newsloc models build OPUS_MT_DIR --from en --to de --install")

    assert installed.exit_code == 0, installed.output
    assert "Installed en→az 1.0" in installed.stdout
    assert "Installed en→ru 1.0" in installed.stdout


def test_install_from_file_then_corrupt_file(
    tiny_argosmodels: dict[str, Path],
    tmp_path: Path,
    argos_sandbox: Path,
) -> None:
    good = newsloc("install", "--from", str(tiny_argosmodels["az"]))
    assert good.exit_code == 0, good.output
    assert f"Installed en→az 1.0 in {argos_sandbox / 'translate-en_az-1_0'}" in good.stdout

    corrupt = tmp_path / "download.argosmodel"
    corrupt.write_bytes(tiny_argosmodels["ru"].read_bytes()[:5000])
    bad = newsloc("install", "--from", str(corrupt))
    assert bad.exit_code == 2
    assert error_lines(bad) == [
        f"newsloc: error: {corrupt}: not an Argos model (not a zip archive)"
    ]
    assert sorted(p.name for p in argos_sandbox.iterdir()) == ["translate-en_az-1_0"]


def test_install_needs_languages_or_a_file() -> None:
    result = newsloc("install")
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert "name at least one language" in line


def test_remove_and_unknown_pair(tiny_argosmodels: dict[str, Path]) -> None:
    assert newsloc("install", "--from", str(tiny_argosmodels["ru"])).exit_code == 0
    removed = newsloc("remove", "en_ru")
    assert removed.exit_code == 0
    assert removed.stdout.startswith("Removed en→ru 1.0 (")
    again = newsloc("remove", "ru")
    assert again.exit_code == 2
    (line,) = error_lines(again)
    assert line.startswith("newsloc: error: no en→ru model is installed")


def test_build_install_and_list(tmp_path: Path) -> None:
    marian = build_tiny_marian(tmp_path / "opus-mt-en-hy")
    out = tmp_path / "translate-en_hy.argosmodel"
    result = newsloc(
        "build", str(marian), "--from", "en", "--to", "hy", "--out", str(out), "--install"
    )
    assert result.exit_code == 0, result.output
    assert f"Built en→hy 1.0: {out}" in result.stdout
    assert "Installed en→hy 1.0" in result.stdout
    assert error_lines(result) == []  # the licence was found: no warning
    data = json.loads(newsloc("list", "--json").stdout)
    assert [m["pair"] for m in data["installed"]] == ["en→hy"]


def test_build_from_an_incomplete_directory_is_one_line(tmp_path: Path) -> None:
    marian = build_tiny_marian(tmp_path / "opus-mt-en-hy")
    (marian / "target.spm").unlink()
    result = newsloc("build", str(marian), "--to", "hy", "--out", str(tmp_path / "x.argosmodel"))
    assert result.exit_code == 2
    assert error_lines(result) == [f"newsloc: error: {marian}: target.spm is missing"]
    assert not (tmp_path / "x.argosmodel").exists()


def test_build_without_licence_warns(tmp_path: Path) -> None:
    marian = build_tiny_marian(tmp_path / "m")
    (marian / "LICENSE").unlink()
    result = newsloc("build", str(marian), "--to", "hy", "--out", str(tmp_path / "x.argosmodel"))
    assert result.exit_code == 0
    (warning,) = error_lines(result)
    assert warning.startswith(f"newsloc: warning: {marian}: no licence found")
    assert "--licence" in warning
