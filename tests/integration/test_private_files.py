"""The data folder holds full CPR numbers, password hashes and the audit trail: 0700, its files 0600."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from borgerservice_desk.config import Paths
from borgerservice_desk.errors import StartupError
from borgerservice_desk.files import ensure_private_dir, tighten
from borgerservice_desk.storage.database import Database, sqlite_url


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The usual desktop umask (022), under which files used to come out world-readable."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def test_a_new_folder_is_private_and_so_are_missing_parents(tmp_path: Path, open_umask: None) -> None:
    folder = ensure_private_dir(tmp_path / "a" / "b")
    assert _mode(folder) == 0o700
    assert _mode(tmp_path / "a") == 0o700


def test_a_folder_under_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(NotADirectoryError):
        ensure_private_dir(tmp_path / "file" / "data")
    with pytest.raises(StartupError) as caught:
        Paths(tmp_path / "file" / "data").prepare()
    assert caught.value.code == "startup.data_dir_unusable"


def test_an_older_install_is_tightened_at_start(tmp_path: Path, open_umask: None) -> None:
    paths = Paths(tmp_path / "data")
    receipt = paths.receipts_dir / "2026" / "11" / "BSD-20261127-000001.pdf"
    confirmation = paths.confirmations_dir / "AB12CD.pdf"
    for file in (paths.database_file, receipt, confirmation):
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(b"x")
        os.chmod(file, 0o644)
    for folder in (paths.data_dir, paths.receipts_dir, receipt.parent, paths.confirmations_dir):
        os.chmod(folder, 0o755)
    outside = tmp_path / "outside.txt"
    outside.write_text("x")
    os.chmod(outside, 0o644)
    (paths.data_dir / "link").symlink_to(outside)

    paths.prepare()

    for folder in (paths.data_dir, paths.receipts_dir, receipt.parent, paths.confirmations_dir):
        assert _mode(folder) == 0o700, folder
    for file in (paths.database_file, receipt, confirmation):
        assert _mode(file) == 0o600, file
    assert _mode(outside) == 0o644  # a link is not followed out of the folder


def test_tighten_leaves_a_missing_path_alone(tmp_path: Path) -> None:
    tighten(tmp_path / "nothing-here")


def test_the_database_and_its_wal_files_are_private(tmp_path: Path, open_umask: None) -> None:
    database = tmp_path / "new-folder" / "desk.sqlite3"
    db = Database.open(sqlite_url(database))
    try:
        with db.unit_of_work() as uow:  # a write, so the -wal and -shm files exist
            from borgerservice_desk.storage.models import Setting

            uow.session.add(Setting(key="probe", value="1"))
            uow.commit()
        assert _mode(database.parent) == 0o700
        for suffix in ("", "-wal", "-shm"):
            file = database.with_name(database.name + suffix)
            assert file.exists(), file
            assert _mode(file) == 0o600, file
    finally:
        db.dispose()


def test_main_makes_everything_it_writes_private(tmp_path: Path, open_umask: None) -> None:
    from borgerservice_desk import cli

    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)
    try:
        assert cli.main(["--data-dir", str(data), "purge-appointments", "--older-than-days", "365"]) == 0
        assert os.umask(0o022) == 0o077  # main set a private umask for the whole process
    finally:
        os.umask(0o022)
    assert _mode(data) == 0o700
    files = [p for p in data.rglob("*") if p.is_file()]
    assert files
    for file in files:
        assert _mode(file) == 0o600, file
