"""Backups a centre can restore yesterday from: the database and the receipt archive in one file.

`backup` writes one tar file (0600): `desk.sqlite3`, a consistent copy made with SQLite's online backup
API (the desk may be running: readers and writers go on), every receipt under `receipts/` (streamed from
disk and hashed on the way, never held in memory whole), and `manifest.json`, last, with the sha256 and
size of each file as written, the Alembic revision of the copied database and when it was made. For
PostgreSQL the database is the server's to back up (`pg_dump`, see `POSTGRESQL_GUIDANCE`); the file then
holds this desk's receipt folder only (each desk keeps its own: back up every desk).

`restore` checks the whole file first (a manifest of this program, every file present and matching its
checksum, a revision this program knows) and unpacks it into a private folder beside the data, where a
database from an older version of the program is migrated to this one's schema. Then, with nothing renamed
away and never a moment without a database or an archive:

1. the receipt archive is kept aside as `receipts.before-restore-<time>` (hard links, or copies), and
   the backup's receipts are put in place one file at a time, each by an atomic rename; receipts the
   backup does not hold leave the archive (they stay in the folder kept aside);
2. the live database is copied aside with SQLite's backup API into `desk.sqlite3.before-restore-<time>`
   (0600, synced), and the backup's database is copied INTO the live file with the backup API, one
   transaction under SQLite's own locking: a desk that keeps running waits for it, sees the restored
   data at its next transaction and writes into it (only what a desk commits in the instant between
   the copy aside and the copy in is in neither);
3. the receipt archive's recovery runs against the restored records, so files and records match.

A failure before the database is copied in puts every receipt back as it was and leaves the database
untouched; the copy in itself is all or nothing. Nothing is deleted.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import json
import logging
import os
import shutil
import sqlite3
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING, Any

from borgerservice_desk import atomic_files, desk_lock
from borgerservice_desk.config import Paths
from borgerservice_desk.errors import DeskError, StartupError
from borgerservice_desk.files import create_private_file, ensure_private_dir, tighten, tighten_sqlite_files

if TYPE_CHECKING:
    from borgerservice_desk.receipts.archive import RecoveryReport

log = logging.getLogger(__name__)

FORMAT = "borgerservice-desk-backup/1"
MANIFEST = "manifest.json"
DATABASE_MEMBER = "desk.sqlite3"
RECEIPTS_MEMBER = "receipts"
# How long a restore waits for a desk's write transaction to end before it gives up, changing nothing.
LIVE_LOCK_WAIT_SECONDS = 30.0
_SQLITE_BUSY = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED

POSTGRESQL_GUIDANCE = """\
The database is PostgreSQL: back it up on the server with pg_dump, e.g. nightly
  pg_dump --format=custom --file=desk-$(date +%F).dump "postgresql://USER@HOST/DATABASE"
and restore it with
  pg_restore --clean --if-exists --dbname="postgresql://USER@HOST/DATABASE" desk-YYYY-MM-DD.dump
(stop every desk first). This backup file holds this desk's receipt folder, which is not in the
database: each desk keeps its own, so run `backup` on every desk."""


class BackupError(DeskError):
    """A backup that cannot be made or restored. Codes: "backup.not_a_backup" (path, detail),
    "backup.checksum_mismatch" (file), "backup.unknown_revision" (revision),
    "backup.target_newer" (target, backup), "backup.sqlite_only", "backup.database_busy" (path: a desk
    held the database longer than LIVE_LOCK_WAIT_SECONDS), "backup.restore_failed" (detail),
    "backup.desk_running" (path: a window has the data folder open, `desk_lock`)."""

    code = "backup.failed"


@dataclass(frozen=True)
class BackupDone:
    path: Path
    revision: str | None
    database: str  # "sqlite" or "postgresql" (then the file holds the receipts only)
    files: int


@dataclass(frozen=True)
class RestoreDone:
    revision: str | None
    database_restored: bool
    receipts: int
    kept_aside: tuple[Path, ...] = field(default_factory=tuple)
    # The archive's recovery against the restored records; None when the database could not be opened
    # for it (every desk's start runs it again).
    recovery: RecoveryReport | None = None
    # The revision the backup's database was at when it was older than this program's ("-": never
    # migrated); `revision` is then the one it was brought up to before it was put in place.
    migrated_from: str | None = None


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(functools.partial(handle.read, 1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _sqlite_revision(path: Path) -> str | None:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        has = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone() if has else None
    finally:
        connection.close()
    return None if row is None else str(row[0])


def _copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of a live database: SQLite's online backup API, page by page."""
    os.close(create_private_file(target))
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=15)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        # One self-contained file: a copy in rollback-journal mode needs no -wal beside it.
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()
    tighten_sqlite_files(target)
    _fsync(target)


