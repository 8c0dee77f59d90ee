"""The one command line: `borgerservice-desk` (the [project.scripts] entry point), `python -m
borgerservice_desk` and the `python main.py` shim are the same program with the same sub-commands."""

from __future__ import annotations

import importlib
import subprocess
import sys
import tomllib
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
COMMANDS = ("purge-appointments", "init", "unlock", "verify-audit", "backup", "restore", "scan")


def _help(*command: str) -> str:
    result = subprocess.run(
        [sys.executable, *command, "--help"], capture_output=True, text=True, cwd=REPOSITORY, check=True, timeout=60
    )
    return result.stdout


def test_the_console_script_points_at_the_packaged_command() -> None:
    scripts = tomllib.loads((REPOSITORY / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    module_name, _, function_name = scripts["borgerservice-desk"].partition(":")
    entry = getattr(importlib.import_module(module_name), function_name)

    from borgerservice_desk.cli import main

    assert entry is main


def test_python_m_and_the_main_py_shim_offer_every_sub_command() -> None:
    packaged = _help("-m", "borgerservice_desk")
    shim = _help("main.py")

    assert packaged == shim
    assert packaged.startswith("usage: borgerservice-desk")
    for command in COMMANDS:
        assert command in packaged


def test_importing_the_command_line_loads_neither_qt_nor_the_database_layer() -> None:
    probe = (
        "import sys, borgerservice_desk.cli, borgerservice_desk.cli.scan, borgerservice_desk.cli.commands, "
        "borgerservice_desk.cli.window; "
        "print([m for m in ('PySide6', 'sqlalchemy') if m in sys.modules])"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPOSITORY, check=True)

    assert result.stdout.splitlines()[-1] == "[]"
