"""Editions rebuilt from catalogues: order, review threshold, marks, formats, bad input.

The catalogues are built with polib exactly as docs/catalogues.md describes what
`newsloc translate` writes: one entry per distinct paragraph in document order, every
occurrence as `#: PATH:LINE`, machine output fuzzy, a byline marked `#. byline`. They are
built for the sample article and, where ../shared has it, the seed article (which repeats
two paragraphs); what a test expects is computed from the article's text.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from pathlib import Path

import polib
import pytest
from babel.dates import get_month_names
from click.testing import CliRunner

from newsloc.base.errors import NewslocError
from newsloc.translate.cli import app
from newsloc.translate.edition.build import EditionRefused, build_edition
from newsloc.translate.edition.content import EditionFormat
from newsloc.translate.edition.formats import escape_markdown
from newsloc.translate.edition.typography import apply_typography
from newsloc.translate.reading import read_article
from tests.conftest import SAMPLE_ARTICLE
from tests.support.articles import (
    article_paragraphs,
    contested_concepts,
    entry_count,
    quiet_entries,
    unique_paragraphs,
)

DATE = "2023-09-19"
#: A recognisable prefix per language, so a test can tell a translation from its source.
MARK = {"hy": "Հայերեն՝", "az": "Azərbaycanca:", "ru": "По-русски:"}

runner = CliRunner()


# ---------------------------------------------------------------- catalogue builder


def source_path(article: Path) -> str:
    """The article's path as the catalogue's `#:` references name it."""
    return f"articles/{article.name}"


def paragraphs_of(article: Path, entries: Iterable[int]) -> list[int]:
    """Positions in the article of every paragraph printed from the given entries."""
    texts = {unique_paragraphs(article)[index][0] for index in entries}
    return [n for n, (_line, text) in enumerate(article_paragraphs(article)) if text in texts]


def pending_row(article: Path, index: int, state: str) -> str:
    """A regex for entry `index`'s row in the refusal report: its lines, state, first words."""
    text, lines = unique_paragraphs(article)[index]
    words = " ".join(text.split()[:2])
    return rf"{', '.join(map(str, lines))}\s*│\s*{state}\s*│\s*{re.escape(words)}"


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
        "Project-Id-Version": article.stem,
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": "newsloc 0.1.0",
        "X-Newsloc-Source": source_path(article),
    }
    if date:
        po.metadata["X-Newsloc-Date"] = date
    for index, (text, lines) in enumerate(unique_paragraphs(article)):
        msgstr = (overrides or {}).get(index, translated(language, text))
        entry = polib.POEntry(
            msgid=text,
            msgstr="" if index in untranslated else msgstr,
            occurrences=[(source_path(article), str(line)) for line in lines],
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


def write_catalog(locales: Path, language: str, po: polib.POFile, domain: str | None = None):
    """Save `po` where the writer would; the domain is the article's unless given."""
    domain = domain or po.metadata["Project-Id-Version"]
    path = locales / language / "LC_MESSAGES" / f"{domain}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path


def edition_body(text: str) -> list[str]:
    """The paragraphs of a Markdown or text edition after its dateline."""
    return text.strip().split("\n\n")[1:]


def reviewed_locales(root: Path, article: Path) -> Path:
    """hy, az and ru catalogues of `article` under `root`, every entry reviewed."""
    for language in MARK:
        write_catalog(root, language, build_catalog(article, language, obsolete=True))
    return root


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    """Reviewed catalogues of the sample article, for tests the article's text does not shape."""
    return reviewed_locales(tmp_path / "locales", SAMPLE_ARTICLE)


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


# ---------------------------------------------------------------- order and content


def test_markdown_edition_follows_source_order_and_repeats_paragraphs(
    tmp_path: Path, news_article: Path
):
    locales = reviewed_locales(tmp_path / "locales", news_article)
    out = tmp_path / "editions"
    result = run("edition", "build", "--lang", "hy", "--locales", locales, "--out", out)

    assert result.exit_code == 0, result.output
    path = out / f"{news_article.stem}.hy.md"
    assert result.stdout.strip() == str(path)
    text = path.read_text(encoding="utf-8")
    paragraphs = [p for _line, p in article_paragraphs(news_article)]
    expected = [apply_typography(translated("hy", p), "hy") for p in paragraphs]
    body = edition_body(text)
    # Markdown escaping only adds backslashes; the byline is set in italics; the
    # translations are printed with Armenian typography («» for the engine's “”).
    for source, printed in zip(paragraphs, body, strict=True):
        if "“" in source:
            assert "«" in printed and "“" not in printed
    assert [re.sub(r"\\(.)", r"\1", p).strip("*") for p in body] == expected
    # Every paragraph, a repeated one (the seed has two) printed at each place it stands.
    assert len(body) == len(paragraphs) >= entry_count(news_article)
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


def test_date_option_overrides_header_and_missing_date_warns(tmp_path: Path, locales: Path):
    result = build_edition(
        "ru", locales=locales, out=tmp_path, fmt=EditionFormat.TXT, date="2024-01-05"
    )
    january = get_month_names("wide", locale="ru")[1]
    assert f"5 {january} 2024\u00a0г." in result.path.read_text(encoding="utf-8")

    bare = tmp_path / "bare"
    write_catalog(bare, "ru", build_catalog(SAMPLE_ARTICLE, "ru", date=None))
    cli = run("edition", "build", "--lang", "ru", "--locales", bare, "--out", tmp_path / "o")
    assert cli.exit_code == 0
    assert "no X-Newsloc-Date" in cli.stderr
    assert (
        (tmp_path / "o" / f"{SAMPLE_ARTICLE.stem}.ru.md")
        .read_text(encoding="utf-8")
        .startswith("*русский*\n")
    )


# ---------------------------------------------------------------- review threshold


def test_refuses_below_threshold_with_a_report_and_writes_nothing(
    tmp_path: Path, news_article: Path
):
    root = tmp_path / "locales"
    # 4 entries not reviewed: 3 of 7 (42.9%) in the sample, 7 of 11 (63.6%) in the seed.
    po = build_catalog(news_article, "hy", fuzzy=[1, 2, 3], untranslated=[4])
    write_catalog(root, "hy", po)
    out = tmp_path / "editions"

    result = run("edition", "build", "--lang", "hy", "--locales", root, "--out", out)

    assert result.exit_code == 1
    assert not out.exists()
    entries = entry_count(news_article)
    share = 100 * (entries - 4) / entries
    assert f"{share:.1f}% of {entries} entries are reviewed (needs 80%)" in result.stderr
    assert result.stderr.count("\n") == 1  # one error line; the report is the table
    # The report names each pending entry by its lines (the seed's entry 2 stands at two),
    # state and first words.
    for index in (1, 2, 3):
        assert re.search(pending_row(news_article, index, "fuzzy"), result.stdout)
    assert re.search(pending_row(news_article, 4, "untranslated"), result.stdout)
    assert not re.search(pending_row(news_article, 0, r"\w+"), result.stdout)


def test_refusal_json_lists_pending_entries(tmp_path: Path, news_article: Path):
    root = tmp_path / "locales"
    entries = entry_count(news_article)
    write_catalog(root, "az", build_catalog(news_article, "az", fuzzy=range(entries)))
    result = run("edition", "build", "--lang", "az", "--locales", root, "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["refused"] is True
    assert report["percent_usable"] == 0.0
    # Every entry, with every line it stands at (the seed's third at lines 5 and 21).
    assert [item["lines"] for item in report["pending"]] == [
        lines for _text, lines in unique_paragraphs(news_article)
    ]


def test_above_threshold_unreviewed_paragraph_prints_marked_source(
    tmp_path: Path, news_article: Path
):
    root = tmp_path / "locales"
    # One entry fuzzy: 6 of 7 (85.7%) reviewed in the sample, 10 of 11 (90.9%) in the seed.
    index = quiet_entries(news_article)[0]  # the seed's third, standing twice
    write_catalog(root, "ru", build_catalog(news_article, "ru", fuzzy=[index]))
    out = tmp_path / "editions"

    result = run("edition", "build", "--lang", "ru", "--locales", root, "--out", out)

    assert result.exit_code == 0, result.output
    text, lines = unique_paragraphs(news_article)[index]
    for line in lines:
        assert f"line {line}: not reviewed" in result.stderr
    body = edition_body((out / f"{news_article.stem}.ru.md").read_text(encoding="utf-8"))
    # The label is in the edition's language; the paragraph is the English source.
    for position in paragraphs_of(news_article, [index]):
        assert body[position] == (
            "**[Ещё не переведено: оригинал на английском]** " + escape_markdown(text)
        )
    assert body[0].startswith("По-русски:")
    assert "Непроверенный машинный перевод" not in "\n".join(body)


def test_min_reviewed_option_moves_the_threshold(tmp_path: Path, news_article: Path):
    root = tmp_path / "locales"
    fuzzy = quiet_entries(news_article)[:3]
    write_catalog(root, "ru", build_catalog(news_article, "ru", fuzzy=fuzzy))
    entries = entry_count(news_article)
    share = 100 * (entries - 3) / entries  # 57.1% (sample), 72.7% (seed): below 80
    assert run("edition", "build", "--lang", "ru", "--locales", root).exit_code == 1
    ok = run(
        "edition", "build", "--lang", "ru", "--locales", root, "--min-reviewed", int(share),
        "--out", tmp_path / "o",
    )  # fmt: skip
    assert ok.exit_code == 0
    strict = run(
        "edition", "build", "--lang", "ru", "--locales", root, "--min-reviewed", int(share) + 1,
        "--out", tmp_path / "strict",
    )  # fmt: skip
    assert strict.exit_code == 1


def test_allow_fuzzy_publishes_machine_text_under_a_banner(tmp_path: Path, news_article: Path):
    root = tmp_path / "locales"
    fuzzy = quiet_entries(news_article)  # the byline among them
    write_catalog(root, "hy", build_catalog(news_article, "hy", fuzzy=fuzzy))
    with pytest.raises(EditionRefused):
        build_edition("hy", locales=root, out=tmp_path)

    result = build_edition("hy", locales=root, out=tmp_path, allow_fuzzy=True)
    text = result.path.read_text(encoding="utf-8")
    # The banner counts paragraphs, not entries: the seed's repeated two count twice.
    machine = len(paragraphs_of(news_article, fuzzy))
    total = len(article_paragraphs(news_article))
    assert (
        "> **Չստուգված մեքենայական թարգմանություն. խմբագիրը դեռ չի ստուգել "
        f"{total} պարբերությունից {machine}-ը։**" in text
    )
    assert "բնօրինակ" not in text
    assert result.edition.unreviewed

    html = build_edition(
        "hy", locales=root, out=tmp_path, allow_fuzzy=True, fmt=EditionFormat.HTML
    ).path.read_text(encoding="utf-8")
    assert '<p class="banner" role="note"><strong>Չստուգված' in html
    assert html.count('class="machine"') == machine - 1  # one machine paragraph is the byline
    assert 'title="մեքենայական թարգմանություն, չստուգված"' in html
    assert 'class="byline machine"' in html


def test_allow_fuzzy_without_machine_text_has_no_banner(locales: Path, tmp_path: Path):
    result = build_edition("az", locales=locales, out=tmp_path, allow_fuzzy=True)
    assert not result.edition.unreviewed
    assert "Unreviewed" not in result.path.read_text(encoding="utf-8")


# ---------------------------------------------------------------- formats


def test_html_edition_is_self_contained_escaped_and_declares_language(tmp_path: Path):
    root = tmp_path / "locales"
    hostile = 'Ստեփանակերտ <script>alert("x")</script> & “quotes”'
    write_catalog(root, "hy", build_catalog(SAMPLE_ARTICLE, "hy", overrides={1: hostile}))

    result = run(
        "edition", "build", "--lang", "hy", "--locales", root, "--format", "html",
        "--out", tmp_path / "o",
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    page = (tmp_path / "o" / f"{SAMPLE_ARTICLE.stem}.hy.html").read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="hy">')
    assert '<meta charset="utf-8">' in page
    assert '"Noto Sans Armenian", "DejaVu Sans"' in page
    assert "<script" not in page
    # Escaped after typography: the straight and English quotes became Armenian ones.
    assert "Ստեփանակերտ &lt;script&gt;alert(«x»)&lt;/script&gt; &amp; «quotes»" in page
    # Nothing is fetched from elsewhere.
    assert not re.search(r"https?:|<link|<img|src=|@import|url\(", page)
    september = get_month_names("wide", locale="hy")[9]
    # Where the date comes from: this catalogue's header names no source (no dateline).
    source = "from the catalogue&#x27;s X-Newsloc-Date header"
    time = f'<time datetime="2023-09-19" data-source="{source}">'
    assert f"{time}19 {september} 2023 թ.</time>" in page
    byline = next(text for _, text in article_paragraphs(SAMPLE_ARTICLE) if text.startswith("By"))
    assert byline.startswith("By ")
    assert f'<p class="byline">{translated("hy", byline)}</p>' in page


def test_plain_text_edition_keeps_text_as_written(tmp_path: Path):
    root = tmp_path / "locales"
    write_catalog(root, "az", build_catalog(SAMPLE_ARTICLE, "az", overrides={0: "1. *Bakı* <b>"}))
    result = build_edition("az", locales=root, out=tmp_path, fmt=EditionFormat.TXT)
    assert result.path.name == f"{SAMPLE_ARTICLE.stem}.az.txt"
    assert edition_body(result.path.read_text(encoding="utf-8"))[0] == "1. *Bakı* <b>"


def test_markdown_escapes_what_would_become_markup(tmp_path: Path):
    root = tmp_path / "locales"
    write_catalog(root, "az", build_catalog(SAMPLE_ARTICLE, "az", overrides={0: "1. *Bakı* <b>"}))
    result = build_edition("az", locales=root, out=tmp_path)
    assert edition_body(result.path.read_text(encoding="utf-8"))[0] == r"1\. \*Bakı\* \<b\>"


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "xx"], "--lang: unknown language code 'xx'"),
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


def test_malformed_catalogue_and_several_domains_are_user_errors(locales: Path):
    bad = locales / "hy" / "LC_MESSAGES" / f"{SAMPLE_ARTICLE.stem}.po"
    bad.write_text('msgid "open\nmsgstr ""\n', encoding="utf-8")
    with pytest.raises(NewslocError, match=r"\.po:1: not a readable gettext catalogue"):
        build_edition("hy", locales=locales)

    write_catalog(locales, "ru", build_catalog(SAMPLE_ARTICLE, "ru"), domain="second")
    result = run("edition", "build", "--lang", "ru", "--locales", locales)
    assert result.exit_code == 2
    domains = sorted(["second", SAMPLE_ARTICLE.stem])
    assert (
        f"catalogues of several articles ({', '.join(domains)}); choose one with --domain, "
        f"e.g. --domain {domains[0]}"
    ) in result.stderr


def test_entry_without_line_reference_cannot_be_placed(tmp_path: Path):
    po = build_catalog(SAMPLE_ARTICLE, "hy")
    po[2].occurrences = [(source_path(SAMPLE_ARTICLE), "")]
    path = write_catalog(tmp_path, "hy", po)
    with pytest.raises(NewslocError, match=re.escape(f"{path}:")) as error:
        build_edition("hy", locales=tmp_path, out=tmp_path / "o")
    assert "no '#: PATH:LINE' reference" in str(error.value)


# ---------------------------------------------------------------- the review loop, end to end


def test_translate_review_change_retranslate_publish(
    tmp_path: Path, news_article: Path, monkeypatch: pytest.MonkeyPatch
):
    """translate → a reviewer edits → the article changes → translate again → edition."""
    monkeypatch.chdir(tmp_path)
    article = Path(source_path(news_article))
    article.parent.mkdir()
    original = news_article.read_text(encoding="utf-8")
    article.write_text(original, encoding="utf-8")
    entries = entry_count(article)
    # The paragraph the newsroom will update; it names Stepanakert, a contested place.
    (changed_at,) = [
        n for n, (_, p) in enumerate(article_paragraphs(article)) if "on Tuesday." in p
    ]
    line, old_paragraph = article_paragraphs(article)[changed_at]
    concepts = contested_concepts(old_paragraph)
    assert "stepanakert" in concepts
    words = re.escape(" ".join(old_paragraph.split()[:2]))
    translate = ["translate", article, "--to", "hy,az,ru", "--engine", "none", "--no-glossary"]
    translate += ["--date", DATE]

    first = run(*translate)
    assert first.exit_code == 0, first.output
    po_path = Path(f"locales/hy/LC_MESSAGES/{article.stem}.po")

    # A reviewer translates every Armenian entry in their editor and saves.
    po = polib.pofile(str(po_path), wrapwidth=76)
    for entry in po:
        entry.msgstr = translated("hy", entry.msgid)
        entry.fuzzy = False
    po.save()

    # The newsroom updates one paragraph, then runs newsloc again.
    assert original.count("on Tuesday.") == 1
    article.write_text(original.replace("on Tuesday.", "on Tuesday morning."), encoding="utf-8")
    second = run(*translate)
    assert second.exit_code == 0, second.output

    po = polib.pofile(str(po_path))
    changed = next(e for e in po if e.msgid.endswith("on Tuesday morning."))
    assert changed.fuzzy
    assert changed.previous_msgid == old_paragraph
    assert changed.msgstr == translated("hy", old_paragraph)  # kept for the reviewer
    assert sum(1 for e in po if not e.obsolete and not e.fuzzy and e.msgstr) == entries - 1
    assert po.metadata["X-Newsloc-Date"] == DATE

    stats = run("catalog", "stats", "--json")
    assert stats.exit_code == 0, stats.output
    hy = next(row for row in json.loads(stats.stdout) if row["language"] == "hy")
    assert (hy["reviewed"], hy["fuzzy"], hy["untranslated"]) == (entries - 1, 1, 0)

    # All but one reviewed: published, the changed paragraph in English and marked.
    # The changed paragraph names a contested place: the gate refuses ...
    gated = run("edition", "build", "--lang", "hy")
    assert gated.exit_code == 1
    names = re.escape(", ".join(concepts))
    assert re.search(rf"\b{line}\s*│\s*fuzzy\s*│\s*{names}\s*│\s*{words}", gated.stdout)
    assert "1 unreviewed entry names a contested place" in gated.stderr
    # ... unless the desk takes responsibility for the names.
    built = run("edition", "build", "--lang", "hy", "--allow-unreviewed-names")
    assert built.exit_code == 0, built.output
    assert f"line {line}: not reviewed" in built.stderr
    edition = Path(f"build/editions/{article.stem}.hy.md")
    blocks = edition.read_text(encoding="utf-8").strip().split("\n\n")
    # A headline stands above the masthead (language and date); the rest follows it.
    masthead = 1 if blocks[0].startswith("# ") else 0
    body = blocks[:masthead] + blocks[masthead + 1 :]
    assert len(body) == len(article_paragraphs(article))
    kinds = [p.kind for p in read_article(article).paragraphs]
    for position, (_line, text) in enumerate(article_paragraphs(article)):
        if kinds[position] == "byline":
            continue
        if position == changed_at:
            assert body[
                position
            ] == "**[Դեռ թարգմանված չէ. անգլերեն բնօրինակ]** " + escape_markdown(text)
        else:
            reviewed = escape_markdown(apply_typography(translated("hy", text), "hy"))
            shown = {"headline": f"# {reviewed}", "standfirst": f"*{reviewed}*"}
            assert body[position] == shown.get(kinds[position], reviewed)

    # A stricter desk refuses; the report names the changed paragraph.
    strict = run(
        "edition", "build", "--lang", "hy", "--min-reviewed", "95", "--allow-unreviewed-names"
    )
    assert strict.exit_code == 1
    assert re.search(rf"\b{line}\s*│\s*fuzzy\s*│\s*{words}", strict.stdout)

    # Nothing was reviewed in az: no edition, and the report lists every entry.
    refused = run("edition", "build", "--lang", "az", "--json")
    assert refused.exit_code == 1
    assert len(json.loads(refused.stdout)["pending"]) == entries

    compiled = run("catalog", "compile", "--json")
    assert compiled.exit_code == 0, compiled.output
    hy_mo = next(item for item in json.loads(compiled.stdout) if item["language"] == "hy")
    assert (hy_mo["compiled"], hy_mo["skipped_fuzzy"]) == (entries - 1, 1)


def test_banner_counts_a_single_machine_paragraph(tmp_path: Path, news_article: Path):
    root = tmp_path / "locales"
    units = unique_paragraphs(news_article)
    # The last paragraph that is not the byline, printed once.
    index = next(i for i in reversed(range(len(units))) if not units[i][0].startswith("By "))
    write_catalog(root, "ru", build_catalog(news_article, "ru", fuzzy=[index]))
    result = build_edition(
        "ru", locales=root, out=tmp_path, allow_fuzzy=True, fmt=EditionFormat.TXT
    )
    lines = result.path.read_text(encoding="utf-8").strip().split("\n\n")
    total = len(article_paragraphs(news_article))
    assert lines[1] == (
        f"[Непроверенный машинный перевод. Не проверено редактором абзацев: 1 из {total}.]"
    )
    (position,) = paragraphs_of(news_article, [index])
    # After the dateline and the banner, marked as HTML marks it (its title), in Russian.
    assert lines[2 + position] == "[машинный перевод, не проверен] " + translated(
        "ru", unique_paragraphs(news_article)[index][0]
    )


def test_json_summary_counts_what_the_edition_holds(tmp_path: Path, news_article: Path):
    root = tmp_path / "locales"
    # The seed's entry 2 stands twice in the article (lines 5 and 21).
    machine, source = quiet_entries(news_article)[0], quiet_entries(news_article)[-2]
    po = build_catalog(news_article, "az", fuzzy=[machine], untranslated=[source])
    write_catalog(root, "az", po)
    out = tmp_path / "o"
    result = run(
        "edition", "build", "--lang", "az", "--locales", root, "--out", out, "--format", "html",
        "--allow-fuzzy", "--json",
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["path"] == str(out / f"{news_article.stem}.az.html")
    assert summary["language_name"] == "azərbaycan dili"
    assert summary["date"] == DATE
    total = len(article_paragraphs(news_article))
    machines = len(paragraphs_of(news_article, [machine]))
    sources = len(paragraphs_of(news_article, [source]))
    assert (summary["paragraphs"], summary["machine_paragraphs"]) == (total, machines)
    assert (summary["source_paragraphs"], summary["reviewed_paragraphs"]) == (
        sources,
        total - machines - sources,
    )
    assert summary["unreviewed"] is True
    # One warning per English paragraph printed, naming its line and its first words.
    text, lines = unique_paragraphs(news_article)[source]
    (warning,) = summary["warnings"]
    catalogue = root / "az" / "LC_MESSAGES" / f"{news_article.stem}.po"
    head = (
        f"{catalogue}: line {lines[0]}: not reviewed; the English source "
        "is printed, marked as untranslated: "
    )
    assert warning.startswith(head) and warning.endswith("…")
    shown = warning.removeprefix(head).removesuffix("…")
    assert text.startswith(shown + " ") and 30 < len(shown) <= 48


def test_threshold_compares_exact_shares_not_rounded_percentages(
    tmp_path: Path, news_article: Path
):
    root = tmp_path / "locales"
    entries = entry_count(news_article)
    # As many fuzzy entries as leave more than 80% reviewed: 9/11 = 81.818…% in the seed,
    # 6/7 = 85.714…% in the sample.
    count = max(k for k in range(entries) if (entries - k) / entries > 0.8)
    fuzzy = quiet_entries(news_article)[:count]
    write_catalog(root, "hy", build_catalog(news_article, "hy", fuzzy=fuzzy))
    share = 100 * (entries - count) / entries
    above, below = math.ceil(share * 100) / 100, math.floor(share * 100) / 100
    assert below < share < above
    with pytest.raises(EditionRefused) as refused:
        build_edition("hy", locales=root, out=tmp_path, min_reviewed=above)
    assert refused.value.report.percent_usable == round(share, 1)
    assert build_edition("hy", locales=root, out=tmp_path, min_reviewed=below).path.is_file()


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
