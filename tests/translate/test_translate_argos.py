"""The whole `newsloc translate` path on genuine tiny Argos packages built by the tests."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from newsloc.translate.cli import app
from newsloc.translate.engines.argos_packages import packages_dir
from newsloc.translate.engines.interface import Translation
from newsloc.translate.segment import split_sentences
from tests.conftest import SAMPLE_ARTICLE
from tests.support.articles import entry_count

runner = CliRunner()
SPEC_EXAMPLE = Path(__file__).resolve().parents[1] / "glossary" / "fixtures" / "spec-example.toml"


@pytest.fixture()
def spec_glossary() -> Path:
    """The glossary contract's own example file: Stepanakert/Khankendi and Baku."""
    return SPEC_EXAMPLE


def translate(article: Path, out: Path, glossary: Path, *extra: str):
    return runner.invoke(
        app,
        [
            "translate",
            str(article),
            "--to",
            "hy,az,ru",
            "--out",
            str(out),
            "--glossary",
            str(glossary),
            "--json",
            *extra,
        ],
    )


def catalogue(out: Path, lang: str, article: Path) -> polib.POFile:
    return polib.pofile(str(out / lang / "LC_MESSAGES" / f"{article.stem}.po"))


@pytest.mark.usefixtures("installed_argos_packages")
def test_every_entry_gets_a_fuzzy_machine_translation(
    tmp_path: Path, news_article: Path, spec_glossary: Path
) -> None:
    out = tmp_path / "loc"
    result = translate(news_article, out, spec_glossary)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    entries = entry_count(news_article)
    for lang in report["languages"]:
        assert lang["machine_translated"] == entries and lang["untranslated"] == 0
        assert lang["engine"].startswith(f"argos en→{lang['language']} 1.0")
    for lang in ("hy", "az", "ru"):
        for entry in catalogue(out, lang, news_article):
            assert entry.msgstr.strip(), entry.msgid
            assert "fuzzy" in entry.flags
            assert entry.tcomment.startswith(f"machine translation: argos en→{lang} 1.0")
        # The agency's credit in the dateline, "(Reuters) –" or "(Newsloc) –", is never
        # translated: it stands in the translation where it stands in the source.
        # The story's first paragraph (after a headline, standfirst and byline, if any).
        first = next(e for e in catalogue(out, lang, news_article) if e.msgctxt is None)
        credit = re.search(r"\(\w+\) –", first.msgid)
        assert credit, first.msgid
        assert credit.group() in first.msgstr
        if credit.start() == 0:
            assert first.msgstr.startswith(credit.group())


@pytest.mark.usefixtures("installed_argos_packages")
def test_runs_are_deterministic(tmp_path: Path, spec_glossary: Path) -> None:
    translate(SAMPLE_ARTICLE, tmp_path / "a", spec_glossary)
    translate(SAMPLE_ARTICLE, tmp_path / "b", spec_glossary)
    for lang in ("hy", "az", "ru"):
        a = [(e.msgid, e.msgstr) for e in catalogue(tmp_path / "a", lang, SAMPLE_ARTICLE)]
        b = [(e.msgid, e.msgstr) for e in catalogue(tmp_path / "b", lang, SAMPLE_ARTICLE)]
        assert a == b


@pytest.mark.usefixtures("installed_argos_packages")
def test_glossary_notes_and_problems_reach_the_catalogue(
    tmp_path: Path, news_article: Path, spec_glossary: Path
) -> None:
    out = tmp_path / "loc"
    translate(news_article, out, spec_glossary)
    entry = next(e for e in catalogue(out, "ru", news_article) if "Stepanakert" in e.msgid)
    assert "glossary: stepanakert: Stepanakert → Степанакерт" in entry.comment
    if "Khankendi" in entry.msgid:
        # The seed names both Stepanakert and Khankendi: each renders its own name, no
        # secondary.
        assert "(Ханкенди)" not in entry.msgstr
    # A random-weight model cannot have written the names: the entry says what is missing
    # or where attention placed them.
    assert "glossary:" in entry.tcomment


