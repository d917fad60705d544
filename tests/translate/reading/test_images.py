"""A picture's address travels with its alt text and caption, as an extracted comment
(`#. image: URL`) that no translator is asked to translate and that msgmerge (Poedit's
"Update from POT"), pybabel update and a catalogue without its template keep; editions
show the picture (`<img src alt>` with the translated alt text, `![alt](<src>)`), and
publish only http(s) and relative addresses, escaped."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from newsloc.translate.cli import app
from newsloc.translate.edition.formats import safe_image_src
from newsloc.translate.pipeline import RunSettings, translate_article
from tests.support.fake_engine import fake_factory

needs_gnu = pytest.mark.skipif(not shutil.which("msgmerge"), reason="GNU gettext missing")

ARTICLE = """<h1>Engineers to inspect the road</h1>
<p>The team will set out next week.</p>
<figure>
  <img src="https://example.org/pictures/road.jpg" alt="A mountain road">
  <figcaption>The road near Shusha.</figcaption>
</figure>
<p>Talks resumed in January.</p>
<figure><img src="pictures/map.png" alt="A mountain road"></figure>
<figure><img src="SRC" alt="A bridge"><figcaption>Unsafe.</figcaption></figure>
"""


def _catalogues(tmp_path: Path, article: str, name: str = "story.html") -> Path:
    source = tmp_path / name
    source.write_text(article, encoding="utf-8")
    locales = tmp_path / "loc"
    translate_article(source, RunSettings(["ru"], out=locales, engine_factory=fake_factory()))
    path = locales / "ru" / "LC_MESSAGES" / "story.po"
    po = polib.pofile(str(path))
    for entry in po:
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    po.save(str(path))
    return locales


def _edition(locales: Path, fmt: str = "html", language: str = "ru") -> str:
    out = locales.parent / f"out-{fmt}"
    result = CliRunner().invoke(
        app,
        ["edition", "build", "--lang", language, "--locales", str(locales), "--format", fmt,
         "--out", str(out), "--allow-unreviewed-names"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return (out / f"story.{language}.{fmt}").read_text(encoding="utf-8")


def test_the_address_is_a_comment_and_the_edition_shows_the_picture(tmp_path: Path) -> None:
    locales = _catalogues(tmp_path, ARTICLE.replace("SRC", "javascript:alert(1)"))
    pot = polib.pofile(str(locales / "story.pot"))
    assert not any("example.org" in e.msgid or "map.png" in e.msgid for e in pot)
    caption = next(e for e in pot if e.msgctxt == "caption" and e.msgid.startswith("The road"))
    assert "image: https://example.org/pictures/road.jpg" in caption.comment.splitlines()
    # One alt text, two pictures: the address goes with each line.
    alt = next(e for e in pot if e.msgctxt == "alt" and e.msgid == "A mountain road")
    assert [line for line in alt.comment.splitlines() if line.startswith("image:")] == [
        "image: https://example.org/pictures/road.jpg (line 4)",
        "image: pictures/map.png (line 8)",
    ]
    page = _edition(locales)
    assert (
        '<figure class="picture"><img src="https://example.org/pictures/road.jpg" '
        'alt="[ru] A mountain road"><figcaption class="caption">[ru] The road near Shusha.' in page
    )
    assert '<img src="pictures/map.png" alt="[ru] A mountain road">' in page
    assert "javascript" not in page  # not published: the figure keeps its alt text only
    assert '<figure class="picture" role="figure" aria-label="[ru] A bridge">' in page
    markdown = _edition(locales, "md")
    assert "![\\[ru\\] A mountain road](<https://example.org/pictures/road.jpg>)" in markdown
    assert "![\\[ru\\] A bridge]()" in markdown


@pytest.mark.parametrize(
    "src",
    ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "data:text/html,x",
     "file:///etc/passwd", "vbscript:x"],
)  # fmt: skip
def test_only_web_and_relative_addresses_are_published(tmp_path: Path, src: str) -> None:
    assert safe_image_src(src) is None
    page = _edition(_catalogues(tmp_path, ARTICLE.replace("SRC", src.replace("\t", "&#9;"))))
    for payload in ("alert(1)", "text/html,x", "/etc/passwd", "vbscript"):
        assert payload not in page
    assert '<figure class="picture" role="figure" aria-label="[ru] A bridge">' in page


def test_addresses_are_escaped(tmp_path: Path) -> None:
    assert safe_image_src("https://example.org/a.jpg") == "https://example.org/a.jpg"
    assert safe_image_src("//cdn.example.org/a.jpg") == "//cdn.example.org/a.jpg"
    assert safe_image_src(" ../a b.jpg\n") == "../a%20b.jpg"  # as a browser reads it
    locales = _catalogues(tmp_path, ARTICLE.replace("SRC", "b.jpg&quot; onerror=&quot;x"))
    page = _edition(locales)
    assert '<img src="b.jpg&quot;%20onerror=&quot;x" alt="[ru] A bridge">' in page
    assert " onerror=" not in page


@needs_gnu
def test_msgmerge_pybabel_and_a_catalogue_without_its_template_keep_the_address(
    tmp_path: Path,
) -> None:
    from babel.messages.frontend import CommandLineInterface

    locales = _catalogues(tmp_path, ARTICLE.replace("SRC", "bridge.jpg"))
    po, pot = locales / "ru" / "LC_MESSAGES" / "story.po", locales / "story.pot"
    subprocess.run(
        ["msgmerge", "--quiet", "--update", "--backup=off", str(po), str(pot)], check=True
    )
    CommandLineInterface().run(
        ["pybabel", "-q", "update", "-i", str(pot), "-o", str(po), "-l", "ru"]
    )
    pot.unlink()  # the catalogue alone, as copied to a translator and back
    page = _edition(locales)
    assert '<img src="https://example.org/pictures/road.jpg" alt="[ru] A mountain road">' in page
    assert '<img src="pictures/map.png" alt="[ru] A mountain road">' in page
    assert '<img src="bridge.jpg" alt="[ru] A bridge">' in page
