"""bench/bench.py and its real-copy development set (issue 18).

The set itself: every item says where it comes from, has English, a class of issue 18, and
an acceptable list that holds a correct text; each language has every class. The
benchmark: on a tiny set whose answers are known, each figure counts what the README says
it counts. No test here holds the engine to the real figures (that comes with the engine
work that meets them).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from bench import regional_bench as bench

REPO = Path(__file__).resolve().parents[2]
SPEC_EXAMPLE = Path(__file__).resolve().parent / "fixtures" / "spec-example.toml"


# --- the development set ----------------------------------------------------------------


@pytest.fixture(scope="module")
def dev_set():
    return bench.load_set(bench.SET)


def test_the_set_loads_with_three_languages_and_300_items(dev_set) -> None:
    assert set(dev_set) == {"ru", "hy", "az"}
    assert sum(len(items) for items in dev_set.values()) >= 300
    assert all(len(items) >= 90 for items in dev_set.values())


def test_every_item_is_sourced_and_labelled(dev_set) -> None:
    for language, items in dev_set.items():
        for item in items:
            assert item.language == language and item.id.startswith(f"{language}-")
            assert item.source.startswith(("http://", "https://")), item.id
            assert item.english.strip() and item.text.strip(), item.id
            if item.correct:
                assert item.text in item.acceptable, item.id
            else:
                assert item.acceptable and item.text not in item.acceptable, item.id
                assert item.check, item.id  # a wrong item names what check must report


def test_each_language_has_every_class_and_both_kinds_of_item(dev_set) -> None:
    for language, items in dev_set.items():
        classes = Counter(item.klass for item in items)
        assert set(classes) == set(bench.CLASSES), language
        assert any(i.correct for i in items) and any(not i.correct for i in items)
        # clean controls: correct items of no special class
        assert any(i.correct and i.klass == "control" for i in items), language


def test_constructed_text_is_marked_and_rare(dev_set) -> None:
    items = [item for items in dev_set.values() for item in items]
    constructed = [item for item in items if item.text_origin == "constructed"]
    assert len(constructed) <= len(items) // 20
    raw = {
        path.stem: path.read_text(encoding="utf-8")
        for path in (REPO / "bench" / "regional").glob("*.toml")
    }
    for item in constructed:
        # the note says so in words, not only the field
        block = raw[item.language].split(f'id = "{item.id}"', 1)[1].split("[[item]]", 1)[0]
        assert "CONSTRUCTED" in block, item.id


def test_ids_are_unique_across_the_set(dev_set) -> None:
    ids = [item.id for items in dev_set.values() for item in items]
    assert len(ids) == len(set(ids))


# --- the benchmark on a tiny set with known answers -----------------------------------


def _item(bench, **fields):
    base = dict(
        id="ru-x",
        language="ru",
        klass="control",
        source="https://example.org/",
        english="",
        english_origin="faithful",
        text="",
        text_origin="real",
        correct=True,
        acceptable=(),
        check=(),
        forms=(),
    )
    base.update(fields)
    if base["correct"] and base["text"] not in base["acceptable"]:
        base["acceptable"] = (base["text"], *base["acceptable"])
    return bench.Item(**base)


def test_each_figure_counts_its_own_case(monkeypatch: pytest.MonkeyPatch) -> None:
    """check and apply replaced by a table of answers: the counting alone is tested."""
    answers = {
        # text: (check reports an error, what apply writes)
        "ok-kept": (False, "ok-kept"),
        "ok-flagged": (True, "ok-flagged"),
        "ok-harmed": (False, "ok-harmed!"),
        "ok-rewritten-well": (False, "ok-also-fine"),
        "bad-missed": (False, "bad-missed"),
        "bad-repaired": (True, "good"),
        "bad-wrongly": (True, "still-bad"),
        "bad-left": (True, "bad-left"),
    }

    from newsloc.glossary.check import ERROR

    class Flag:
        severity = ERROR
        concept_id = "x"
        message = "flagged"

    monkeypatch.setattr(
        bench, "check_one", lambda g, lang, src, text: [Flag()] if answers[text][0] else []
    )
    monkeypatch.setattr(bench, "apply_one", lambda g, lang, src, text: answers[text][1])
    wrong = dict(correct=False, acceptable=("good",), check=("missing-name",))
    items = [
        _item(bench, text="ok-kept"),
        _item(bench, text="ok-flagged"),
        _item(bench, text="ok-harmed"),
        _item(bench, text="ok-rewritten-well", acceptable=("ok-also-fine",)),
        _item(bench, text="bad-missed", **wrong),
        _item(bench, text="bad-repaired", **wrong),
        _item(bench, text="bad-wrongly", **wrong),
        _item(bench, text="bad-left", **wrong),
    ]
    from newsloc.glossary import load_glossary

    tally = bench.evaluate(load_glossary(SPEC_EXAMPLE), "ru", items)
    assert (tally.correct, tally.wrong) == (4, 4)
    assert tally.false_alarms == 1  # ok-flagged
    assert tally.harmful == 1  # ok-harmed; ok-rewritten-well became another acceptable text
    assert tally.misses == 1  # bad-missed
    assert tally.repairs == 1  # bad-repaired
    assert tally.wrong_repairs == 1  # bad-wrongly; bad-left is neither
    ratios = tally.ratios()
    assert ratios["false_alarms"] == 0.25 and ratios["harmful"] == 0.25
    assert ratios["misses"] == 0.25 and ratios["repairs"] == 0.25
    assert ratios["forms_accepted"] is None  # no forms listed
    kinds = Counter(f.kind for f in tally.failures)
    assert kinds == Counter(
        {"false alarm": 1, "harmful": 1, "missed": 1, "wrong repair": 1, "not repaired": 2}
    )  # bad-missed and bad-left are both left unchanged


def test_forms_accepted_asks_the_glossary_where_the_form_is_written() -> None:
    from newsloc.glossary import load_glossary

    glossary = load_glossary(SPEC_EXAMPLE)
    item = _item(
        bench,
        english="Officials in Baku met officials from Stepanakert.",
        text="Чиновники в Баку встретились с чиновниками из Степанакерта (Ханкенди) и Бакинска.",
        forms=(
            bench.Form("Баку", ("baku",)),  # a form of the right concept
            bench.Form("Степанакерта", ("stepanakert",)),
            bench.Form("Ханкенди", ("stepanakert",)),  # the second name of a rendering
            bench.Form("Бакинска", ("baku",)),  # not a form the glossary knows
            bench.Form("Баку", ("washington", "nowhere")),  # concepts the glossary lacks
        ),
    )
    tally = bench.evaluate(glossary, "ru", [item])
    assert (tally.forms_accepted, tally.forms) == (3, 5)
    assert tally.unknown_concepts == {"washington", "nowhere"}
    assert "concepts the glossary lacks: nowhere, washington" in bench.report({"ru": tally})


def test_a_name_quoted_as_a_word_in_small_letters_counts_as_check_reads_it() -> None:
    """`«ханкенди»` is no occurrence the index finds (it matches names as written), but
    check and apply read it as the name in small letters; a small word that is no name
    does not count."""
    from newsloc.glossary import load_glossary

    glossary = load_glossary(SPEC_EXAMPLE)
    item = _item(
        bench,
        english='They used the false toponym "Khankendi" about Baku.',
        text="Они применили фальшивый топоним «ханкенди» по поводу баку и бакинска.",
        forms=(
            bench.Form("ханкенди", ("stepanakert",)),
            bench.Form("баку", ("baku",)),
            bench.Form("бакинска", ("baku",)),
        ),
    )
    assert [accepted for _, accepted in bench.accepted_forms(glossary, "ru", item)] == [
        True,
        True,
        False,
    ]


def test_a_listed_form_is_the_word_it_names_not_a_piece_of_another() -> None:
    """A listed `Азербайджан` is the word `Азербайджан`, not the start of `Азербайджана`
    inside the ministry's name; a listed `Азербайджана` beside `Западного Азербайджана` is
    the other one; hy `Լաչին` is the word in parentheses, not the start of `Լաչինի`."""
    Form = bench.Form
    text = "Минобороны Азербайджана обвинило Азербайджан; Западного Азербайджана, Азербайджана"
    placed = bench._form_starts(
        text,
        (
            Form("Азербайджана", ("azerbaijan",)),
            Form("Западного Азербайджана", ("western-azerbaijan",)),
            Form("Азербайджана", ("azerbaijan",)),
            Form("Азербайджан", ("azerbaijan",)),
        ),
    )
    starts = [start for _, start in placed]
    assert starts == [
        text.index("Азербайджана"),
        text.index("Западного"),
        text.rindex("Азербайджана"),
        text.index("Азербайджан;"),
    ]
    hy = "Լաչինի շրջանը՝ Բերձոր (նախկինում՝ Լաչին) կենտրոնով"
    assert bench._form_starts(hy, (Form("Լաչին", ("lachin",)),))[0][1] == hy.rindex("Լաչին")
    # a suffixed word when the spelling stands nowhere whole; the last place when listed twice
    az = "Xocalıda və Xocalını"
    placed = bench._form_starts(az, (Form("Xocalı", ("khojaly",)),) * 3)
    assert [start for _, start in placed] == [0, az.rindex("Xocalı"), az.rindex("Xocalı")]


def _write_set(folder: Path, body: str, language: str = "ru") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{language}.toml").write_text(
        f'[set]\nlanguage = "{language}"\n\n' + body, encoding="utf-8"
    )
    return folder


TINY = """
[[item]]
id = "ru-1"
class = "control"
source = "https://example.org/1"
english = "Officials in Baku gave no figures."
english_origin = "faithful"
text = "Официальные лица в Баку не назвали цифр."
correct = true
acceptable = ["Официальные лица в Баку не назвали цифр."]
check = "ok"
forms = ["Баку=baku"]