@pytest.mark.usefixtures("installed_argos_packages")
def test_reviewed_entries_are_never_retranslated(tmp_path: Path, spec_glossary: Path) -> None:
    out = tmp_path / "loc"
    translate(SAMPLE_ARTICLE, out, spec_glossary)
    po = catalogue(out, "hy", SAMPLE_ARTICLE)
    po[1].msgstr = "Ստեփանակերտում լսվել են ուժեղ հրետակոծության ձայներ։"
    po[1].flags = []
    po.save()
    translate(SAMPLE_ARTICLE, out, spec_glossary)
    again = catalogue(out, "hy", SAMPLE_ARTICLE)
    assert again[1].msgstr == "Ստեփանակերտում լսվել են ուժեղ հրետակոծության ձայներ։"
    assert again[1].flags == []


def test_a_missing_pair_names_the_install_command_and_others_still_translate(
    tmp_path: Path,
    spec_glossary: Path,
    installed_argos_packages: dict[str, Path],
) -> None:
    hidden = tmp_path / "hidden-az"
    shutil.move(installed_argos_packages["az"], hidden)
    try:
        out = tmp_path / "loc"
        result = translate(SAMPLE_ARTICLE, out, spec_glossary)
    finally:
        shutil.move(hidden, packages_dir() / installed_argos_packages["az"].name)
    assert result.exit_code == 3, result.output  # partial: az was not machine-translated
    warnings = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(warnings) == 1 and warnings[0].startswith("newsloc: warning: az: ")
    assert "newsloc models install az" in warnings[0]
    report = {r["language"]: r for r in json.loads(result.stdout)["languages"]}
    entries = entry_count(SAMPLE_ARTICLE)
    assert report["az"]["untranslated"] == entries
    assert report["ru"]["machine_translated"] == entries
    assert all(not e.msgstr for e in catalogue(out, "az", SAMPLE_ARTICLE))


# -- many articles in one run -----------------------------------------------------------


