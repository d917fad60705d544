"""The TBX export is a valid TBX-Basic document: well-formed (xmllint), with the DOCTYPE TBX
Checker requires, the core structure's content models, and only languages and data
categories that the XCS it names declares.

TBX's core-structure DTD and TBX Checker are not available from the package registries this
project installs from, so the core structure is checked here against the DTD's content
models for the elements newsloc writes, and the XCS constraints are checked directly; with
NEWSLOC_TBX_RESOURCES (see below) the DTDs and TBX Checker themselves are run too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from newsloc.glossary import parse_glossary
from newsloc.glossary.exchange import export_glossary
from newsloc.glossary.exchange.tbx import DOCTYPE, XCS_NAME, XCS_PATH, export_xcs
from newsloc.glossary.loader import load_default_glossary
from newsloc.glossary.model import Glossary

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: Content models of TBXcoreStructV02.dtd for the elements newsloc writes, as regular
#: expressions over the children's tag names (one letter-free token per child, space-ended).
AUX = r"((descrip|descripGrp|admin|adminGrp|transacGrp|note|ref|xref) )*"
CONTENT_MODELS = {
    "martif": r"martifHeader text ",
    "martifHeader": r"fileDesc (encodingDesc )?(revisionDesc )?",
    "fileDesc": r"(titleStmt )?(publicationStmt )?(sourceDesc )*",
    "titleStmt": r"title (note )*",
    "sourceDesc": r"(p )+",
    "encodingDesc": r"(p )+",
    "text": r"body (back )?",
    "body": r"(termEntry )+",
    "termEntry": AUX + r"(langSet )+",
    "langSet": AUX + r"((tig|ntig) )+",
    "tig": r"term (termNote )*" + AUX,
}
#: Elements whose `type` is a data category, and the XCS element that declares it.
SPEC_OF = {"descrip": "descripSpec", "admin": "adminSpec", "termNote": "termNoteSpec"}


def tbx_text(glossary: Glossary) -> str:
    return export_glossary(glossary, "tbx")


def structure_problems(root: ET.Element) -> list[str]:
    problems = []
    for element in root.iter():
        model = CONTENT_MODELS.get(element.tag)
        if model is None:
            continue
        children = "".join(f"{child.tag} " for child in element)
        if not re.fullmatch(model, children):
            problems.append(f"<{element.tag}> has children {children!r}")
    return problems


def xcs_problems(root: ET.Element, xcs: ET.Element) -> list[str]:
    """Every langSet language and data category used must be declared by the XCS."""
    languages = {code.text for code in xcs.iter("langCode")}
    datcats = xcs.find("datCatSet")
    assert datcats is not None
    specs = {(spec.tag, spec.get("name")): spec for spec in datcats}
    problems = []
    for lang_set in root.iter("langSet"):
        if lang_set.get(XML_LANG) not in languages:
            problems.append(f"language {lang_set.get(XML_LANG)!r} not declared")
    parents = {child: parent for parent in root.iter() for child in parent}
    for element in root.iter():
        spec_tag = SPEC_OF.get(element.tag)
        if spec_tag is None:
            continue
        spec = specs.get((spec_tag, element.get("type")))
        if spec is None:
            problems.append(f"<{element.tag} type={element.get('type')!r}> not declared")
            continue
        contents = spec.find("contents")
        assert contents is not None
        if contents.get("datatype") == "picklist":
            allowed = (contents.text or "").split()
            if element.text not in allowed:
                problems.append(f"{element.get('type')}: {element.text!r} not in the picklist")
        levels = spec.find("levels")
        if levels is not None:
            level = parents[element].tag
            level = "term" if level in {"tig", "ntig", "termGrp"} else level
            if level not in (levels.text or "").split():
                problems.append(f"{element.get('type')}: not allowed at the {level} level")
    return problems


def test_the_export_has_the_doctype_and_names_the_shipped_xcs() -> None:
    text = tbx_text(load_default_glossary())
    assert text.splitlines()[:2] == ['<?xml version="1.0" encoding="UTF-8"?>', DOCTYPE]
    assert (
        DOCTYPE
        == '<!DOCTYPE martif PUBLIC "ISO 30042:2008A//DTD TBX core//EN" "TBXcoreStructV02.dtd">'
    )
    root = ET.fromstring(text)
    assert root.findtext("martifHeader/encodingDesc/p[@type='XCSURI']") == XCS_NAME
    assert XCS_PATH.name == XCS_NAME and XCS_PATH.is_file()
    assert XCS_PATH.parent.name == "data"  # package data, shipped in the wheel


def test_the_default_glossary_export_follows_the_core_structure_and_the_xcs() -> None:
    glossary = load_default_glossary()
    root = ET.fromstring(tbx_text(glossary))
    assert structure_problems(root) == []
    xcs = ET.fromstring(export_xcs(glossary))
    assert xcs_problems(root, xcs) == []
    declared = [code.text for code in xcs.iter("langCode")]
    assert declared == ["en", "hy", "az", "ru"]
    # the shipped file is exactly what the default glossary's export of the XCS is
    assert export_xcs(glossary) == XCS_PATH.read_text(encoding="utf-8")


def test_the_checks_catch_an_undeclared_language_and_a_bad_structure() -> None:
    glossary = load_default_glossary()
    root = ET.fromstring(tbx_text(glossary))
    xcs = ET.fromstring(export_xcs(glossary))
    lang_set = root.find("text/body/termEntry/langSet")
    assert lang_set is not None
    lang_set.set(XML_LANG, "fr")
    lang_set.append(ET.Element("descrip", type="context"))
    found = xcs_problems(root, xcs)
    assert "language 'fr' not declared" in found
    assert "<descrip type='context'> not declared" in found
    assert structure_problems(root) == [
        "<langSet> has children " + repr("".join(f"{child.tag} " for child in lang_set))
    ]


def test_an_extra_target_language_is_declared_in_the_xcs() -> None:
    glossary = parse_glossary(
        '[glossary]\nname = "G"\nversion = "1"\ntargets = ["ru", "ka"]\n\n'
        '[[concept]]\nid = "tbilisi"\nnames = ["Tbilisi"]\n'
        'ru.Tbilisi = "Тбилиси"\nka.Tbilisi = "თბილისი"\n',
        "g.toml",
    )
    root = ET.fromstring(tbx_text(glossary))
    xcs_text = export_xcs(glossary)
    assert "<langCode>ka</langCode><langName>Georgian</langName>" in xcs_text
    assert xcs_problems(root, ET.fromstring(xcs_text)) == []
    assert structure_problems(root) == []


@pytest.mark.skipif(shutil.which("xmllint") is None, reason="xmllint (libxml2-utils) missing")
def test_xmllint_finds_the_tbx_and_the_xcs_well_formed(tmp_path: Path) -> None:
    glossary = load_default_glossary()
    tbx = tmp_path / "glossary.tbx"
    tbx.write_text(tbx_text(glossary), encoding="utf-8")
    xcs = tmp_path / XCS_NAME
    xcs.write_text(export_xcs(glossary), encoding="utf-8")
    for path in (tbx, xcs):
        # --nonet: the DTDs named by the DOCTYPEs are never fetched
        result = subprocess.run(
            ["xmllint", "--noout", "--nonet", str(path)], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
    broken = tmp_path / "broken.tbx"
    broken.write_text(tbx.read_text(encoding="utf-8").replace("</martif>", ""), "utf-8")
    result = subprocess.run(["xmllint", "--noout", "--nonet", str(broken)], capture_output=True)
    assert result.returncode != 0


# --- against TBX's own DTDs and TBX Checker, where a developer has them ---------------------
#
# The TBX resources (TBXcoreStructV02.dtd, tbxxcsdtd.dtd, tbxcheck-*.jar, from the TBX
# steering committee's download package) are not on PyPI or Debian; point
# NEWSLOC_TBX_RESOURCES at a folder holding them to run these checks too.

RESOURCES = Path(os.environ.get("NEWSLOC_TBX_RESOURCES", "/nonexistent"))
CHECKER = next(iter(sorted(RESOURCES.glob("tbxcheck-*.jar"))), None) if RESOURCES.is_dir() else None


def write_export(folder: Path) -> Path:
    glossary = load_default_glossary()
    tbx = folder / "glossary.tbx"
    tbx.write_text(tbx_text(glossary), encoding="utf-8")
    (folder / XCS_NAME).write_text(export_xcs(glossary), encoding="utf-8")
    return tbx


@pytest.mark.skipif(
    shutil.which("xmllint") is None or not (RESOURCES / "TBXcoreStructV02.dtd").is_file(),
    reason="needs xmllint and NEWSLOC_TBX_RESOURCES with TBXcoreStructV02.dtd, tbxxcsdtd.dtd",
)
def test_xmllint_validates_the_tbx_and_the_xcs_against_tbxs_dtds(tmp_path: Path) -> None:
    tbx = write_export(tmp_path)
    for path in (tbx, tmp_path / XCS_NAME):
        result = subprocess.run(
            ["xmllint", "--noout", "--nonet", "--valid", "--path", str(RESOURCES), str(path)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0 and result.stderr == "", result.stderr


@pytest.mark.skipif(
    CHECKER is None or shutil.which("java") is None,
    reason="needs java and NEWSLOC_TBX_RESOURCES with tbxcheck-*.jar (TBX Checker)",
)
def test_tbx_checker_says_valid_file(tmp_path: Path) -> None:
    tbx = write_export(tmp_path)
    command = ["java", "-Djava.awt.headless=true", "-cp", str(CHECKER), "org.ttt.salt.Main"]
    result = subprocess.run([*command, str(tbx)], capture_output=True, text=True, timeout=300)
    assert result.stdout.strip() == f"Valid file: {tbx}", result.stdout + result.stderr
    bad = tmp_path / "bad.tbx"
    bad.write_text(tbx.read_text("utf-8").replace('xml:lang="ru"', 'xml:lang="fr"', 1), "utf-8")
    result = subprocess.run([*command, str(bad)], capture_output=True, text=True, timeout=300)
    assert result.stdout.startswith("INVALID FILE")
    assert "Invalid language for tag: fr" in result.stdout + result.stderr
