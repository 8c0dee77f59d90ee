"""Test the mutants mutmut cannot: those in functions that run only while a module is imported.

mutmut forks every mutant from a process that has imported the code already, so a function that only
builds a module-level table (the MRZ layouts, the check-digit places) ran before the mutant was switched
on: its mutants "survive" whatever the tests do. Here each such mutant gets a fresh Python process with
MUTANT_UNDER_TEST set before anything is imported, so the table is built by the mutated function, and the
tests run against it. The verdict goes back into mutmut's own results (mutants/<path>.meta) with mutmut's
exit codes, so scripts/mutation_score.py and `mutmut show` count and show them like the rest.

Run after `mutmut run` (`make mutate` does):
    python scripts/mutate_import_time.py [--workers 2] [--tests FILE ...] [FUNCTION ...]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

KILLED = 1
SURVIVED = 0
TIMEOUT = 36
# The functions that run only at import, to build the MRZ layout and check-digit tables. mutmut runs their
# mutants too, but in a process that built the tables before the mutant was switched on, so every one
# "survives" there whatever the tests do.
IMPORT_TIME_FUNCTIONS = (
    "borgerservice_desk.domain.mrz.checks.x__check_specs",
    "borgerservice_desk.domain.mrz.layouts.x__two_line_layout",
    "borgerservice_desk.domain.mrz.layouts.x__contents",
    "borgerservice_desk.domain.mrz.layouts.x__first_and_rest",
    "borgerservice_desk.domain.mrz.layouts.x__date_places",
    "borgerservice_desk.domain.mrz.layouts.x__position_characters",
)
# The unit tests that read those tables (layouts, check digits, parsing, live checks, corrections, doubts).
DEFAULT_TESTS = (
    "tests/unit/test_mrz.py",
    "tests/unit/test_mrz_layouts.py",
    "tests/unit/test_mrz_rules.py",
    "tests/unit/test_mrz_french_id.py",
    "tests/unit/test_mutants_mrz.py",
    "tests/unit/test_mutants_mrz_rules.py",
    "tests/unit/test_live_checks.py",
    "tests/unit/test_identity_check.py",
    "tests/unit/test_licence.py",
    "tests/unit/test_ocrb_correction.py",
    "tests/unit/test_reading_doubts.py",
    "tests/unit/test_reading_choice.py",
)


def pytest_arguments(project: Path) -> list[str]:
    """The same pytest options mutmut gives its runs (markers, ignores, deselects)."""
    config = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
    return list(config.get("pytest_add_cli_args", []))


def import_time_mutants(root: Path, functions: tuple[str, ...]) -> dict[Path, list[str]]:
    found: dict[Path, list[str]] = {}
    for meta in sorted(root.glob("borgerservice_desk/**/*.py.meta")):
        codes: dict[str, int | None] = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
        names = [name for name in codes if name.partition("__mutmut_")[0] in functions]
        if names:
            found[meta] = sorted(names)
    return found


def run_one(root: Path, name: str, tests: list[str], options: list[str], timeout: float) -> int:
    env = dict(os.environ, MUTANT_UNDER_TEST=name, QT_QPA_PLATFORM="offscreen", OMP_THREAD_LIMIT="1")
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *options, *tests]
    try:
        done = subprocess.run(command, cwd=root, env=env, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return TIMEOUT
    if done.returncode == 0:
        return SURVIVED
    # 1: a test failed. 2-4: the run broke before the tests did (pytest says 4 when the conftest cannot be
    # imported): the mutated table broke the import of the package, so the program would not start. The
    # clean run, with the same options, passed, so it is the mutant's doing.
    return KILLED if done.returncode in (1, 2, 3, 4) else done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("functions", nargs="*", default=list(IMPORT_TIME_FUNCTIONS), help="mangled function names")
    parser.add_argument("--tests", nargs="+", default=list(DEFAULT_TESTS))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per mutant")
    args = parser.parse_args()
    project = Path.cwd()
    root = project / "mutants"
    if not root.is_dir():
        print("No mutants/: run `mutmut run` first.", file=sys.stderr)
        return 1
    options = pytest_arguments(project)
    # A clean run first: a test that fails without any mutant would "kill" every mutant.
    clean = run_one(root, "", args.tests, options, args.timeout)
    if clean != SURVIVED:
        print(f"The tests fail without a mutant (exit {clean}): fix that first.", file=sys.stderr)
        return 1
    work = import_time_mutants(root, tuple(args.functions))
    total = sum(len(names) for names in work.values())
    print(f"{total} mutants that run only at import, {args.workers} at a time")
    started = time.monotonic()
    with ThreadPoolExecutor(args.workers) as pool:
        for meta, names in work.items():
            codes: list[int] = []
            # Saved a few at a time: an interrupted run keeps what it learnt (mutmut's own results are
            # per mutant too).
            for start in range(0, len(names), 8):
                chunk = names[start : start + 8]
                codes += pool.map(lambda n: run_one(root, n, args.tests, options, args.timeout), chunk)
                data = json.loads(meta.read_text("utf-8"))
                data["exit_code_by_key"].update(zip(chunk, codes[start:], strict=True))
                meta.write_text(json.dumps(data, indent=4), "utf-8")
            killed = sum(code in (KILLED, TIMEOUT) for code in codes)
            print(f"{meta.relative_to(root)}: {killed} of {len(names)} killed")
            for name, code in zip(names, codes, strict=True):
                if code == SURVIVED:
                    print(f"  survived: {name}")
    print(f"{time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
