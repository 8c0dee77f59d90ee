"""`backup` and `restore`: a centre can go back to yesterday, database and receipts together."""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import stat
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from borgerservice_desk.backup import BackupError, backup, read_manifest, restore
from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.demo import seed_demo_data
from borgerservice_desk.desk_lock import Locked, no_window_open, window_open
from borgerservice_desk.domain.desk import CheckMethod
from borgerservice_desk.domain.mitid import BlockReason, MethodKind, MethodState
from borgerservice_desk.errors import StartupError
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.database import Database, current_revision, make_engine, migrate, sqlite_url
from borgerservice_desk.storage.models import AuditEntry, Citizen, MitidAction, ReceiptRecord
from tests.conftest import TODAY, fixed_clock
from tests.support.journey import appointment_with_active_app, passport_for

VALID_UNTIL = TODAY.replace(year=TODAY.year + 5)


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[tuple[Paths, str, Services]]:
    paths = Paths(tmp_path / "data")
    paths.prepare()
    url = sqlite_url(paths.database_file)
    db = Database.open(url)
    seed_demo_data(db, today=TODAY, citizens=150)
    services = build_services(db, paths, clock=fixed_clock)
    yield paths, url, services
    services.db.dispose()


def _block_an_app(services: Services, clerk: ClerkContext) -> Path:
    """A counter visit ending in a blocked app and its receipt: what a day at the desk writes."""
    candidate = appointment_with_active_app(services, clerk, TODAY)
    visit = services.appointments.check_in(clerk, candidate.appointment.id)
    mrz = "\n".join(passport_for(candidate.citizen, expiry=VALID_UNTIL))
    assert services.identity.check(clerk, visit.visit_id, mrz, CheckMethod.TYPED).passed
    overview = services.citizens.mitid_overview(clerk, candidate.citizen.id, "MitID block")
    app = next(m for m in overview.methods if m.kind is MethodKind.APP and m.state is MethodState.ACTIVE)
    return services.mitid.block_app(clerk, visit.visit_id, app.id, BlockReason.LOST).receipt_path


def _audit_rows(services: Services) -> list[tuple[Any, ...]]:
    with services.db.read() as session:
        return [
            (e.id, e.at, e.clerk_id, e.action, e.citizen_id, e.purpose, e.detail, e.outcome)
            for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        ]


