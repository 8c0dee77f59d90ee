"""Without the PostgreSQL server of `make test`, its tests are skipped loudly, and on CI (or when asked)
they fail instead: a suite that silently ran on SQLite alone must not look like a full run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import POSTGRES_ENV, REQUIRE_POSTGRES_ENV

ROOT = Path(__file__).resolve().parents[2]
# Two PostgreSQL-only tests: one through the `database_url` fixture's PostgreSQL case, one through
# `postgresql_url`. Neither touches a database on SQLite, so the inner run is quick.
TARGETS = (
    "tests/integration/test_booking.py::test_next_free_times_respect_notice_hours_and_bookings[postgresql]",
    "tests/integration/test_startup_errors.py::test_a_postgresql_database_from_a_newer_program_is_refused",
)


def _run_without_postgres(**extra_env: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in (POSTGRES_ENV, REQUIRE_POSTGRES_ENV, "CI")}
    env.update(extra_env, OMP_THREAD_LIMIT="1", QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", *TARGETS],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=300, check=False,
    )


def test_skipped_postgresql_tests_are_counted_in_a_line_of_their_own() -> None:
    result = _run_without_postgres()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 PostgreSQL tests SKIPPED" in result.stdout, result.stdout
    assert "2 skipped" in result.stdout


@pytest.mark.parametrize("env", [{"CI": "true"}, {REQUIRE_POSTGRES_ENV: "1"}], ids=["CI", "required"])
def test_on_ci_or_when_required_a_missing_postgresql_fails_the_run(env: dict[str, str]) -> None:
    result = _run_without_postgres(**env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "2 failed" in result.stdout or "2 errors" in result.stdout, result.stdout
    assert "PostgreSQL tests SKIPPED" not in result.stdout
    assert POSTGRES_ENV in result.stdout
