"""bench/bench.py: the real-text figures mean what the README says they mean.

A tiny data folder in the benchmark's layout, with the default glossary: a correct
reference, a reference that drops the name, an engine output that is clean, one that
uses the other name of a contested place, and one that drops the name.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import names_bench as bench


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
    assert bench.main([str(data), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert set(figures) == {"ru"}
    assert figures["ru"]["precision"] == 0.5


def test_unusable_data_is_one_line_and_exit_2(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data / "en-ru" / "flores-dev.tiny.ru").write_text("one line\n", encoding="utf-8")
    assert bench.main([str(data)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "tiny has 1 lines, the source 3" in err
    assert bench.main([str(data / "missing")]) == 2


def _adjudication(path: Path, source: str, concepts: str = '["stepanakert"]') -> Path:
    digest = bench.source_digest(source)
    path.write_text(
        "[[reference]]\n"
        'lang = "ru"\nline = 2\n'
        f"concepts = {concepts}\n"
        f'source_sha256 = "{digest}"\n'
        'why = "the reference drops the city"\n',
        encoding="utf-8",
    )
    return path


def test_a_reviewed_reference_that_lacks_the_name_is_counted_apart(
    data: Path, tmp_path: Path
) -> None:
    from newsloc.glossary import load_default_glossary

    reviewed = bench.load_adjudications(
        _adjudication(tmp_path / "adj.toml", "Shelling was heard in Stepanakert.")
    )
    tally = bench.evaluate(load_default_glossary(), bench.load_corpus(data, "ru"), reviewed)
    ratios = tally.ratios()
    # The flagged reference is right to be flagged: precision is over the other one,
    # and the raw share still shows it.
    assert (ratios["precision"], ratios["precision_raw"]) == (1.0, 0.5)
    assert tally.adjudicated == 1 and not tally.stale
    assert "lacks the name" in [f.kind for f in tally.failures]


@pytest.mark.parametrize(
    ("source", "concepts", "says"),
    [
        ("Another English line.", '["stepanakert"]', "the English line differs"),
        ("Shelling was heard in Stepanakert.", '["baku"]', "check flags stepanakert"),
    ],
)
def test_an_adjudication_that_no_longer_fits_is_not_applied(
    data: Path, tmp_path: Path, source: str, concepts: str, says: str
) -> None:
    from newsloc.glossary import load_default_glossary

    reviewed = bench.load_adjudications(_adjudication(tmp_path / "adj.toml", source, concepts))
    tally = bench.evaluate(load_default_glossary(), bench.load_corpus(data, "ru"), reviewed)
    assert tally.ratios()["precision"] == 0.5  # counted as a false alarm, as without it
    assert len(tally.stale) == 1 and says in tally.stale[0]
    assert says in bench.report({"ru": tally}, 0)


def test_no_adjudication_and_a_bad_file(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _adjudication(tmp_path / "adj.toml", "Shelling was heard in Stepanakert.")
    assert bench.main([str(data), "--json", "--adjudicated", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["ru"]["precision"] == 1.0
    assert bench.main([str(data), "--json", "--adjudicated", str(path), "--no-adjudication"]) == 0
    assert json.loads(capsys.readouterr().out)["ru"]["precision"] == 0.5
    path.write_text('[[reference]]\nlang = "ru"\n', encoding="utf-8")
    assert bench.main([str(data), "--adjudicated", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and f"{path}: reference 1: missing or bad" in err


def test_the_shipped_adjudications_load() -> None:
    reviewed = bench.load_adjudications(bench.ADJUDICATED)
    assert reviewed and all(a.why and len(a.source_sha256) == 16 for a in reviewed.values())