def _receipts(paths: Paths) -> dict[str, str]:
    return {
        str(p.relative_to(paths.receipts_dir)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(paths.receipts_dir.rglob("*.pdf"))
    }


def _a_cpr(services: Services) -> str:
    with services.db.read() as session:
        cpr = session.scalars(select(Citizen.cpr).where(Citizen.cpr.is_not(None)).limit(1)).one()
    assert cpr is not None
    return cpr


def test_restore_brings_back_yesterday_with_its_receipts(
    desk: tuple[Paths, str, Services], tmp_path: Path
) -> None:
    paths, url, services = desk
    clerk = services.auth.sign_in("clerk", "demo")
    services.citizens.find_by_cpr(clerk, _a_cpr(services), "Counter visit")
    yesterdays_receipt = _block_an_app(services, clerk)

    # The desk is still running (its engine open) while the backup is made.
    done = backup(paths, url, tmp_path / "backups" / "yesterday.tar")
    assert stat.S_IMODE(done.path.stat().st_mode) == 0o600
    assert done.revision == current_revision(services.db.engine)
    manifest = read_manifest(done.path)
    assert manifest["alembic_revision"] == done.revision
    # The archive's id goes along, so the restored receipts are still this desk's own (see receipts.archive).
    assert set(manifest["files"]) == {
        "desk.sqlite3", "receipts/.archive-id", f"receipts/{yesterdays_receipt.relative_to(paths.receipts_dir)}"
    }
    audit_then, receipts_then = _audit_rows(services), _receipts(paths)
    with services.db.read() as session:
        actions_then = len(session.scalars(select(MitidAction)).all())

    # Today: more look-ups, another block and its receipt.
    services.citizens.find_by_cpr(clerk, _a_cpr(services), "Telephone enquiry")
    todays_receipt = _block_an_app(services, clerk)
    assert len(_audit_rows(services)) > len(audit_then)
    services.db.dispose()

    restored = restore(paths, url, done.path, now=datetime(2026, 11, 28, 7, 0, tzinfo=UTC))

    assert restored.database_restored and restored.receipts == 1
    db = Database.open(url)
    try:
        again = build_services(db, paths, clock=fixed_clock)
        assert _audit_rows(again) == audit_then
        # The restored trail is whole: every entry chained to the one before, up to the head.
        verification = again.audit_trail.verify(None)
        assert verification.intact and verification.entries == len(audit_then)
        with db.read() as session:
            assert len(session.scalars(select(MitidAction)).all()) == actions_then
            assert [r.file_name for r in session.scalars(select(ReceiptRecord))] == list(receipts_then)
        assert _receipts(paths) == receipts_then
        assert not todays_receipt.exists()
        again.auth.sign_in("clerk", "demo")  # the desk works on the restored database
    finally:
        db.dispose()
    # Nothing was deleted: what was replaced is kept beside it, today's receipt included.
    stamp = "20261128T070000Z"
    aside_db = paths.data_dir / f"desk.sqlite3.before-restore-{stamp}"
    aside_receipts = paths.data_dir / f"receipts.before-restore-{stamp}"
    assert set(restored.kept_aside) == {aside_db, aside_receipts}
    assert (aside_receipts / todays_receipt.relative_to(paths.receipts_dir)).exists()
    kept = Database.open(sqlite_url(aside_db), run_migrations=False)
    try:
        assert len(_audit_rows(build_services(kept, paths))) > len(audit_then)
    finally:
        kept.dispose()
    for path in paths.data_dir.rglob("*"):
        expected = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == expected, path


def _rewrite(source: Path, target: Path, change: dict[str, bytes]) -> None:
    with tarfile.open(source) as old, tarfile.open(target, "w") as new:
        for member in old:
            handle = old.extractfile(member)
            assert handle is not None
            data = change.get(member.name, handle.read())
            member.size = len(data)
            new.addfile(member, io.BytesIO(data))


def test_a_damaged_or_foreign_backup_restores_nothing(desk: tuple[Paths, str, Services], tmp_path: Path) -> None:
    paths, url, services = desk
    clerk = services.auth.sign_in("clerk", "demo")
    receipt = _block_an_app(services, clerk)
    done = backup(paths, url, tmp_path / "b.tar")
    services.db.dispose()
    before = hashlib.sha256(paths.database_file.read_bytes()).hexdigest(), _receipts(paths)

    name = f"receipts/{receipt.relative_to(paths.receipts_dir)}"
    _rewrite(done.path, tmp_path / "tampered.tar", {name: b"%PDF-1.4 not what was archived"})
    with pytest.raises(BackupError) as caught:
        restore(paths, url, tmp_path / "tampered.tar")
    assert caught.value.code == "backup.checksum_mismatch" and caught.value.params["file"] == name

    manifest = read_manifest(done.path)
    manifest["alembic_revision"] = "0099_from_the_future"
    _rewrite(done.path, tmp_path / "future.tar", {"manifest.json": json.dumps(manifest).encode()})
    with pytest.raises(BackupError) as caught:
        restore(paths, url, tmp_path / "future.tar")
    assert caught.value.code == "backup.unknown_revision"

    (tmp_path / "letter.tar").write_bytes(b"not a tar file at all")
    with pytest.raises(BackupError) as caught:
        restore(paths, url, tmp_path / "letter.tar")
    assert caught.value.code == "backup.not_a_backup"

    assert (hashlib.sha256(paths.database_file.read_bytes()).hexdigest(), _receipts(paths)) == before
    assert not list(paths.data_dir.glob("*before-restore*"))


def test_a_backup_from_before_an_update_is_migrated_and_restored(tmp_path: Path) -> None:
    """Last night's backup was taken by the version installed before this morning's update: after a crash
    it is what the centre has, and restoring it must work (it was refused as "older than the database").
    The backup's database is migrated in the staging folder before anything here changes."""
    old = Paths(tmp_path / "old")
    old.prepare()
    engine = make_engine(sqlite_url(old.database_file))
    migrate(engine, "0006")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO citizen (id, cpr, given_names, surname, birth_date, sex) "
            "VALUES (7, '6103811234', 'Yesterday', 'Backup', '1981-03-01', 'F')"
        )
        connection.exec_driver_sql(
            "INSERT INTO audit_entry (at, clerk_id, action, citizen_id, purpose, detail, outcome) "
            "VALUES ('2026-11-29 09:00:00+00:00', NULL, 'citizen.lookup', 7, 'Booking', '{}', 'ok')"
        )
    engine.dispose()
    done = backup(old, sqlite_url(old.database_file), tmp_path / "old.tar")
    assert done.revision == "0006"

    here = Paths(tmp_path / "here")
    here_url = sqlite_url(here.database_file)
    current = Database.open(here_url)
    head = current_revision(current.engine)  # the newest migration, whichever that is now
    seed_demo_data(current, today=TODAY, citizens=5)
    with current.read() as session:
        before = sorted(session.scalars(select(Citizen.surname)).all())
    current.dispose()
    assert before and "Backup" not in before

    restored = restore(here, here_url, done.path)
    assert (restored.revision, restored.migrated_from, restored.database_restored) == (head, "0006", True)
    # What it replaced is kept aside, as in every restore.
    (aside,) = here.data_dir.glob("desk.sqlite3.before-restore-*")
    kept = Database.open(sqlite_url(aside), run_migrations=False)
    try:
        with kept.read() as session:
            assert sorted(session.scalars(select(Citizen.surname)).all()) == before
    finally:
        kept.dispose()
    assert not list(here.data_dir.glob(".restore-*"))

    db = Database.open(here_url, run_migrations=False)
    try:
        assert current_revision(db.engine) == head
        with db.read() as session:
            citizens = session.scalars(select(Citizen)).all()
            assert [(c.id, c.given_names, c.surname) for c in citizens] == [(7, "Yesterday", "Backup")]
        services = build_services(db, here, clock=fixed_clock)
        # The old entry, chained by the migration as at a start, and the chain holds.
        assert [row[3] for row in _audit_rows(services)][:1] == ["citizen.lookup"]
        assert services.audit_trail.verify(None).intact
    finally:
        db.dispose()