def _fsync(path: Path) -> None:
    """The file's content and its name on disk, before anything relies on the copy."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # a file system that cannot open a folder
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _receipt_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(
        p for p in root.rglob("*") if p.is_file() and not p.is_symlink() and not p.name.startswith(".tmp-")
    )


def backup(paths: Paths, url: str, destination: Path, *, now: datetime | None = None) -> BackupDone:
    """Write the backup to `destination` (a file name, or an existing folder to put a dated file in)."""
    from borgerservice_desk.storage.database import parse_database_url, sqlite_file

    now = now or datetime.now(UTC)
    parsed = parse_database_url(url)
    kind = parsed.get_backend_name()
    if destination.is_dir():
        destination = destination / f"borgerservice-desk-{_stamp(now)}.tar"
    elif destination.suffix.lower() != ".tar":
        # A folder that is not there: "backup /media/backup/" with the drive not plugged in wrote a file
        # named "backup" (the path had lost its slash), which the next night's backup then replaced. A
        # backup goes into a folder that exists, or into a file name that says it is a tar.
        raise BackupError("backup.no_folder", path=str(destination))
    if not destination.parent.exists():
        ensure_private_dir(destination.parent)
    manifest: dict[str, Any] = {"format": FORMAT, "created_at": now.isoformat(), "database": kind, "files": {}}
    with tempfile.TemporaryDirectory(prefix=".backup-", dir=destination.parent) as work_name:
        work = Path(work_name)
        os.chmod(work, 0o700)
        revision: str | None
        database_copy: Path | None = None
        if kind == "sqlite":
            source = sqlite_file(parsed.render_as_string(hide_password=False))
            if source is None or not source.exists():
                raise BackupError("backup.not_a_backup", path=str(source), detail="no database file to back up")
            database_copy = work / DATABASE_MEMBER
            _copy_sqlite(source, database_copy)
            revision = _sqlite_revision(database_copy)
            manifest["files"][DATABASE_MEMBER] = {
                "sha256": _file_sha256(database_copy),
                "size": database_copy.stat().st_size,
            }
        else:
            revision = _postgresql_revision(url)
        partial = work / "backup.tar"
        with os.fdopen(create_private_file(partial), "wb") as handle:
            with tarfile.open(fileobj=handle, mode="w") as tar:
                if database_copy is not None:
                    info = tar.gettarinfo(str(database_copy), arcname=DATABASE_MEMBER)
                    info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
                    with database_copy.open("rb") as data_handle:
                        tar.addfile(info, data_handle)
                for path in _receipt_files(paths.receipts_dir):
                    name = str(PurePosixPath(RECEIPTS_MEMBER, *path.relative_to(paths.receipts_dir).parts))
                    entry = _add_file(tar, name, path, now)
                    if entry is not None:
                        manifest["files"][name] = entry
                manifest["alembic_revision"] = revision
                # Last: it names every file above with the checksum of exactly what was written.
                _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2, sort_keys=True).encode(), now)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, destination)
    tighten(destination)
    return BackupDone(destination, revision, kind, len(manifest["files"]))


class _HashingReader:
    """Reads a file for tarfile and hashes each block on the way: one pass, one block in memory."""

    def __init__(self, handle: IO[bytes]) -> None:
        self._handle = handle
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        block = self._handle.read(size)
        self.digest.update(block)
        return block


def _add_file(tar: tarfile.TarFile, name: str, path: Path, now: datetime) -> dict[str, Any] | None:
    """Stream one receipt into the tar; its manifest entry, or None when it left meanwhile (quarantined).

    A receipt is never rewritten in place (it takes its name by a rename), so the open file keeps the
    size it had when opened even if a desk moves it while it is copied."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return None
    with handle:
        info = tarfile.TarInfo(name)
        info.size = os.fstat(handle.fileno()).st_size
        info.mode = 0o600
        info.mtime = int(now.timestamp())
        reader = _HashingReader(handle)
        tar.addfile(info, reader)
    return {"sha256": reader.digest.hexdigest(), "size": info.size}


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes, now: datetime) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    info.mtime = int(now.timestamp())
    tar.addfile(info, io.BytesIO(data))


