"""`newsloc glossary check` / `apply` on catalogues like real translations (issue 10), in
Russian, Armenian and Azerbaijani: short forms and pronouns pass, a variant is a warning
(exit 0), a misspelled name is repaired and flagged fuzzy with a comment."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from newsloc.translate.cli import app
from tests.glossary.test_real_text import FIXTURE

runner = CliRunner()


def catalogue(directory: Path, language: str, entries: list[tuple[str, str]]) -> Path:
    path = directory / f"{language}.po"
    blocks = [
        'msgid ""\nmsgstr ""\n'
        f'"Language: {language}\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    ]
    for number, (msgid, msgstr) in enumerate(entries, start=1):
        blocks.append(f'#: article.txt:{number}\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n')
    path.write_text("\n".join(blocks), encoding="utf-8")
    return path


def invoke(*args: str | Path):
    return runner.invoke(app, [str(a) for a in args])


CLEAN = {
    "ru": [
        ("The United States and the EU said.", "США и ЕС заявили."),
        ("Moscow said Moscow would respond.", "Москва заявила, что она ответит."),
        ("Fighting in Kalbajar district.", "Бои в Кельбаджарском районе."),
    ],
    "hy": [
        ("The United States and the EU said.", "ԱՄՆ-ն ու ԵՄ-ն հայտարարել են։"),
        ("Moscow said Moscow would respond.", "Մոսկվան հայտարարել է, որ այն կպատասխանի։"),
        ("Fighting in Kalbajar district.", "Մարտեր Քելբաջարի շրջանում։"),
    ],
    "az": [
        ("The United States and the EU said.", "ABŞ və Aİ bildirib."),
        ("Moscow said Moscow would respond.", "Moskva bildirib ki, o cavab verəcək."),
        ("Fighting in Kalbajar district.", "Kəlbəcər rayonunda döyüşlər."),
    ],
}


@pytest.mark.parametrize("language", ["ru", "hy", "az"])
def test_real_translations_check_clean_and_apply_leaves_the_file_alone(tmp_path, language):
    path = catalogue(tmp_path, language, CLEAN[language])
    before = path.read_bytes()
    checked = invoke("glossary", "check", path, "-g", FIXTURE)
    assert (checked.exit_code, checked.stdout) == (0, "")
    applied = invoke("glossary", "apply", path, "-g", FIXTURE)
    assert applied.exit_code == 0, applied.output
    assert path.read_bytes() == before


#: source, translation, the variant it uses, the glossary's spelling
VARIANTS = {
    "ru": ("Fighting near Martakert.", "Бои под Мардакертом.", "Мардакертом", "Мартакертом"),
    "hy": ("Fighting in Martakert.", "Մարտեր Մարդակերտում։", "Մարդակերտում", "Մարտակերտում"),
    "az": ("Fighting in Martakert.", "Mardakertdə döyüşlər.", "Mardakertdə", "Martakertdə"),
}


@pytest.mark.parametrize("language", ["ru", "hy", "az"])
def test_a_variant_is_a_warning_that_keeps_exit_0_and_apply_replaces_it(tmp_path, language):
    source, translation, variant, wanted = VARIANTS[language]
    path = catalogue(tmp_path, language, [(source, translation)])
    checked = invoke("glossary", "check", path, "-g", FIXTURE)
    assert checked.exit_code == 0
    assert checked.stdout == (
        f"{path}:{len(path.read_text(encoding='utf-8').splitlines())}: NL201 martakert: warning: "
        f'uses the variant "{variant}"; the glossary writes "{wanted}"\n'
    )
    assert invoke("glossary", "apply", path, "-g", FIXTURE).exit_code == 0
    (entry,) = [e for e in polib.pofile(str(path)) if e.msgid]
    assert wanted in entry.msgstr and entry.fuzzy
    again = invoke("glossary", "check", path, "-g", FIXTURE)
    assert (again.exit_code, again.stdout) == (0, "")


#: source, translation, the misspelled word, what it becomes
NEAR_MISSES = {
    "ru": (
        "Shelling in Stepanakert.",
        "Обстрел в Степанокерте.",
        "Степанокерте",
        "Степанакерте (Ханкенди)",
    ),
    "hy": (
        "Shelling in Stepanakert.",
        "Հրետակոծություն Ստեփանակեռտում։",
        "Ստեփանակեռտում",
        "Ստեփանակերտում (Խանքենդի)",
    ),
    "az": (
        "Shelling in Khankendi.",
        "Xankendidə atəş açılıb.",
        "Xankendidə",
        "Xankəndidə (Stepanakert)",
    ),
}


@pytest.mark.parametrize("language", ["ru", "hy", "az"])
def test_a_misspelled_name_is_repaired_fuzzy_with_a_comment_naming_it(tmp_path, language):
    source, translation, misspelled, rendering = NEAR_MISSES[language]
    path = catalogue(tmp_path, language, [(source, translation)])
    assert invoke("glossary", "check", path, "-g", FIXTURE).exit_code == 1
    assert invoke("glossary", "apply", path, "-g", FIXTURE).exit_code == 0
    (entry,) = [e for e in polib.pofile(str(path)) if e.msgid]
    assert rendering in entry.msgstr and entry.fuzzy
    assert f'"{misspelled}" → "{rendering}" (near miss)' in entry.tcomment
    checked = invoke("glossary", "check", path, "-g", FIXTURE)
    assert (checked.exit_code, checked.stdout) == (0, "")