def test_a_database_set_up_by_a_newer_program_is_not_restored_over(tmp_path: Path) -> None:
    old = Paths(tmp_path / "old")
    old_url = sqlite_url(old.database_file)
    Database.open(old_url).dispose()
    done = backup(old, old_url, tmp_path / "old.tar")

    here = Paths(tmp_path / "here")
    here_url = sqlite_url(here.database_file)
    Database.open(here_url).dispose()
    engine = make_engine(here_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    engine.dispose()
    before = hashlib.sha256(here.database_file.read_bytes()).hexdigest()
    with pytest.raises(BackupError) as caught:
        restore(here, here_url, done.path)
    assert caught.value.code == "backup.target_newer"
    assert caught.value.params == {"target": "9999_from_the_future", "backup": done.revision}
    assert hashlib.sha256(here.database_file.read_bytes()).hexdigest() == before


def test_the_commands_back_up_and_restore(desk: tuple[Paths, str, Services], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from borgerservice_desk import cli

    paths, _url, services = desk
    services.db.dispose()
    previous = os.umask(0o022)
    try:
        folder = tmp_path / "backups"
        folder.mkdir()
        assert cli.main(["--data-dir", str(paths.data_dir), "backup", str(folder)]) == 0
        (written,) = folder.glob("borgerservice-desk-*.tar")
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
        assert cli.main(["--data-dir", str(paths.data_dir), "restore", str(written)]) == 0
        assert "kept what it replaced as" in capsys.readouterr().out
        assert cli.main(["--data-dir", str(paths.data_dir), "restore", str(tmp_path / "missing.tar")]) == 2
        assert "is not a Borgerservice Desk backup" in capsys.readouterr().err
        # The backup drive not plugged in: "backup /media/backup/" wrote a file named "backup" (stop 33).
        unplugged = tmp_path / "media" / "backup"
        assert cli.main(["--data-dir", str(paths.data_dir), "backup", f"{unplugged}/"]) == 2
        assert "[backup.no_folder]" in capsys.readouterr().err
        assert not unplugged.exists() and not unplugged.parent.exists()

        # PostgreSQL: how to use pg_dump, and the receipt archive is still backed up.
        (paths.receipts_dir / "2026").mkdir(parents=True, exist_ok=True)
        (paths.receipts_dir / "2026" / "r.pdf").write_bytes(b"%PDF")
        pg = ["--data-dir", str(paths.data_dir), "--database-url", "postgresql://desk@127.0.0.1:1/desk"]
        assert cli.main([*pg, "backup", str(tmp_path / "pg.tar")]) == 0
        assert "pg_dump" in capsys.readouterr().out
        assert set(read_manifest(tmp_path / "pg.tar")["files"]) == {"receipts/2026/r.pdf", "receipts/.archive-id"}
    finally:
        os.umask(previous)


def _audit_chain_of(url: str, paths: Paths) -> tuple[list[tuple[Any, ...]], bool]:
    db = Database.open(url, run_migrations=False)
    try:
        services = build_services(db, paths, clock=fixed_clock)
        return _audit_rows(services), services.audit_trail.verify(None).intact
    finally:
        db.dispose()


def test_a_desk_running_through_a_restore_writes_into_the_restored_database(
    desk: tuple[Paths, str, Services], tmp_path: Path
) -> None:
    """The live file is restored in place (SQLite's backup API into it), never renamed away: a desk that
    keeps its connection open sees the restored data at its next transaction, and what it writes then
    lands in the one database every other desk opens."""
    paths, url, services = desk
    clerk = services.auth.sign_in("clerk", "demo")
    services.citizens.find_by_cpr(clerk, _a_cpr(services), "Counter visit")
    yesterdays_receipt = _block_an_app(services, clerk)
    done = backup(paths, url, tmp_path / "yesterday.tar")
    audit_then = _audit_rows(services)

    services.citizens.find_by_cpr(clerk, _a_cpr(services), "Telephone enquiry")
    todays_receipt = _block_an_app(services, clerk)
    audit_today = _audit_rows(services)
    inode = paths.database_file.stat().st_ino
    receipts_inode = paths.receipts_dir.stat().st_ino

    # The running desk keeps its engine (and its pooled connection to the file) open throughout.
    restored = restore(paths, url, done.path, now=datetime(2026, 11, 28, 7, 0, tzinfo=UTC))

    assert paths.database_file.stat().st_ino == inode, "the live database was replaced, not restored into"
    assert paths.receipts_dir.stat().st_ino == receipts_inode, "the receipt archive was swapped away"
    assert _audit_rows(services) == audit_then  # the running desk sees the restored data at once
    services.citizens.find_by_cpr(clerk, _a_cpr(services), "After the restore")
    running_rows = _audit_rows(services)
    assert len(running_rows) == len(audit_then) + 1

    opened_after, intact = _audit_chain_of(url, paths)
    assert opened_after == running_rows, "the running desk wrote somewhere other desks do not look"
    assert intact and services.audit_trail.verify(None).intact

    # What the restore replaced is kept aside whole; the archive matches the restored records.
    stamp = "20261128T070000Z"
    aside_db = paths.data_dir / f"desk.sqlite3.before-restore-{stamp}"
    aside_receipts = paths.data_dir / f"receipts.before-restore-{stamp}"
    assert set(restored.kept_aside) == {aside_db, aside_receipts}
    kept_rows, kept_intact = _audit_chain_of(sqlite_url(aside_db), paths)
    assert kept_rows == audit_today and kept_intact
    assert yesterdays_receipt.exists() and not todays_receipt.exists()
    assert (aside_receipts / todays_receipt.relative_to(paths.receipts_dir)).exists()
    assert restored.recovery is not None and restored.recovery.clean
    for path in paths.data_dir.rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600), path


def _state(paths: Paths) -> tuple[list[tuple[Any, ...]], dict[str, str], list[Path]]:
    db = Database.open(sqlite_url(paths.database_file), run_migrations=False)
    try:
        rows = _audit_rows(build_services(db, paths, clock=fixed_clock))
    finally:
        db.dispose()
    return rows, _receipts(paths), sorted(paths.data_dir.glob("*before-restore*"))


def test_a_restore_failing_midway_leaves_the_database_and_the_receipts_as_they_were(
    desk: tuple[Paths, str, Services], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths, url, services = desk
    clerk = services.auth.sign_in("clerk", "demo")
    first, second = _block_an_app(services, clerk), _block_an_app(services, clerk)
    done = backup(paths, url, tmp_path / "b.tar")
    services.citizens.find_by_cpr(clerk, _a_cpr(services), "Telephone enquiry")
    _block_an_app(services, clerk)
    first.unlink()  # lost from the disk: the restore has two receipts to put back
    second.unlink()
    services.db.dispose()
    before = _state(paths)

    # The second receipt cannot be put in place (disk full, say): what was done is undone.
    real_replace = os.replace
    calls: list[str] = []

    def failing_replace(src: Any, dst: Any, **kwargs: Any) -> None:
        if Path(dst) == paths.receipts_dir or paths.receipts_dir in Path(dst).parents:
            calls.append(str(dst))
            if len(calls) == 2:
                raise OSError(28, "No space left on device")
        real_replace(src, dst, **kwargs)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        restore(paths, url, done.path)
    monkeypatch.setattr(os, "replace", real_replace)
    assert len(calls) >= 2
    assert _state(paths) == before
    assert _audit_chain_of(url, paths)[1]


def test_a_restore_that_cannot_get_the_database_leaves_everything_as_it_was(
    desk: tuple[Paths, str, Services], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A desk holding a write transaction longer than the restore waits: refused, nothing changed."""
    import sqlite3

    from borgerservice_desk import backup as backup_module

    paths, url, services = desk
    clerk = services.auth.sign_in("clerk", "demo")
    _block_an_app(services, clerk)
    done = backup(paths, url, tmp_path / "b.tar")
    _block_an_app(services, clerk)
    services.db.dispose()
    before = _state(paths)

    monkeypatch.setattr(backup_module, "LIVE_LOCK_WAIT_SECONDS", 0.3, raising=False)
    holder = sqlite3.connect(paths.database_file, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(BackupError) as caught:
            restore(paths, url, done.path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert caught.value.code == "backup.database_busy"
    assert _state(paths) == before
    assert _audit_chain_of(url, paths)[1]


def test_a_backup_streams_the_receipts_instead_of_holding_them_in_memory(tmp_path: Path) -> None:
    import tracemalloc

    paths = Paths(tmp_path / "data")
    Database.open(sqlite_url(paths.database_file)).dispose()
    folder = paths.receipts_dir / "2026" / "11"
    folder.mkdir(parents=True)
    size = 6 << 20
    for n in range(4):  # 24 MB of receipts
        (folder / f"BSD-20261127-{n:04d}-XXXX.pdf").write_bytes(os.urandom(size))

    tracemalloc.start()
    try:
        done = backup(paths, sqlite_url(paths.database_file), tmp_path / "b.tar")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert peak < size, f"the backup held {peak / 2**20:.0f} MB at once"
    manifest = read_manifest(done.path)
    with tarfile.open(done.path) as tar:
        for name, entry in manifest["files"].items():
            handle = tar.extractfile(name)
            assert handle is not None
            digest = hashlib.sha256()
            for block in iter(functools.partial(handle.read, 1 << 20), b""):
                digest.update(block)
            assert (digest.hexdigest(), tar.getmember(name).size) == (entry["sha256"], entry["size"])
    assert len(manifest["files"]) == 5


def test_a_damaged_database_is_restored_over_and_its_bytes_kept_aside(
    desk: tuple[Paths, str, Services], tmp_path: Path
) -> None:
    paths, url, services = desk
    clerk = services.auth.sign_in("clerk", "demo")
    _block_an_app(services, clerk)
    done = backup(paths, url, tmp_path / "b.tar")
    audit_then = _audit_rows(services)
    services.db.dispose()
    paths.database_file.write_bytes(b"garbage where the database was" * 500)

    restored = restore(paths, url, done.path, now=datetime(2026, 11, 28, 7, 0, tzinfo=UTC))

    rows, intact = _audit_chain_of(url, paths)
    assert rows == audit_then and intact
    aside = paths.data_dir / "desk.sqlite3.before-restore-20261128T070000Z"
    assert aside in restored.kept_aside
    assert aside.read_bytes() == b"garbage where the database was" * 500
    assert stat.S_IMODE(aside.stat().st_mode) == 0o600


def _window_holds(data_dir: Path) -> bool:
    try:
        with no_window_open(data_dir):
            return False
    except Locked:
        return True


def test_a_restore_waits_for_every_window_on_the_data_folder_to_close(tmp_path: Path) -> None:
    """A window left open through a restore would write its next errand onto another citizen's visit (the
    restored database hands its open visit's number to the next one). So the restore refuses while the
    real window runs, and goes ahead once it is gone, even when it went by crashing."""
    root = Path(__file__).resolve().parents[2]
    data = tmp_path / "data"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

    def command(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(root / "main.py"), "--data-dir", str(data), *args],
            capture_output=True, text=True, check=False, cwd=root, env=env, timeout=300,
        )

    seeded = Database.open(sqlite_url(Paths(data).database_file))
    seed_demo_data(seeded, today=TODAY, citizens=20)
    seeded.dispose()
    made = command("backup", str(tmp_path / "yesterday.tar"))
    assert made.returncode == 0, made.stderr
    window = subprocess.Popen(
        [sys.executable, str(root / "main.py"), "--data-dir", str(data)],
        cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not _window_holds(data):  # the window takes the lock as it starts, before its sign-in
            assert window.poll() is None, "the window ended before it showed its sign-in"
            assert time.monotonic() < deadline, "the window never opened the data folder"
            time.sleep(0.2)
        before = hashlib.sha256(Path(data / "desk.sqlite3").read_bytes()).hexdigest()
        refused = command("restore", str(tmp_path / "yesterday.tar"))
        assert refused.returncode == 2
        assert "[backup.desk_running]" in refused.stderr
        assert hashlib.sha256(Path(data / "desk.sqlite3").read_bytes()).hexdigest() == before
        assert not list(data.glob("*before-restore*")) and not list(data.glob(".restore-*"))
    finally:
        window.kill()  # a crash: the operating system lets go of its lock
        window.wait(timeout=30)
    restored = command("restore", str(tmp_path / "yesterday.tar"))
    assert restored.returncode == 0, restored.stderr


def test_a_window_starting_during_a_restore_waits_and_then_says_why(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    with no_window_open(data):
        with pytest.raises(StartupError) as caught, window_open(data, wait=0.3):
            pass
        assert caught.value.code == "startup.restore_running"
    with window_open(data, wait=0):  # the restore is over: the window opens at once
        assert _window_holds(data)
        with window_open(data, wait=0):  # a second window on the same folder is welcome
            pass
    assert not _window_holds(data)