def _postgresql_revision(url: str) -> str | None:
    """The server's revision for the manifest, if it can be reached; the backup of receipts goes on if not."""
    from sqlalchemy.exc import SQLAlchemyError

    from borgerservice_desk.storage.database import current_revision, make_engine

    try:
        engine = make_engine(url)
        try:
            return current_revision(engine)
        finally:
            engine.dispose()
    except SQLAlchemyError:
        return None


def read_manifest(source: Path) -> dict[str, Any]:
    try:
        with tarfile.open(source, mode="r:") as tar:
            member = tar.getmember(MANIFEST)
            handle = tar.extractfile(member)
            if handle is None:
                raise KeyError(MANIFEST)
            manifest: Any = json.loads(handle.read())
    except (OSError, tarfile.TarError, KeyError, ValueError) as error:
        raise BackupError("backup.not_a_backup", path=str(source), detail=str(error) or type(error).__name__) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or not isinstance(manifest.get("files"), dict):
        raise BackupError("backup.not_a_backup", path=str(source), detail="no manifest of this program")
    return manifest


def _safe_member_path(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError("backup.not_a_backup", path=name, detail="a file outside the backup")
    if path.parts[0] not in (DATABASE_MEMBER, RECEIPTS_MEMBER, MANIFEST):
        raise BackupError("backup.not_a_backup", path=name, detail="an unexpected file")
    return path


def _unpack(source: Path, manifest: dict[str, Any], staging: Path) -> None:
    """Every file of the manifest, checked against its sha256, into `staging`; nothing else."""
    expected: dict[str, Any] = manifest["files"]
    seen: set[str] = set()
    with tarfile.open(source, mode="r:") as tar:
        for member in tar:
            if member.name == MANIFEST:
                continue
            relative = _safe_member_path(member.name)
            if not member.isfile() or member.name not in expected or member.name in seen:
                raise BackupError("backup.not_a_backup", path=str(source), detail=f"unexpected entry {member.name}")
            handle = tar.extractfile(member)
            assert handle is not None  # a regular file
            target = staging.joinpath(*relative.parts)
            ensure_private_dir(target.parent)
            digest = hashlib.sha256()
            with os.fdopen(create_private_file(target), "wb") as out:
                for block in iter(functools.partial(handle.read, 1 << 20), b""):
                    digest.update(block)
                    out.write(block)
                out.flush()
                os.fsync(out.fileno())
            if digest.hexdigest() != expected[member.name].get("sha256"):
                raise BackupError("backup.checksum_mismatch", file=member.name)
            seen.add(member.name)
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError("backup.checksum_mismatch", file=missing[0])


def _revision_order() -> list[str]:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from borgerservice_desk.storage.database import MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return [r.revision for r in reversed(list(ScriptDirectory.from_config(config).walk_revisions()))]


def restore(paths: Paths, url: str, source: Path, *, now: datetime | None = None) -> RestoreDone:
    """Put the backup in `source` back in place of the database and the receipt archive (module doc)."""
    from borgerservice_desk.storage.database import check_sqlite_file, parse_database_url, sqlite_file

    now = now or datetime.now(UTC)
    manifest = read_manifest(source)
    has_database = DATABASE_MEMBER in manifest["files"]
    parsed = parse_database_url(url)
    target_db = sqlite_file(parsed.render_as_string(hide_password=False))
    if has_database and target_db is None:
        raise BackupError("backup.sqlite_only")
    backup_revision = manifest.get("alembic_revision")
    order = _revision_order()
    if has_database and backup_revision is not None and backup_revision not in order:
        raise BackupError("backup.unknown_revision", revision=backup_revision)
    damaged = False
    if has_database and target_db is not None:
        try:
            target_revision = check_sqlite_file(target_db)
        except StartupError as error:
            if error.code == "startup.database_locked":
                raise
            target_revision, damaged = None, True  # a damaged database is what a restore is for
        if target_revision is not None and target_revision not in order:
            # The database here was set up by a newer program: this one would hand it an older schema.
            raise BackupError("backup.target_newer", target=target_revision, backup=backup_revision)

    paths.prepare()
    window_lock = contextlib.ExitStack()
    try:
        window_lock.enter_context(desk_lock.no_window_open(paths.data_dir))
    except desk_lock.Locked:
        raise BackupError("backup.desk_running", path=str(paths.data_dir)) from None
    with window_lock:
        stamp = _stamp(now)
        staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=paths.data_dir))
        kept: list[Path] = []
        migrated_from: str | None = None
        try:
            _unpack(source, manifest, staging)
            staged_db = staging / DATABASE_MEMBER
            if has_database:
                _verify_sqlite(staged_db)
                if backup_revision != order[-1]:
                    # A backup made before this program was installed (last night's, taken before the
                    # update): brought to this program's schema in the staging folder, as a start would, before
                    # anything live changes. A migration that fails leaves the database here untouched.
                    _migrate_staged(staged_db)
                    migrated_from = backup_revision or "-"
            receipts = _ReceiptRestore(
                paths.receipts_dir,
                staging / RECEIPTS_MEMBER,
                paths.receipts_dir.with_name(f"{paths.receipts_dir.name}.before-restore-{stamp}"),
            )
            aside_db: Path | None = None
            try:
                receipts.apply()
                if has_database and target_db is not None:
                    if _holds_data(target_db):
                        aside_db = target_db.with_name(f"{target_db.name}.before-restore-{stamp}")
                        _keep_database_aside(target_db, aside_db, damaged=damaged)
                    _restore_database(staged_db, target_db, damaged=damaged)
            except BaseException:
                receipts.undo()
                if aside_db is not None:
                    for suffix in ("", "-wal", "-journal"):
                        aside_db.with_name(aside_db.name + suffix).unlink(missing_ok=True)
                raise
            if receipts.kept_aside is not None:
                kept.append(receipts.kept_aside)
            if aside_db is not None:
                kept.append(aside_db)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        count = sum(1 for name in manifest["files"] if name.startswith(RECEIPTS_MEMBER + "/") and name.endswith(".pdf"))
        return RestoreDone(
            order[-1] if migrated_from is not None else backup_revision,
            has_database,
            count,
            tuple(kept),
            _recover_receipts(paths, url),
            migrated_from,
        )


