"""`glossary apply` accepts every catalogue msgfmt accepts and changes only what it must
(issue 10, defect 1): generated catalogues with long names and long translator comments,
CRLF line ends, plural and msgctxt entries, previous msgids, obsolete and untranslated
entries, written at any wrap width."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsloc.glossary.loader import load_default_glossary
from newsloc.glossary.model import Glossary
from newsloc.glossary.render import DocumentRenderer
from newsloc.translate.catalog.glossary_qa import apply_to_catalog
from newsloc.translate.catalog.storage import save_catalog

GLOSSARY: Glossary = load_default_glossary()
LANGUAGES = ("ru", "hy", "az")
FIELDS = (
    "msgid",
    "msgid_plural",
    "msgctxt",
    "comment",
    "occurrences",
    "previous_msgid",
    "previous_msgctxt",
    "obsolete",
)

words = st.text(alphabet="abcdefghij klmnop ,.-'", min_size=0, max_size=12)
#: Comments long enough that any writer wraps them, with the glossary's own prefix sometimes.
comments = st.lists(
    st.one_of(
        st.text(alphabet="reviewer: check the long note about names ", max_size=120),
        st.just('glossary: nagorno-karabakh: expected "Нагорный Карабах" for "Nagorno-Karabakh"'),
    ),
    max_size=3,
).map("\n".join)


def concepts_with(language: str) -> list:
    return [c for c in GLOSSARY if language in GLOSSARY.languages_of(c)]


@st.composite
def translated_mention(draw, language: str) -> tuple[str, str]:
    """(English name, what a translation says for it): right, other name, dropped,
    misspelled or in capitals."""
    concept = draw(st.sampled_from(concepts_with(language)))
    name = draw(st.sampled_from(concept.names))
    shown = draw(st.sampled_from(concept.names))
    form = draw(st.sampled_from(sorted(set(concept.forms_of(language, shown).cases.values()))))
    how = draw(st.sampled_from(["as is", "dropped", "misspelled", "capitals"]))
    if how == "dropped":
        form = draw(words)
    elif how == "misspelled" and len(form) > 3:
        form = form[:2] + form[3:]
    elif how == "capitals":
        form = form.upper()
    return name, form


@st.composite
def catalogues(draw) -> tuple[str, str]:
    """(language, .po text)."""
    language = draw(st.sampled_from(LANGUAGES))
    po = polib.POFile(wrapwidth=draw(st.sampled_from([0, 40, 76, 79, 200])))
    po.metadata = {
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    for number in range(draw(st.integers(1, 6))):
        mentions = draw(st.lists(translated_mention(language), min_size=0, max_size=3))
        msgid = f"{number}. " + " and ".join(f"{draw(words)} {name}" for name, _ in mentions)
        msgstr = f"{number}. " + " и ".join(f"{draw(words)} {form}" for _, form in mentions)
        kind = draw(st.sampled_from(["plain", "plain", "plural", "obsolete", "untranslated"]))
        entry = polib.POEntry(
            msgid=msgid,
            msgstr="" if kind == "untranslated" else msgstr,
            tcomment=draw(comments),
            comment=draw(st.sampled_from(["", "glossary: a long extracted note " * 3])),
            occurrences=[("article.txt", str(number + 1))],
            flags=draw(st.sampled_from([[], ["fuzzy"], ["no-c-format"]])),
            msgctxt=draw(st.sampled_from([None, f"paragraph {number}"])),
            previous_msgid=draw(st.sampled_from([None, f"{number}. an older source text"])),
            obsolete=kind == "obsolete",
        )
        if kind == "plural":
            entry.msgid_plural = msgid + " (many)"
            entry.msgstr_plural = {0: msgstr, 1: msgstr}
            entry.msgstr = ""
        if entry.obsolete:
            entry.previous_msgid = None
        po.append(entry)
    text = str(po)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return language, text


settings.register_profile(
    "newsloc-apply", max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def peoples_lines(tcomment: str) -> list[str]:
    """A translator comment without the lines newsloc writes, as a reader gets it back
    (no empty lines at the start)."""
    lines = [
        line
        for line in tcomment.split("\n")
        if not line.startswith(("glossary: ", "machine translation: "))
    ]
    while lines and not lines[0].strip():
        lines.pop(0)
    return lines or [""]


def write(directory: Path, text: str) -> Path:
    path = directory / "article.po"
    path.write_bytes(text.encode("utf-8"))
    return path


@settings(settings.get_profile("newsloc-apply"))
@given(catalogues())
def test_apply_never_refuses_and_changes_only_what_it_must(catalogue):
    language, text = catalogue
    with tempfile.TemporaryDirectory() as directory:
        path = write(Path(directory), text)
        before = polib.pofile(str(path))
        report = apply_to_catalog(path, GLOSSARY)  # must not raise
        after = polib.pofile(str(path))
        assert len(after) == len(before) and after.metadata == before.metadata
        renderer = DocumentRenderer(GLOSSARY, language)
        for old, new in zip(before, after, strict=True):
            for name in FIELDS:
                assert getattr(new, name) == getattr(old, name), name
            assert new.msgstr_plural == old.msgstr_plural
            if old.obsolete or not old.msgid:
                assert (new.msgstr, new.flags, new.tcomment) == (
                    old.msgstr,
                    old.flags,
                    old.tcomment,
                )
                continue
            if old.msgid_plural or not old.msgstr.strip():
                renderer.pass_over(old.msgid)
                assert (new.msgstr, new.flags) == (old.msgstr, old.flags)
                continue
            rendering = renderer.render(old.msgid, old.msgstr)
            assert new.msgstr == rendering.text
            if rendering.needs_review:
                assert "fuzzy" in new.flags
                assert all(line in new.tcomment.split("\n") for line in rendering.comments())
            elif "fuzzy" in old.flags:
                assert (new.flags, new.tcomment) == (old.flags, old.tcomment)
            else:  # approved by a reviewer: newsloc's own comments go, a person's stay
                assert new.flags == old.flags
                assert new.tcomment.split("\n") == peoples_lines(old.tcomment)
        if not report.touched:
            assert path.read_bytes() == text.encode("utf-8")
        # Applying again finds nothing to do and does not write.
        again = apply_to_catalog(path, GLOSSARY)
        assert not again.written and again.changed == 0


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is missing")
@settings(settings.get_profile("newsloc-apply"), max_examples=25)
@given(catalogues())
def test_what_apply_writes_is_still_accepted_by_msgfmt(catalogue):
    _, text = catalogue
    with tempfile.TemporaryDirectory() as directory:
        path = write(Path(directory), text)
        check = ["msgfmt", "--check-format", "-o", "/dev/null", str(path)]
        assert subprocess.run(check, capture_output=True).returncode == 0
        apply_to_catalog(path, GLOSSARY)
        result = subprocess.run(check, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_a_long_glossary_comment_is_written_on_one_line(tmp_path):
    """The defect as reported: a name with a long comment made apply refuse the file."""
    text = (
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#: article.txt:1\nmsgid "Fighting in Nagorno-Karabakh and the Republic of Azerbaijan."\n'
        'msgstr "Бои в регионе."\n'
    )
    path = write(tmp_path, text)
    report = apply_to_catalog(path, GLOSSARY)
    assert report.written and report.flagged == 1
    lines = path.read_text(encoding="utf-8").splitlines()
    comment = next(line for line in lines if "nagorno-karabakh" in line)
    assert (
        comment
        == '# glossary: nagorno-karabakh: expected "Нагорный Карабах" for "Nagorno-Karabakh"'
    )


def test_translate_writes_long_translator_comments_on_one_line_and_apply_replaces_them(tmp_path):
    """A catalogue written by `translate` keeps each comment line whole, so a later apply
    replaces its `glossary:` lines instead of leaving their wrapped tails behind."""
    po = polib.POFile(wrapwidth=76)
    po.metadata = {"Language": "ru", "Content-Type": "text/plain; charset=UTF-8"}
    stale = (
        'glossary: stepanakert: expected "Степанакерт (Ханкенди)" for "Stepanakert" '
        "(the engine dropped it)"
    )
    po.append(
        polib.POEntry(
            msgid="Shelling in Stepanakert.",
            msgstr="Обстрел в Ханкенди.",
            tcomment=f"machine translation: argos\n{stale}",
            flags=["fuzzy"],
        )
    )
    path = tmp_path / "article.po"
    assert save_catalog(po, path)
    assert f"# {stale}\n" in path.read_text(encoding="utf-8")
    assert polib.pofile(str(path))[0].tcomment == po[0].tcomment
    report = apply_to_catalog(path, GLOSSARY)
    assert report.changed == 1
    entry = polib.pofile(str(path))[0]
    assert entry.msgstr == "Обстрел в Степанакерте (Ханкенди)."
    assert entry.tcomment.split("\n") == [
        "machine translation: argos",
        'glossary: stepanakert: "Ханкенди" → "Степанакерте (Ханкенди)"',
    ]