[[item]]
id = "ru-2"
class = "control"
source = "https://example.org/2"
english = "Shelling was heard in Stepanakert."
english_origin = "faithful"
text = "Обстрел был слышен в Степанакерте."
correct = false
acceptable = ["Обстрел был слышен в Степанакерте (Ханкенди)."]
check = ["missing-secondary"]
"""


def test_the_command_runs_on_a_tiny_set_and_prints_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _write_set(tmp_path / "set", TINY)
    assert bench.main(["--set", str(folder), "--glossary", str(SPEC_EXAMPLE), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert set(figures) == {"ru"}
    ru = figures["ru"]
    assert (ru["items"], ru["correct"], ru["wrong"]) == (2, 1, 1)
    assert ru["false_alarms"] == 0.0 and ru["harmful"] == 0.0
    assert ru["misses"] == 0.0 and ru["repairs"] == 1.0
    assert ru["forms_accepted"] == 1.0
    assert bench.main(["--set", str(folder), "--glossary", str(SPEC_EXAMPLE)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("lang  items") and "goals met" in printed


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (('source = "https://example.org/1"', 'source = "a newspaper"'), "source: 'a newspaper'"),
        (('class = "control"', 'class = "9"'), "class: '9'"),
        (
            ('acceptable = ["Официальные лица в Баку не назвали цифр."]', "acceptable = []"),
            "a correct item's text must be in its acceptable list",
        ),
        (('id = "ru-1"', 'id = "hy-1"'), "id does not start with the file's language"),
        (('check = "ok"', 'check = "fine"'), "check:"),
        (('forms = ["Баку=baku"]', 'forms = ["Москва=moscow"]'), '"Москва" is not in the text'),
        (('english = "Officials in Baku gave no figures."\n', ""), "english: missing"),
    ],
)
def test_a_bad_set_is_one_line_naming_the_file_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: tuple[str, str], says: str
) -> None:
    old, new = change
    assert old in TINY
    folder = _write_set(tmp_path / "set", TINY.replace(old, new, 1))
    assert bench.main(["--set", str(folder), "--glossary", str(SPEC_EXAMPLE)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and str(folder / "ru.toml") in err and says in err


def test_a_file_whose_language_is_not_its_name_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "set"
    folder.mkdir()
    (folder / "ru.toml").write_text('[set]\nlanguage = "hy"\n' + TINY, encoding="utf-8")
    assert bench.main(["--set", str(folder), "--glossary", str(SPEC_EXAMPLE)]) == 2
    assert "[set] language must be 'ru'" in capsys.readouterr().err
    assert bench.main(["--set", str(tmp_path / "none")]) == 2
