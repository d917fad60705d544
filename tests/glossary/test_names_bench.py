"""bench/names_bench.py: the real-text figures mean what the README says they mean.

A tiny data folder in the benchmark's layout, with the default glossary: a correct
reference, a reference that drops the name, an engine output that is clean, one that
uses the other name of a contested place, and one that drops the name.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "names_bench.py"


def _bench():
    spec = importlib.util.spec_from_file_location("names_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["names_bench"] = module
    spec.loader.exec_module(module)
    return module


def _write(folder: Path, name: str, lines: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("".join(line + "\n" for line in lines), encoding="utf-8")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    pair = tmp_path / "en-ru"
    _write(
        pair,
        "flores-dev.en",
        [
            "Officials in Baku gave no figures.",
            "Shelling was heard in Stepanakert.",
            "Nothing here names a place.",
        ],
    )
    _write(
        pair,
        "flores-dev.ru",
        [
            "Официальные лица в Баку не назвали цифр.",
            "Был слышен обстрел.",  # the reference drops the name: a (right) false alarm
            "Здесь нет названий мест.",
        ],
    )
    _write(
        pair,
        "flores-dev.google.ru",
        [
            "Чиновники в Баку не привели цифр.",  # clean: must stay untouched
            "Обстрел был слышен в Ханкенди.",  # the other name: apply repairs it
            "Здесь нет мест.",
        ],
    )
    _write(
        pair,
        "flores-dev.tiny.ru",
        [
            "Чиновники не привели цифр.",  # dropped: cannot be repaired
            "Обстрел был слышен в Степанакерте (Ханкенди).",
            "Здесь нет мест.",
        ],
    )
    return tmp_path


def test_figures_on_a_tiny_corpus(data: Path) -> None:
    bench = _bench()
    from newsloc.glossary import load_default_glossary

    corpus = bench.load_corpus(data, "ru")
    tally = bench.evaluate(load_default_glossary(), corpus)
    assert (tally.sentences, tally.naming) == (3, 2)
    ratios = tally.ratios()
    assert ratios["precision"] == 0.5  # one reference lacks Stepanakert
    assert (tally.recall_flagged, tally.recall_pairs) == (1, 1)  # Baku cut out is flagged
    assert (tally.clean_unchanged, tally.clean) == (2, 2)
    assert (tally.repaired, tally.flagged) == (1, 2)
    assert ratios["unchanged_all"] == 0.75
    kinds = sorted(f.kind for f in tally.failures)
    assert kinds == ["false alarm", "not repaired"]


def test_command_prints_json(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _bench().main([str(data), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert set(figures) == {"ru"}
    assert figures["ru"]["precision"] == 0.5


def test_unusable_data_is_one_line_and_exit_2(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data / "en-ru" / "flores-dev.tiny.ru").write_text("one line\n", encoding="utf-8")
    assert _bench().main([str(data)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "tiny has 1 lines, the source 3" in err
    assert _bench().main([str(data / "missing")]) == 2
