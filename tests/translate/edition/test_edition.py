"""Editions rebuilt from catalogues: order, review threshold, marks, formats, bad input.

The catalogues are built with polib exactly as docs/catalogues.md describes what
`newsloc translate` writes: one entry per distinct paragraph in document order, every
occurrence as `#: PATH:LINE`, machine output fuzzy, a byline marked `#. byline`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

import polib
import pytest
from babel.dates import get_month_names
from typer.testing import CliRunner

from newsloc.translate.cli import app
from newsloc.translate.edition.build import EditionRefused, build_edition
from newsloc.translate.edition.model import EditionFormat
from newsloc.translate.edition.render import escape_markdown
from newsloc.translate.edition.typography import apply_typography
from newsloc.translate.errors import UserError

SOURCE_PATH = "articles/seed-article.txt"
DATE = "2023-09-19"
#: A recognisable prefix per language, so a test can tell a translation from its source.
MARK = {"hy": "Հայերեն՝", "az": "Azərbaycanca:", "ru": "По-русски:"}

runner = CliRunner()


# ---------------------------------------------------------------- catalogue builder


def article_paragraphs(article: Path) -> list[tuple[int, str]]:
    """(start line, unwrapped text) for every blank-line separated paragraph."""
    paragraphs: list[tuple[int, str]] = []
    start, lines = 0, []
    for number, line in enumerate(article.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            start = start or number
            lines.append(line.strip())
        elif lines:
            paragraphs.append((start, " ".join(lines)))
            start, lines = 0, []
    if lines:
        paragraphs.append((start, " ".join(lines)))
    return paragraphs


def unique_paragraphs(article: Path) -> list[tuple[str, list[int]]]:
    """Distinct paragraphs in order of first occurrence, with every line they start at."""
    seen: dict[str, list[int]] = {}
    for line, text in article_paragraphs(article):
        seen.setdefault(text, []).append(line)
    return list(seen.items())


def translated(language: str, text: str) -> str:
    return f"{MARK[language]} {text}"


def build_catalog(
    article: Path,
    language: str,
    *,
    fuzzy: Iterable[int] = (),
    untranslated: Iterable[int] = (),
    date: str | None = DATE,
    obsolete: bool = False,
    overrides: dict[int, str] | None = None,
) -> polib.POFile:
    """A catalogue for `article`: entry i is reviewed unless listed as fuzzy/untranslated."""
    fuzzy, untranslated = set(fuzzy), set(untranslated)
    po = polib.POFile(wrapwidth=76)
    po.metadata = {
        "Project-Id-Version": "seed-article",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": "newsloc 0.1.0",
        "X-Newsloc-Source": SOURCE_PATH,
    }
    if date:
        po.metadata["X-Newsloc-Date"] = date
    for index, (text, lines) in enumerate(unique_paragraphs(article)):
        msgstr = (overrides or {}).get(index, translated(language, text))
        entry = polib.POEntry(
            msgid=text,
            msgstr="" if index in untranslated else msgstr,
            occurrences=[(SOURCE_PATH, str(line)) for line in lines],
        )
        if text.startswith("By "):
            entry.comment = "byline: keep the name as written"
        if index in fuzzy:
            entry.flags.append("fuzzy")
            entry.tcomment = "machine translation: none"
        po.append(entry)
    if obsolete:
        po.append(
            polib.POEntry(msgid="A paragraph cut from the story.", msgstr="OBSOLETE", obsolete=True)
        )
    return po


def write_catalog(locales: Path, language: str, po: polib.POFile, domain: str = "seed-article"):
    path = locales / language / "LC_MESSAGES" / f"{domain}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path


def edition_body(text: str) -> list[str]:
    """The paragraphs of a Markdown or text edition after its dateline."""
    return text.strip().split("\n\n")[1:]


@pytest.fixture
def locales(tmp_path: Path, seed_article: Path) -> Path:
    """hy, az and ru catalogues of the seed article, every entry reviewed."""
    root = tmp_path / "locales"
    for language in MARK:
        write_catalog(root, language, build_catalog(seed_article, language, obsolete=True))
    return root


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


# ---------------------------------------------------------------- order and content


def test_markdown_edition_follows_source_order_and_repeats_paragraphs(
    locales: Path, tmp_path: Path, seed_article: Path
):
    out = tmp_path / "editions"
    result = run("edition", "build", "--lang", "hy", "--locales", locales, "--out", out)

    assert result.exit_code == 0, result.output
    path = out / "seed-article.hy.md"
    assert result.stdout.strip() == str(path)
    text = path.read_text(encoding="utf-8")
    expected = [
        apply_typography(translated("hy", p), "hy") for _line, p in article_paragraphs(seed_article)
    ]
    body = edition_body(text)
    # Markdown escaping only adds backslashes; the byline is set in italics; the
    # translations are printed with Armenian typography («» for the engine's “”).
    assert "«anti-terrorist activities»" in body[0]
    assert [re.sub(r"\\(.)", r"\1", p).strip("*") for p in body] == expected
    assert len(body) == 13  # 11 distinct paragraphs, two of them printed twice
    assert "OBSOLETE" not in text


def test_dateline_has_language_name_and_localized_date(locales: Path, tmp_path: Path):
    # The house style is newsloc's; only the month's name comes from CLDR.
    september = {lang: get_month_names("wide", locale=lang)[9] for lang in ("hy", "az", "ru")}
    dates = {
        "hy": ("հայերեն", f"19 {september['hy']} 2023 թ."),
        "az": ("azərbaycan dili", f"19 {september['az']} 2023"),
        "ru": ("русский", f"19 {september['ru']} 2023\u00a0г."),
    }
    for language, (name, date) in dates.items():
        result = build_edition(language, locales=locales, out=tmp_path, fmt=EditionFormat.TXT)
        first_line = result.path.read_text(encoding="utf-8").splitlines()[0]
        assert first_line == f"{name} · {date}"


def test_date_option_overrides_header_and_missing_date_warns(
    tmp_path: Path, seed_article: Path, locales: Path
):
    result = build_edition(
        "ru", locales=locales, out=tmp_path, fmt=EditionFormat.TXT, date="2024-01-05"
    )
    january = get_month_names("wide", locale="ru")[1]
    assert f"5 {january} 2024\u00a0г." in result.path.read_text(encoding="utf-8")

    bare = tmp_path / "bare"
    write_catalog(bare, "ru", build_catalog(seed_article, "ru", date=None))
    cli = run("edition", "build", "--lang", "ru", "--locales", bare, "--out", tmp_path / "o")
    assert cli.exit_code == 0
    assert "no X-Newsloc-Date" in cli.stderr
    assert (
        (tmp_path / "o" / "seed-article.ru.md")
        .read_text(encoding="utf-8")
        .startswith("*русский*\n")
    )


# ---------------------------------------------------------------- review threshold


def test_refuses_below_threshold_with_a_report_and_writes_nothing(
    tmp_path: Path, seed_article: Path
):
    root = tmp_path / "locales"
    # 11 entries, 6 not reviewed: 45.5% reviewed.
    po = build_catalog(seed_article, "hy", fuzzy=[1, 2, 3, 4, 5], untranslated=[6])
    write_catalog(root, "hy", po)
    out = tmp_path / "editions"

    result = run("edition", "build", "--lang", "hy", "--locales", root, "--out", out)

    assert result.exit_code == 1
    assert not out.exists()
    assert "45.5% of 11 entries are reviewed (needs 80%)" in result.stderr
    assert result.stderr.count("\n") == 1  # one error line; the report is the table
    # The report names each pending entry by its lines, state and first words.
    assert re.search(r"5, 21\s*│\s*fuzzy\s*│\s*The Azerbaijani Defense", result.stdout)
    assert re.search(r"13\s*│\s*untranslated\s*│\s*Internationally recognized", result.stdout)


def test_refusal_json_lists_pending_entries(tmp_path: Path, seed_article: Path):
    root = tmp_path / "locales"
    write_catalog(root, "az", build_catalog(seed_article, "az", fuzzy=range(11)))
    result = run("edition", "build", "--lang", "az", "--locales", root, "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["refused"] is True
    assert report["percent_usable"] == 0.0
    assert [item["lines"] for item in report["pending"]][:3] == [[1], [3], [5, 21]]


def test_above_threshold_unreviewed_paragraph_prints_marked_source(
    tmp_path: Path, seed_article: Path
):
    root = tmp_path / "locales"
    write_catalog(root, "ru", build_catalog(seed_article, "ru", fuzzy=[2]))  # 90.9%
    out = tmp_path / "editions"

    result = run("edition", "build", "--lang", "ru", "--locales", root, "--out", out)

    assert result.exit_code == 0, result.output
    assert "line 5: not reviewed" in result.stderr
    body = edition_body((out / "seed-article.ru.md").read_text(encoding="utf-8"))
    # The label is in the edition's language; the paragraph is the English source.
    assert body[2].startswith(
        "**[Ещё не переведено: оригинал на английском]** The Azerbaijani Defense"
    )
    assert body[0].startswith("По-русски:")
    assert "Непроверенный машинный перевод" not in "\n".join(body)


def test_min_reviewed_option_moves_the_threshold(tmp_path: Path, seed_article: Path):
    root = tmp_path / "locales"
    write_catalog(root, "ru", build_catalog(seed_article, "ru", fuzzy=[2, 3, 4]))  # 72.7%
    assert run("edition", "build", "--lang", "ru", "--locales", root).exit_code == 1
    ok = run(
        "edition", "build", "--lang", "ru", "--locales", root, "--min-reviewed", "70",
        "--out", tmp_path / "o",
    )  # fmt: skip
    assert ok.exit_code == 0


def test_allow_fuzzy_publishes_machine_text_under_a_banner(tmp_path: Path, seed_article: Path):
    root = tmp_path / "locales"
    write_catalog(root, "hy", build_catalog(seed_article, "hy", fuzzy=range(2, 11)))
    with pytest.raises(EditionRefused):
        build_edition("hy", locales=root, out=tmp_path)

    result = build_edition("hy", locales=root, out=tmp_path, allow_fuzzy=True)
    text = result.path.read_text(encoding="utf-8")
    assert (
        "> **Չստուգված մեքենայական թարգմանություն. խմբագիրը դեռ չի ստուգել 13 պարբերությունից "
        "11-ը։**" in text
    )
    assert "բնօրինակ" not in text
    assert result.edition.unreviewed

    html = build_edition(
        "hy", locales=root, out=tmp_path, allow_fuzzy=True, fmt=EditionFormat.HTML
    ).path.read_text(encoding="utf-8")
    assert '<p class="banner" role="note"><strong>Չստուգված' in html
    assert html.count('class="machine"') == 10  # 11 machine paragraphs, one is the byline
    assert 'title="մեքենայական թարգմանություն, չստուգված"' in html
    assert 'class="byline machine"' in html


def test_allow_fuzzy_without_machine_text_has_no_banner(locales: Path, tmp_path: Path):
    result = build_edition("az", locales=locales, out=tmp_path, allow_fuzzy=True)
    assert not result.edition.unreviewed
    assert "Unreviewed" not in result.path.read_text(encoding="utf-8")


# ---------------------------------------------------------------- formats


def test_html_edition_is_self_contained_escaped_and_declares_language(
    tmp_path: Path, seed_article: Path
):
    root = tmp_path / "locales"
    hostile = 'Ստեփանակերտ <script>alert("x")</script> & “quotes”'
    write_catalog(root, "hy", build_catalog(seed_article, "hy", overrides={1: hostile}))

    result = run(
        "edition", "build", "--lang", "hy", "--locales", root, "--format", "html",
        "--out", tmp_path / "o",
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    page = (tmp_path / "o" / "seed-article.hy.html").read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="hy">')
    assert '<meta charset="utf-8">' in page
    assert '"Noto Sans Armenian", "DejaVu Sans"' in page
    assert "<script" not in page
    # Escaped after typography: the straight and English quotes became Armenian ones.
    assert "Ստեփանակերտ &lt;script&gt;alert(«x»)&lt;/script&gt; &amp; «quotes»" in page
    # Nothing is fetched from elsewhere.
    assert not re.search(r"https?:|<link|<img|src=|@import|url\(", page)
    september = get_month_names("wide", locale="hy")[9]
    assert f'<time datetime="2023-09-19">19 {september} 2023 թ.</time>' in page
    assert '<p class="byline">Հայերեն՝ By admin</p>' in page


def test_plain_text_edition_keeps_text_as_written(tmp_path: Path, seed_article: Path):
    root = tmp_path / "locales"
    write_catalog(root, "az", build_catalog(seed_article, "az", overrides={0: "1. *Bakı* <b>"}))
    result = build_edition("az", locales=root, out=tmp_path, fmt=EditionFormat.TXT)
    assert result.path.name == "seed-article.az.txt"
    assert edition_body(result.path.read_text(encoding="utf-8"))[0] == "1. *Bakı* <b>"


def test_markdown_escapes_what_would_become_markup(tmp_path: Path, seed_article: Path):
    root = tmp_path / "locales"
    write_catalog(root, "az", build_catalog(seed_article, "az", overrides={0: "1. *Bakı* <b>"}))
    result = build_edition("az", locales=root, out=tmp_path)
    assert edition_body(result.path.read_text(encoding="utf-8"))[0] == r"1\. \*Bakı\* \<b\>"


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "xx"], "unknown language 'xx'"),
        (["--lang", "ka"], "ka/LC_MESSAGES: no .po catalogues found"),
        (["--lang", "hy", "--domain", "other"], "hy/LC_MESSAGES/other.po: no such catalogue"),
        (["--lang", "hy", "--date", "19.09.2023"], "--date: '19.09.2023' is not a date"),
        (["--lang", "hy", "--min-reviewed", "120"], "--min-reviewed: 120 is not a percentage"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(locales: Path, args: list[str], message: str):
    result = run("edition", "build", "--locales", locales, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.startswith("newsloc: error: ")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_malformed_catalogue_and_several_domains_are_user_errors(locales: Path, seed_article: Path):
    bad = locales / "hy" / "LC_MESSAGES" / "seed-article.po"
    bad.write_text('msgid "open\nmsgstr ""\n', encoding="utf-8")
    with pytest.raises(UserError, match=r"\.po:1: not a readable gettext catalogue"):
        build_edition("hy", locales=locales)

    write_catalog(locales, "ru", build_catalog(seed_article, "ru"), domain="second")
    result = run("edition", "build", "--lang", "ru", "--locales", locales)
    assert result.exit_code == 2
    assert (
        "catalogues of several articles (second, seed-article); choose one with --domain, "
        "e.g. --domain second"
    ) in result.stderr


def test_entry_without_line_reference_cannot_be_placed(tmp_path: Path, seed_article: Path):
    po = build_catalog(seed_article, "hy")
    po[2].occurrences = [(SOURCE_PATH, "")]
    path = write_catalog(tmp_path, "hy", po)
    with pytest.raises(UserError, match=re.escape(f"{path}:")) as error:
        build_edition("hy", locales=tmp_path, out=tmp_path / "o")
    assert "no '#: PATH:LINE' reference" in str(error.value)


# ---------------------------------------------------------------- the review loop, end to end


def test_translate_review_change_retranslate_publish(
    tmp_path: Path, seed_article: Path, monkeypatch: pytest.MonkeyPatch
):
    """translate → a reviewer edits → the article changes → translate again → edition."""
    monkeypatch.chdir(tmp_path)
    article = Path("articles/seed-article.txt")
    article.parent.mkdir()
    original = seed_article.read_text(encoding="utf-8")
    article.write_text(original, encoding="utf-8")
    translate = ["translate", article, "--to", "hy,az,ru", "--engine", "none", "--no-glossary"]
    translate += ["--date", DATE]

    first = run(*translate)
    assert first.exit_code == 0, first.output
    po_path = Path("locales/hy/LC_MESSAGES/seed-article.po")

    # A reviewer translates every Armenian entry in their editor and saves.
    po = polib.pofile(str(po_path), wrapwidth=76)
    for entry in po:
        entry.msgstr = translated("hy", entry.msgid)
        entry.fuzzy = False
    po.save()

    # The newsroom updates one paragraph, then runs newsloc again.
    old_paragraph = article_paragraphs(article)[1][1]
    article.write_text(original.replace("on Tuesday.", "on Tuesday morning."), encoding="utf-8")
    second = run(*translate)
    assert second.exit_code == 0, second.output

    po = polib.pofile(str(po_path))
    changed = next(e for e in po if e.msgid.endswith("on Tuesday morning."))
    assert changed.fuzzy
    assert changed.previous_msgid == old_paragraph
    assert changed.msgstr == translated("hy", old_paragraph)  # kept for the reviewer
    assert sum(1 for e in po if not e.obsolete and not e.fuzzy and e.msgstr) == 10
    assert po.metadata["X-Newsloc-Date"] == DATE

    stats = run("catalog", "stats", "--json")
    assert stats.exit_code == 0, stats.output
    hy = next(row for row in json.loads(stats.stdout) if row["language"] == "hy")
    assert (hy["reviewed"], hy["fuzzy"], hy["untranslated"]) == (10, 1, 0)

    # 10 of 11 reviewed: published, the changed paragraph in English and marked.
    # The changed paragraph names Stepanakert, a contested place: the gate refuses ...
    gated = run("edition", "build", "--lang", "hy")
    assert gated.exit_code == 1
    assert re.search(r"\b3\s*│\s*fuzzy\s*│\s*stepanakert\s*│\s*Heavy shelling", gated.stdout)
    assert "1 unreviewed entry names a contested place" in gated.stderr
    # ... unless the desk takes responsibility for the names.
    built = run("edition", "build", "--lang", "hy", "--allow-unreviewed-names")
    assert built.exit_code == 0, built.output
    assert "line 3: not reviewed" in built.stderr
    body = edition_body(Path("build/editions/seed-article.hy.md").read_text(encoding="utf-8"))
    assert len(body) == 13
    lead = apply_typography(translated("hy", article_paragraphs(article)[0][1]), "hy")
    assert body[0].startswith(escape_markdown(lead))
    assert body[1] == (
        "**[Դեռ թարգմանված չէ. անգլերեն բնօրինակ]** "
        + escape_markdown(article_paragraphs(article)[1][1])
    )

    # A stricter desk refuses; the report names the changed paragraph.
    strict = run(
        "edition", "build", "--lang", "hy", "--min-reviewed", "95", "--allow-unreviewed-names"
    )
    assert strict.exit_code == 1
    assert re.search(r"\b3\s*│\s*fuzzy\s*│\s*Heavy shelling", strict.stdout)

    # Nothing was reviewed in az: no edition, and the report lists all 11 entries.
    refused = run("edition", "build", "--lang", "az", "--json")
    assert refused.exit_code == 1
    assert len(json.loads(refused.stdout)["pending"]) == 11

    compiled = run("catalog", "compile", "--json")
    assert compiled.exit_code == 0, compiled.output
    hy_mo = next(item for item in json.loads(compiled.stdout) if item["language"] == "hy")
    assert (hy_mo["compiled"], hy_mo["skipped_fuzzy"]) == (10, 1)


def test_banner_counts_a_single_machine_paragraph(tmp_path: Path, seed_article: Path):
    root = tmp_path / "locales"
    write_catalog(root, "ru", build_catalog(seed_article, "ru", fuzzy=[9]))
    result = build_edition(
        "ru", locales=root, out=tmp_path, allow_fuzzy=True, fmt=EditionFormat.TXT
    )
    lines = result.path.read_text(encoding="utf-8").split("\n\n")
    assert lines[1] == (
        "[Непроверенный машинный перевод. Не проверено редактором абзацев: 1 из 13.]"
    )
    assert lines[11] == translated("ru", unique_paragraphs(seed_article)[9][0])


def test_json_summary_counts_what_the_edition_holds(tmp_path: Path, seed_article: Path):
    root = tmp_path / "locales"
    write_catalog(root, "az", build_catalog(seed_article, "az", fuzzy=[2], untranslated=[9]))
    out = tmp_path / "o"
    result = run(
        "edition", "build", "--lang", "az", "--locales", root, "--out", out, "--format", "html",
        "--allow-fuzzy", "--json",
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["path"] == str(out / "seed-article.az.html")
    assert summary["language_name"] == "azərbaycan dili"
    assert summary["date"] == DATE
    # Entry 2 stands twice in the article (lines 5 and 21); entry 9 once (line 19).
    assert (summary["paragraphs"], summary["machine_paragraphs"]) == (13, 2)
    assert (summary["source_paragraphs"], summary["reviewed_paragraphs"]) == (1, 10)
    assert summary["unreviewed"] is True
    assert summary["warnings"] == [
        f"{root / 'az/LC_MESSAGES/seed-article.po'}: line 19: not reviewed; the English source "
        "is printed, marked as untranslated: Armenia has accused Moscow, which is involved…"
    ]


def test_threshold_compares_exact_shares_not_rounded_percentages(
    tmp_path: Path, seed_article: Path
):
    root = tmp_path / "locales"
    write_catalog(root, "hy", build_catalog(seed_article, "hy", fuzzy=[2, 3]))  # 9/11 = 81.82%
    with pytest.raises(EditionRefused) as refused:
        build_edition("hy", locales=root, out=tmp_path, min_reviewed=81.82)
    assert refused.value.report.percent_usable == 81.8
    assert build_edition("hy", locales=root, out=tmp_path, min_reviewed=81.81).path.is_file()


def test_a_regional_language_header_is_the_same_language(tmp_path: Path) -> None:
    # Poedit writes `ru_RU`; the edition of `ru` must not warn that the header disagrees,
    # and a header that names another language must.
    repo_locales = Path(__file__).resolve().parents[3] / "locales"
    locales = tmp_path / "locales"
    source = repo_locales / "ru" / "LC_MESSAGES" / "sample-article.po"
    target = locales / "ru" / "LC_MESSAGES" / "sample-article.po"
    target.parent.mkdir(parents=True)
    text = source.read_text(encoding="utf-8")
    assert '"Language: ru\\n"' in text
    target.write_text(text.replace('"Language: ru\\n"', '"Language: ru_RU\\n"'), "utf-8")
    result = build_edition("ru", locales=locales, out=tmp_path / "out")
    assert not [w for w in result.warnings if "Language header" in w]

    target.write_text(text.replace('"Language: ru\\n"', '"Language: uk\\n"'), "utf-8")
    result = build_edition("ru", locales=locales, out=tmp_path / "out2")
    assert [w for w in result.warnings if "Language header says 'uk', not 'ru'" in w]
