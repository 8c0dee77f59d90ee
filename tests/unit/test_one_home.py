"""Each of these facts is written down in one place (issue 12, "One home for each fact"); a second copy
elsewhere would drift from the first. The source is read as text: what is guarded is where a fact is
spelled out, not what the code does with it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]


def _sources(*folders: str) -> dict[str, str]:
    files: dict[str, str] = {}
    for folder in folders:
        root = REPOSITORY / folder
        for path in [root] if root.suffix == ".py" else sorted(root.rglob("*.py")):
            if "migrations" in path.parts:  # history: each revision keeps what it did then
                continue
            files[path.relative_to(REPOSITORY).as_posix()] = path.read_text(encoding="utf-8")
    return files


APP = ("borgerservice_desk", "ui", "main.py")
EVERYWHERE = (*APP, "scripts", "benchmarks", "tests")


@pytest.mark.parametrize(
    ("what", "pattern", "folders", "home"),
    [
        ("the default time zone", r"Europe/Copenhagen", APP, {"borgerservice_desk/domain/centre_time.py"}),
        ("a day-month-year format", r"%d-%m|dd-MM", APP,
         {"borgerservice_desk/domain/centre_time.py", "ui/dates.py"}),
        ("Tesseract's thread count", r"\bOMP_THREAD_LIMIT\b[\"']?\s*(\]\s*=|,)", EVERYWHERE,
         {"borgerservice_desk/scanning/mrz_reader.py"}),
        ("the user's data and cache folders", r"\bplatformdirs\b", APP, {"borgerservice_desk/config.py"}),
    ],
)
def test_a_fact_is_spelled_out_in_one_place(what: str, pattern: str, folders: tuple[str, ...], home: set[str]) -> None:
    found = {name for name, text in _sources(*folders).items() if re.search(pattern, text)}
    assert found == home, f"{what} belongs in {sorted(home)} only"


def test_the_dead_default_database_url_stays_gone() -> None:
    assert not [name for name, text in _sources(*APP).items() if "default_database_url" in text]