def _migrate_staged(staged: Path) -> None:
    """The staged copy of the backup's database migrated to this program's newest revision, left as one
    self-contained file (rollback journal, no -wal beside it) for the copy into place."""
    from sqlalchemy.exc import SQLAlchemyError

    from borgerservice_desk.storage.database import make_engine, migrate, sqlite_url

    engine = make_engine(sqlite_url(staged))
    try:
        migrate(engine)
    except (SQLAlchemyError, DeskError) as error:
        raise BackupError("backup.restore_failed", detail=f"the backup's database could not be migrated: {error}") from error
    finally:
        engine.dispose()
    connection = sqlite3.connect(staged)
    try:
        connection.execute("PRAGMA journal_mode=DELETE")  # checkpoints the log into the file
    finally:
        connection.close()
    _verify_sqlite(staged)


def _holds_data(database: Path) -> bool:
    try:
        return database.stat().st_size > 0
    except FileNotFoundError:
        return False


def _keep_database_aside(live: Path, aside: Path, *, damaged: bool) -> None:
    """A copy of the live database as it is now, beside it; the live file is not touched."""
    if not damaged:
        _copy_sqlite(live, aside)  # a consistent copy while desks may write
        return
    # SQLite cannot read a damaged file whole: keep its bytes, and its log, as they are.
    for suffix in ("", "-wal"):
        original = live.with_name(live.name + suffix)
        if original.exists():
            copy = aside.with_name(aside.name + suffix)
            with original.open("rb") as src, os.fdopen(create_private_file(copy), "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
                dst.flush()
                os.fsync(dst.fileno())
    _fsync_dir(aside.parent)


def _restore_database(staged: Path, live: Path, *, damaged: bool) -> None:
    """The staged database's content into the live file: all of it or nothing, never without a file."""
    if damaged:
        # No desk can be using a file SQLite cannot read: replace it whole by an atomic rename, after
        # taking its log away (it was copied aside), so the old log is never applied to the new pages.
        for suffix in ("-wal", "-shm", "-journal"):
            live.with_name(live.name + suffix).unlink(missing_ok=True)
        temp = atomic_files.temp_path_for(live)
        shutil.copyfile(staged, temp)
        os.chmod(temp, 0o600)
        _fsync(temp)
        atomic_files.publish(temp, live)
        tighten_sqlite_files(live)
        return
    if not live.exists():
        os.close(create_private_file(live))  # an empty file is an empty database, and private
    deadline = time.monotonic() + LIVE_LOCK_WAIT_SECONDS

    def give_up_when_held(status: int, _remaining: int, _total: int) -> None:
        if status in _SQLITE_BUSY and time.monotonic() >= deadline:
            raise BackupError("backup.database_busy", path=str(live))

    src = sqlite3.connect(f"{staged.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(live, timeout=LIVE_LOCK_WAIT_SECONDS)
        try:
            # One step, one write transaction on the live file: running desks wait for it, then see it.
            src.backup(dst, pages=-1, progress=give_up_when_held)
        finally:
            dst.close()
    except sqlite3.Error as error:
        text = str(error)
        if "locked" in text or "busy" in text:
            raise BackupError("backup.database_busy", path=str(live)) from error
        raise BackupError("backup.restore_failed", detail=text) from error
    finally:
        src.close()
    tighten_sqlite_files(live)


class _ReceiptRestore:
    """The backup's receipts into the live archive one file at a time, each by an atomic rename, with
    the archive as it was kept aside (hard links, or copies) and every step undoable until the end."""

    def __init__(self, live: Path, staged: Path, aside: Path) -> None:
        self.live, self.staged, self.aside = live, staged, aside
        self.kept_aside: Path | None = None
        self._old: set[PurePosixPath] = set()
        self._done: list[tuple[str, PurePosixPath]] = []  # ("put" | "removed", relative path)

    def apply(self) -> None:
        ensure_private_dir(self.live)
        old = {PurePosixPath(*p.relative_to(self.live).parts): p for p in _receipt_files(self.live)}
        if old:
            ensure_private_dir(self.aside)
            self.kept_aside = self.aside
            for relative, path in old.items():
                _link_or_copy(path, self.aside.joinpath(*relative.parts))
                self._old.add(relative)
            _fsync_dir(self.aside)
        new = {PurePosixPath(*p.relative_to(self.staged).parts): p for p in _receipt_files(self.staged)}
        for relative, path in sorted(new.items()):
            target = self.live.joinpath(*relative.parts)
            if relative in self._old and _same_content(path, target):
                continue
            ensure_private_dir(target.parent)
            atomic_files.publish(path, target)  # a rename onto the name: the old file or the new one
            self._done.append(("put", relative))
        for relative in sorted(self._old - set(new)):
            # Not in the backup (e.g. today's receipts): out of the archive, kept in the folder aside.
            self.live.joinpath(*relative.parts).unlink(missing_ok=True)
            self._done.append(("removed", relative))
        _fsync_dir(self.live)

    def undo(self) -> None:
        """Every file as it was before `apply`; the folder kept aside goes, being a copy."""
        for _step, relative in reversed(self._done):
            target = self.live.joinpath(*relative.parts)
            if relative in self._old:
                temp = atomic_files.temp_path_for(target)
                temp.unlink(missing_ok=True)
                _link_or_copy(self.aside.joinpath(*relative.parts), temp)
                atomic_files.publish(temp, target)
            else:
                target.unlink(missing_ok=True)
        self._done.clear()
        if self.kept_aside is not None:
            shutil.rmtree(self.kept_aside, ignore_errors=True)
            self.kept_aside = None


def _link_or_copy(source: Path, target: Path) -> None:
    ensure_private_dir(target.parent)
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links
        shutil.copyfile(source, target)
        os.chmod(target, 0o600)


def _same_content(a: Path, b: Path) -> bool:
    try:
        return a.stat().st_size == b.stat().st_size and _file_sha256(a) == _file_sha256(b)
    except FileNotFoundError:
        return False


def _recover_receipts(paths: Paths, url: str) -> RecoveryReport | None:
    """The archive's start-up recovery against the restored records: a receipt without a record goes
    to quarantine, a record without its file is named in the log. Not fatal: every start runs it."""
    from sqlalchemy.exc import SQLAlchemyError

    from borgerservice_desk.bootstrap import build_services
    from borgerservice_desk.storage.database import Database

    try:
        db = Database.open(url)
    except (DeskError, SQLAlchemyError) as error:
        log.warning("restore: the receipt archive is checked at the next start (%s)", error)
        return None
    try:
        return build_services(db, paths).mitid.recover_receipts()
    except (DeskError, SQLAlchemyError, OSError) as error:
        log.warning("restore: the receipt archive is checked at the next start (%s)", error)
        return None
    finally:
        db.dispose()


def _verify_sqlite(path: Path) -> None:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = connection.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.Error as error:
        raise BackupError("backup.not_a_backup", path=str(path), detail=str(error)) from error
    finally:
        connection.close()
    if row is None or row[0] != "ok":
        raise BackupError("backup.not_a_backup", path=str(path), detail="the database in it is damaged")