def desk(tmp_path: Path, article: Path, names: tuple[str, ...]) -> list[Path]:
    """Articles for a batch: the article's first paragraphs, a different number in each."""
    paragraphs = article.read_text(encoding="utf-8").split("\n\n")
    assert len(paragraphs) >= len(names) + 2
    folder = tmp_path / "desk"
    folder.mkdir()
    paths = []
    for count, name in enumerate(names, start=2):
        path = folder / name
        path.write_text("\n\n".join(paragraphs[:count]) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.usefixtures("installed_argos_packages")
def test_a_batch_gives_every_article_its_catalogues_and_reports_the_bad_one(
    tmp_path: Path, spec_glossary: Path
) -> None:
    first, broken, last = desk(tmp_path, SAMPLE_ARTICLE, ("a.txt", "b.txt", "c.txt"))
    broken.write_bytes(b"caf\xe9\n")  # not UTF-8
    out = tmp_path / "loc"
    result = runner.invoke(
        app,
        [
            "translate",
            str(first),
            str(broken),
            str(last),
            "--to",
            "hy,ru",
            "--out",
            str(out),
            "--glossary",
            str(spec_glossary),
            "--json",
        ],
    )
    assert result.exit_code == 3, result.output  # partial: one article refused
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and str(broken) in errors[0] and "not UTF-8" in errors[0]
    outcomes = json.loads(result.stdout)["articles"]
    assert [(o["article"], o["error"] is None) for o in outcomes] == [
        (str(first), True),
        (str(broken), False),
        (str(last), True),
    ]
    for article, paragraphs in ((first, 2), (last, 4)):
        for lang in ("hy", "ru"):
            po = polib.pofile(str(out / lang / "LC_MESSAGES" / f"{article.stem}.po"))
            assert len(po) == paragraphs
            assert all(e.msgstr and "fuzzy" in e.flags for e in po)
    assert not (out / "b.pot").exists()


@pytest.mark.usefixtures("installed_argos_packages")
def test_a_folder_is_translated_in_one_run_with_one_summary_table(tmp_path: Path) -> None:
    desk(tmp_path, SAMPLE_ARTICLE, ("one.txt", "two.txt"))
    (tmp_path / "desk" / "notes.odt").write_text("not an article", encoding="utf-8")
    out = tmp_path / "loc"
    result = runner.invoke(
        app, ["translate", str(tmp_path / "desk"), "--to", "az", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "2 of 2 articles translated" in result.stdout
    rows = [line.split() for line in result.stdout.splitlines() if " az " in f" {line} "]
    assert [(row[0], row[1], row[2]) for row in rows] == [
        ("one.txt", "az", "2"),
        ("two.txt", "az", "3"),
    ]
    assert sorted(p.name for p in out.glob("*.pot")) == ["one.pot", "two.pot"]


def test_each_language_builds_its_engine_once_for_the_whole_batch(
    tmp_path: Path, installed_argos_packages: dict[str, Path]
) -> None:
    from newsloc.translate.batch import translate_articles
    from newsloc.translate.engines.registry import engine_factory
    from newsloc.translate.pipeline import RunSettings

    articles = desk(tmp_path, SAMPLE_ARTICLE, ("a.txt", "b.txt", "c.txt"))
    real = engine_factory("argos")
    assert real is not None
    built: list[str] = []

    def counting(language: str):
        built.append(language)
        return real(language)

    batch = translate_articles(
        articles, RunSettings(["hy", "ru"], out=tmp_path / "loc", engine_factory=counting)
    )
    assert built == ["hy", "ru"]
    assert [r.languages[1].machine_translated for r in batch.done] == [2, 3, 4]


def test_articles_sharing_a_name_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    shutil.copyfile(SAMPLE_ARTICLE, tmp_path / "x" / "story.txt")
    shutil.copyfile(SAMPLE_ARTICLE, tmp_path / "y" / "story.txt")
    out = tmp_path / "loc"
    result = runner.invoke(
        app,
        [
            "translate",
            str(tmp_path / "x" / "story.txt"),
            str(tmp_path / "y" / "story.txt"),
            "--engine",
            "none",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 2
    assert "would share the catalogues named 'story'" in result.stderr
    assert not out.exists()


# -- decoding options are checked before anything is written ----------------------------


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (("--threads", "100000"), "--threads 100000: use 0 (every core) up to"),
        (("--threads", "-1"), "--threads -1: use 0"),
        (("--compute-type", "int4"), "--compute-type int4: not supported on cpu"),
        (("--compute-type", "bogus"), "--compute-type bogus: not supported"),
        (("--device", "tpu"), "--device tpu: choose from auto, cpu, cuda"),
    ],
)
def test_bad_decoding_options_are_one_line_and_write_nothing(
    tmp_path: Path, option: tuple[str, str], message: str
) -> None:
    out = tmp_path / "loc"
    result = runner.invoke(app, ["translate", str(SAMPLE_ARTICLE), "--out", str(out), *option])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0], lines
    assert not out.exists()


def test_cuda_without_a_gpu_is_a_clear_error(tmp_path: Path) -> None:
    import ctranslate2

    if ctranslate2.get_cuda_device_count() > 0:
        pytest.skip("this machine has a CUDA GPU: the error cannot happen here")
    out = tmp_path / "loc"
    result = runner.invoke(
        app, ["translate", str(SAMPLE_ARTICLE), "--out", str(out), "--device", "cuda"]
    )
    assert result.exit_code == 2
    assert "--device cuda: CTranslate2 sees no CUDA GPU" in result.stderr
    assert not out.exists()


@pytest.mark.usefixtures("installed_argos_packages")
@pytest.mark.parametrize("device", ["cpu", "auto"])
def test_cpu_and_auto_devices_translate(tmp_path: Path, device: str) -> None:
    out = tmp_path / "loc"
    result = runner.invoke(
        app,
        [
            "translate",
            str(SAMPLE_ARTICLE),
            "--to",
            "ru",
            "--out",
            str(out),
            "--device",
            device,
            "--compute-type",
            "int8",
            "--threads",
            "1",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    (ru,) = json.loads(result.stdout)["languages"]
    assert ru["machine_translated"] == entry_count(SAMPLE_ARTICLE)


class _Reverser:
    """A deterministic engine (each sentence reversed): shows which sentence went where."""

    name = "reverser"
    source = "en"
    reports_progress = False
    progress = None
    aligns = False

    def __init__(self, target: str, calls: list[int]) -> None:
        self.target = target
        self.calls = calls

    def describe(self) -> str:
        return "reverser"

    def translate(self, sentences: list[str]) -> list[Translation]:
        self.calls.append(len(sentences))
        return [Translation(sentence[::-1]) for sentence in sentences]


def test_new_articles_are_translated_ahead_in_one_engine_call(tmp_path: Path) -> None:
    from newsloc.translate.batch import translate_articles
    from newsloc.translate.pipeline import RunSettings, translate_article

    articles = desk(tmp_path, SAMPLE_ARTICLE, ("a.txt", "b.txt", "c.txt"))
    calls: list[int] = []
    batch = translate_articles(
        articles,
        RunSettings(
            ["ru", "az"], out=tmp_path / "batch", engine_factory=lambda t: _Reverser(t, calls)
        ),
    )
    # Per language one call for all three articles, each distinct sentence once (the
    # articles share their first paragraphs; c.txt holds all of them).
    distinct = {
        s.text
        for paragraph in articles[2].read_text(encoding="utf-8").split("\n\n")
        for s in split_sentences(paragraph.strip())
        if s.translatable
    }
    assert calls == [len(distinct), len(distinct)]
    assert [r.languages[0].machine_translated for r in batch.done] == [2, 3, 4]
    for article in articles:  # every article got its own sentences back, in place
        translate_article(
            article,
            RunSettings(["ru"], out=tmp_path / "alone", engine_factory=lambda t: _Reverser(t, [])),
        )
        name = f"ru/LC_MESSAGES/{article.stem}.po"
        batched = polib.pofile(str(tmp_path / "batch" / name))
        alone = polib.pofile(str(tmp_path / "alone" / name))
        assert [e.msgstr for e in batched] == [e.msgstr for e in alone]
    calls.clear()  # a re-run leaves existing catalogues to translate_article: nothing to send
    translate_articles(
        articles,
        RunSettings(["ru"], out=tmp_path / "batch", engine_factory=lambda t: _Reverser(t, calls)),
    )
    assert calls == []


@pytest.mark.usefixtures("installed_argos_packages")
def test_a_batch_with_real_models_calls_each_engine_once(tmp_path: Path) -> None:
    from newsloc.translate.batch import translate_articles
    from newsloc.translate.engines.registry import engine_factory
    from newsloc.translate.pipeline import RunSettings

    articles = desk(tmp_path, SAMPLE_ARTICLE, ("a.txt", "b.txt", "c.txt"))
    real = engine_factory("argos")
    assert real is not None
    calls: list[int] = []

    def counting(language: str):
        engine = real(language)
        translate = engine.translate
        engine.translate = lambda sentences: calls.append(len(sentences)) or translate(sentences)
        return engine

    batch = translate_articles(
        articles, RunSettings(["ru"], out=tmp_path / "loc", engine_factory=counting)
    )
    assert len(calls) == 1
    for report in batch.done:
        po = polib.pofile(str(report.languages[0].path))
        assert all(e.msgstr and "fuzzy" in e.flags for e in po)
