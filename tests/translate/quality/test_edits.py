"""Kept machine output and `newsloc quality edits`: how reviewers changed what the engine
wrote, on catalogues whose reviewed text differs from the machine output in known ways."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from sacrebleu.metrics import CHRF, TER

from newsloc.base.errors import UnreadableFile
from newsloc.base.po.conventions import read_catalogue
from newsloc.base.po.writer import format_catalogue
from newsloc.glossary.loader import load_default_glossary
from newsloc.translate.catalog import glossary_qa
from newsloc.translate.catalog.kept_output import read_kept_output, sidecar_path
from newsloc.translate.cli import app
from newsloc.translate.engines.interface import Translation
from newsloc.translate.pipeline import RunSettings, translate_article
from newsloc.translate.quality.edits import edit_stats

runner = CliRunner()

#: Each paragraph, and what the scripted engine answers for it in Russian.
ENGINE_RU = {
    "Aid convoys waited at the border.": "Колонны с помощью ждали на границе.",
    "Officials gave no figures on Tuesday.": "Чиновники не дали цифр во вторник.",
    "The road stayed open for most of the day.": "Дорога оставалась открытой большую часть дня.",
    "Shelling in Stepanakert.": "Обстрел в Ханкенди.",
    "Schools closed early.": "Школы закрылись рано.",
}
ARTICLE = "\n\n".join(ENGINE_RU) + "\n"
#: The glossary's pass over the engine's Stepanakert sentence (the reviewer sees this).
RENDERED = "Обстрел в Степанакерте (Ханкенди)."

#: What the reviewer does to each entry, and the text left in it.
UNCHANGED = "Колонны с помощью ждали на границе."
SMALL_EDIT = "Чиновники не назвали цифр во вторник."
REWRITE = "Весь день по трассе можно было проехать."


class ScriptedEngine:
    """Answers from a script: the same text every run, so edits are known exactly."""

    source = "en"
    reports_progress = False
    aligns = False

    def __init__(self, language: str, script: dict[str, str], name: str = "scripted"):
        self.target = language
        self.script = script
        self.name = name
        self.progress = None
        self.before = None

    def describe(self) -> str:
        return f"{self.name} en→{self.target}"

    def translate(self, sentences: list[str]) -> list[Translation]:
        if self.before is not None:
            self.before()
        return [Translation(self.script.get(text, f"[{self.target}] {text}")) for text in sentences]


def _factory(name: str = "scripted", before=None):
    def build(language: str) -> ScriptedEngine:
        engine = ScriptedEngine(language, ENGINE_RU if language == "ru" else {}, name)
        engine.before = (lambda: before(language)) if before is not None else None
        return engine

    return build


def translate(article: Path, out: Path, languages=("ru",), **kwargs):
    kwargs.setdefault("engine_factory", _factory())
    kwargs.setdefault("glossary", load_default_glossary())
    return translate_article(
        article, RunSettings(list(languages), out=out, **kwargs), domain="story"
    )


def po_path(out: Path, language: str = "ru") -> Path:
    return out / language / "LC_MESSAGES" / "story.po"


def review(path: Path, edits: dict[str, str | None]) -> None:
    """A reviewer's save: msgid -> the text they leave (approved), or None (left fuzzy)."""
    po = read_catalogue(path)
    for entry in po:
        if entry.msgid in edits and edits[entry.msgid] is not None:
            entry.msgstr = edits[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    path.write_text(format_catalogue(po), encoding="utf-8")


#: unchanged, small edit, rewrite, still fuzzy, emptied.
REVIEW = {
    "Aid convoys waited at the border.": UNCHANGED,
    "Officials gave no figures on Tuesday.": SMALL_EDIT,
    "The road stayed open for most of the day.": REWRITE,
    "Shelling in Stepanakert.": None,
    "Schools closed early.": "",
}
#: (machine output as written, reviewed text) of the reviewed entries, in order.
PAIRS = [
    ("Колонны с помощью ждали на границе.", UNCHANGED),
    ("Чиновники не дали цифр во вторник.", SMALL_EDIT),
    ("Дорога оставалась открытой большую часть дня.", REWRITE),
]


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture()
def reviewed(tmp_path: Path, article: Path) -> Path:
    out = tmp_path / "loc"
    translate(article, out)
    review(po_path(out), REVIEW)
    return out


def test_every_machine_entry_is_kept_beside_the_catalogue(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "loc"
    translate(article, out)
    sidecar = out / "ru" / "LC_MESSAGES" / "story.mt.json"
    assert sidecar_path(po_path(out)) == sidecar
    records = read_kept_output(po_path(out)).records
    assert list(records) == list(ENGINE_RU)
    stepanakert = records["Shelling in Stepanakert."]
    assert stepanakert.machine == "Обстрел в Ханкенди."  # before the glossary
    assert stepanakert.written == RENDERED  # after: what the catalogue got
    assert stepanakert.engine == "scripted en→ru"
    assert stepanakert.msgctxt is None
    assert len(stepanakert.date) == 10  # YYYY-MM-DD
    # Not in the reviewer's way: the .po holds none of it beyond its usual comment.
    assert "Ханкенди." not in po_path(out).read_text(encoding="utf-8").replace(RENDERED, "")


def test_edit_counts_and_scores_are_sacrebleus(reviewed: Path) -> None:
    [row] = edit_stats(reviewed)
    assert (row.language, row.engine) == ("ru", "scripted en→ru")
    assert row.machine_entries == 5
    assert (row.reviewed, row.unchanged, row.edited) == (3, 1, 2)
    assert (row.fuzzy, row.untranslated) == (1, 1)
    hypotheses = [machine for machine, _ in PAIRS]
    references = [[text for _, text in PAIRS]]
    chrf, ter = CHRF(), TER()
    assert row.chrf is not None and row.ter is not None
    assert row.chrf.score == chrf.corpus_score(hypotheses, references).score
    assert row.ter.score == ter.corpus_score(hypotheses, references).score
    assert row.chrf.signature == str(chrf.get_signature())
    assert row.ter.signature == str(ter.get_signature())
    assert 0 < row.ter.score < 100 and 0 < row.chrf.score < 100


def test_all_accepted_scores_perfect(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "loc"
    translate(article, out)
    review(po_path(out), {msgid: None for msgid in ENGINE_RU})  # nothing approved yet
    po = read_catalogue(po_path(out))
    for entry in po:
        entry.flags.remove("fuzzy")  # approved as written
    po_path(out).write_text(format_catalogue(po), encoding="utf-8")
    [row] = edit_stats(out)
    assert (row.reviewed, row.unchanged) == (5, 5)
    assert row.chrf is not None and row.ter is not None
    assert (row.chrf.score, row.ter.score) == (100.0, 0.0)


def test_rows_per_engine_and_language(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "loc"
    translate(article, out, languages=("ru",))
    translate(article, out, languages=("az",), engine_factory=_factory("other"))
    rows = edit_stats(out)
    assert [(r.engine, r.language, r.machine_entries) for r in rows] == [
        ("other en→az", "az", 5),
        ("scripted en→ru", "ru", 5),
    ]
    assert all(r.chrf is None for r in rows)  # nothing reviewed, nothing scored


def test_a_rerun_keeps_the_records(reviewed: Path, article: Path) -> None:
    before = read_kept_output(po_path(reviewed)).records
    translate(article, reviewed, engine_factory=_factory("newer"))
    after = read_kept_output(po_path(reviewed)).records
    for msgid in list(ENGINE_RU)[:4]:  # reviewed or fuzzy: not translated again
        assert after[msgid] == before[msgid]
    # The emptied entry was translated again, by the engine of this run.
    assert after["Schools closed early."].engine == "newer en→ru"
    [newer, scripted] = edit_stats(reviewed)
    assert (scripted.machine_entries, scripted.reviewed, scripted.unchanged) == (4, 3, 1)
    assert (newer.machine_entries, newer.fuzzy) == (1, 1)


def test_records_of_removed_paragraphs_go_obsolete_ones_stay(reviewed: Path, article: Path) -> None:
    paragraphs = list(ENGINE_RU)
    # Drop a reviewed paragraph (its entry turns obsolete) and the emptied one (gone).
    kept = [p for p in paragraphs if p not in (paragraphs[0], paragraphs[4])]
    article.write_text("\n\n".join([*kept, "A new paragraph."]) + "\n", encoding="utf-8")
    translate(article, reviewed)
    records = read_kept_output(po_path(reviewed)).records
    assert set(records) == {*kept, paragraphs[0], "A new paragraph."}
    [row] = edit_stats(reviewed)
    assert row.machine_entries == 4  # the obsolete entry is not counted
    assert (row.reviewed, row.unchanged) == (2, 0)


def test_a_reviewers_save_during_a_run_loses_no_record(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "loc"
    translate(article, out, languages=("ru",))
    review(po_path(out), {"Schools closed early.": ""})  # emptied: this run translates it

    def reviewer_saves(language: str) -> None:
        review(po_path(out), {"Aid convoys waited at the border.": UNCHANGED})

    translate(article, out, engine_factory=_factory(before=reviewer_saves))
    po = {e.msgid: e for e in read_catalogue(po_path(out))}
    assert not po["Aid convoys waited at the border."].fuzzy  # the save is kept
    records = read_kept_output(po_path(out)).records
    assert list(records) == list(ENGINE_RU)
    [row] = edit_stats(out)
    assert (row.machine_entries, row.reviewed, row.unchanged) == (5, 1, 1)


def test_glossary_apply_never_touches_the_sidecar(reviewed: Path) -> None:
    sidecar = sidecar_path(po_path(reviewed))
    data = sidecar.read_bytes()
    os.utime(sidecar, (1, 1))
    review(po_path(reviewed), {"Shelling in Stepanakert.": "Обстрел в Ханкенди."})
    [report] = glossary_qa.apply_to_catalogs([po_path(reviewed)], load_default_glossary())
    assert report.changed  # apply did rewrite the catalogue
    assert sidecar.read_bytes() == data
    assert sidecar.stat().st_mtime == 1


def test_no_engine_no_sidecar(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "loc"
    translate(article, out, engine_factory=None)
    assert not sidecar_path(po_path(out)).exists()


def test_gettext_tools_see_only_the_po(reviewed: Path) -> None:
    # msgmerge, msgfmt, Poedit and Weblate find catalogues by `.po`; the sidecar is not one.
    names = sorted(p.name for p in po_path(reviewed).parent.iterdir())
    assert names == ["story.mt.json", "story.po"]
    assert json.loads(sidecar_path(po_path(reviewed)).read_text(encoding="utf-8"))["format"]


def test_cli_table_and_json(reviewed: Path) -> None:
    result = runner.invoke(app, ["quality", "edits", "--locales", str(reviewed)])
    assert result.exit_code == 0, result.output
    assert "engine: scripted en→ru" in result.output
    assert "chrF: nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:" in result.output
    assert "TER: nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:" in result.output
    result = runner.invoke(app, ["quality", "edits", "--locales", str(reviewed), "--json"])
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.output)
    assert row["machine_entries"] == 5
    assert (row["reviewed"], row["unchanged"], row["fuzzy"], row["untranslated"]) == (3, 1, 1, 1)
    assert row["chrf"]["signature"].startswith("nrefs:1")


def test_cli_without_kept_output(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "loc"
    translate(article, out, engine_factory=None)
    result = runner.invoke(app, ["quality", "edits", "--locales", str(out)])
    assert result.exit_code == 0
    assert "no kept machine output" in result.output


def test_a_damaged_sidecar_is_one_line_naming_it(reviewed: Path, article: Path) -> None:
    sidecar = sidecar_path(po_path(reviewed))
    sidecar.write_text("{not json", encoding="utf-8")
    result = runner.invoke(app, ["quality", "edits", "--locales", str(reviewed)])
    assert result.exit_code != 0
    assert str(sidecar) in result.output
    assert "Traceback" not in result.output
    before = po_path(reviewed).read_bytes()
    with pytest.raises(UnreadableFile, match=r"story\.mt\.json"):
        translate(article, reviewed)
    assert po_path(reviewed).read_bytes() == before  # refused before anything was written


@pytest.mark.usefixtures("installed_argos_packages")
def test_the_whole_cli_path_with_argos(tmp_path: Path) -> None:
    """`newsloc translate` with a real (tiny) Argos model keeps its output; a reviewer
    approves one entry as written and rewrites another; `quality edits` reports it."""
    from tests.conftest import SAMPLE_ARTICLE

    out = tmp_path / "loc"
    args = ["translate", str(SAMPLE_ARTICLE), "--to", "ru", "--out", str(out), "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    engine = json.loads(result.stdout)["languages"][0]["engine"]
    po = out / "ru" / "LC_MESSAGES" / f"{SAMPLE_ARTICLE.stem}.po"
    records = read_kept_output(po).records
    catalogue = read_catalogue(po)
    assert len(records) == len(catalogue) > 2
    assert {record.engine for record in records.values()} == {engine}
    # Two body paragraphs (the records of a headline or a byline are keyed with their
    # msgctxt too).
    first, second = [entry for entry in catalogue if entry.msgctxt is None][:2]
    assert records[first.msgid].written == first.msgstr
    review(po, {first.msgid: first.msgstr, second.msgid: "Совсем другой текст."})
    result = runner.invoke(app, ["quality", "edits", "--locales", str(out), "--json"])
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    assert (row["engine"], row["language"]) == (engine, "ru")
    assert (row["machine_entries"], row["reviewed"], row["unchanged"]) == (len(catalogue), 2, 1)
    pairs = [(first.msgstr, first.msgstr), (second.msgstr, "Совсем другой текст.")]
    expected = CHRF().corpus_score([p[0] for p in pairs], [[p[1] for p in pairs]]).score
    assert row["chrf"]["score"] == round(expected, 2)
    # A re-run changes nothing in the sidecar: every record is kept as it was.
    data = sidecar_path(po).read_bytes()
    assert runner.invoke(app, args).exit_code == 0
    assert sidecar_path(po).read_bytes() == data
