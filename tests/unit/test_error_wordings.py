"""Every error code the core raises has a wording for the clerk, in English (ui/messages.py) and in Danish
(resources/i18n/desk_da.ts): a code without one reaches the clerk as "The action was refused (code)".

The codes are collected from the source by its syntax tree, so a new `raise NotFound("x.y")` anywhere in
borgerservice_desk is covered without anyone listing it here.
"""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ElementTree
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
CORE = REPOSITORY / "borgerservice_desk"
MESSAGES = REPOSITORY / "ui" / "messages.py"
TRANSLATIONS = REPOSITORY / "resources" / "i18n" / "desk_da.ts"

# Calls whose code is not a literal, each with where its codes come from (and so are collected instead).
# A new one fails the test until it is looked at.
DYNAMIC_CODES = {
    ("services/access.py", "RuleViolation(refusal)"): "the `refusal=` keyword of current_clerk's callers",
}


def _core_trees() -> dict[str, ast.Module]:
    return {
        path.relative_to(CORE).as_posix(): ast.parse(path.read_text(encoding="utf-8"))
        for path in CORE.rglob("*.py")
        if "migrations" not in path.parts
    }


def _error_classes(trees: dict[str, ast.Module]) -> dict[str, str]:
    """DeskError and every subclass of it in the core, each with its default code."""
    defaults = {"DeskError": "desk.error"}
    found = True
    while found:
        found = False
        for tree in trees.values():
            for node in ast.walk(tree):
                if not isinstance(node, ast.ClassDef) or node.name in defaults:
                    continue
                if any(isinstance(base, ast.Name) and base.id in defaults for base in node.bases):
                    defaults[node.name] = next(
                        (
                            statement.value.value
                            for statement in node.body
                            if isinstance(statement, ast.Assign)
                            and [ast.unparse(t) for t in statement.targets] == ["code"]
                            and isinstance(statement.value, ast.Constant)
                        ),
                        "",
                    )
                    found = True
    return defaults


def raised_codes() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Each code the core raises, with one place it is raised; and the calls whose code is not a literal."""
    trees = _core_trees()
    classes = _error_classes(trees)
    codes: dict[str, str] = {}
    dynamic: list[tuple[str, str]] = []
    for name, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            callee = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            where = f"{name}:{node.lineno}"
            if callee in classes:
                if not node.args:  # the class's own code
                    codes.setdefault(classes[callee], where)
                elif isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                    codes.setdefault(node.args[0].value, where)
                else:
                    dynamic.append((name, ast.unparse(node)))
            for keyword in node.keywords:
                if (callee == "current_clerk" and keyword.arg == "refusal" and isinstance(keyword.value, ast.Constant)
                        and isinstance(keyword.value.value, str)):
                    codes.setdefault(keyword.value.value, where)
    return codes, dynamic


def english_wordings() -> dict[str, str]:
    """describe_error's table in ui/messages.py: code -> the English source text."""
    tree = ast.parse(MESSAGES.read_text(encoding="utf-8"))
    function = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "describe_error")
    table = next(
        n.value for n in ast.walk(function)
        if isinstance(n, ast.AnnAssign) and ast.unparse(n.target) == "texts" and isinstance(n.value, ast.Dict)
    )
    wordings = {}
    for key, value in zip(table.keys, table.values, strict=True):
        assert isinstance(key, ast.Constant) and isinstance(value, ast.Call), ast.unparse(value)
        source = value.args[1]
        assert isinstance(source, ast.Constant), ast.unparse(value)
        wordings[key.value] = source.value
    return wordings


def danish_translations() -> dict[str, str]:
    """The messages context of desk_da.ts: English source -> finished Danish translation."""
    root = ElementTree.parse(TRANSLATIONS).getroot()
    context = next(c for c in root.iter("context") if c.findtext("name") == "messages")
    translated = {}
    for message in context.iter("message"):
        translation = message.find("translation")
        unusable = {"unfinished", "vanished", "obsolete"}
        if translation is not None and translation.text and translation.get("type") not in unusable:
            translated[message.findtext("source") or ""] = translation.text
    return translated


def test_the_collector_finds_codes_of_every_kind() -> None:
    codes, _dynamic = raised_codes()
    # One of each way a code is raised: a literal, a class's own code, a refusal handed to current_clerk.
    examples = {"cpr.invalid_format", "storage.unavailable", "settings.supervisor_only", "backup.checksum_mismatch"}
    assert examples <= set(codes)
    assert len(codes) > 100


def test_no_code_is_raised_in_a_way_the_collector_cannot_read() -> None:
    _codes, dynamic = raised_codes()
    unseen = sorted(set(dynamic) - set(DYNAMIC_CODES))
    assert unseen == [], "codes the collector cannot see: read them another way, or list the call above"


def test_every_raised_code_has_an_english_and_a_danish_wording() -> None:
    codes, _dynamic = raised_codes()
    english = english_wordings()
    danish = danish_translations()

    without_english = {code: where for code, where in codes.items() if code not in english}
    without_danish = {code: english[code] for code in codes if code in english and english[code] not in danish}

    assert without_english == {}, "no wording in ui/messages.py (describe_error)"
    assert without_danish == {}, "no Danish translation in desk_da.ts (context 'messages')"
