"""Backups a centre can restore yesterday from: the database and the receipt archive in one file.

`backup` writes one tar file (0600): `desk.sqlite3`, a consistent copy made with SQLite's online backup
API (the desk may be running: readers and writers go on), every receipt under `receipts/`, and
`manifest.json` with the sha256 and size of each file, the Alembic revision of the copied database and
when it was made. For PostgreSQL the database is the server's to back up (`pg_dump`, see
`POSTGRESQL_GUIDANCE`); the file then holds the receipt archive only.

`restore` checks the whole file first (a manifest of this program, every file present and matching its
checksum, a revision this program knows and not older than the database it would replace), unpacks it
into a private folder beside the data, and only then swaps it in by renames: the database it replaces is
kept as `desk.sqlite3.before-restore-<time>` (with its -wal/-shm), the receipts as
`receipts.before-restore-<time>`. Nothing is deleted. Stop every desk on this database before restoring.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from borgerservice_desk.config import Paths
from borgerservice_desk.errors import DeskError, StartupError
from borgerservice_desk.files import create_private_file, ensure_private_dir, tighten, tighten_sqlite_files

FORMAT = "borgerservice-desk-backup/1"
MANIFEST = "manifest.json"
DATABASE_MEMBER = "desk.sqlite3"
RECEIPTS_MEMBER = "receipts"

POSTGRESQL_GUIDANCE = """\
The database is PostgreSQL: back it up on the server with pg_dump, e.g. nightly
  pg_dump --format=custom --file=desk-$(date +%F).dump "postgresql://USER@HOST/DATABASE"
and restore it with
  pg_restore --clean --if-exists --dbname="postgresql://USER@HOST/DATABASE" desk-YYYY-MM-DD.dump
(stop every desk first). This backup file holds the receipt archive, which is not in the database."""


class BackupError(DeskError):
    """A backup that cannot be made or restored. Codes: "backup.not_a_backup" (path, detail),
    "backup.checksum_mismatch" (file), "backup.unknown_revision" (revision),
    "backup.target_newer" (target, backup), "backup.sqlite_only"."""

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


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
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
        receipts: list[tuple[str, bytes]] = []
        for path in _receipt_files(paths.receipts_dir):
            name = str(PurePosixPath(RECEIPTS_MEMBER, *path.relative_to(paths.receipts_dir).parts))
            data = path.read_bytes()
            receipts.append((name, data))
            manifest["files"][name] = {"sha256": _sha256(data), "size": len(data)}
        manifest["alembic_revision"] = revision
        partial = work / "backup.tar"
        with os.fdopen(create_private_file(partial), "wb") as handle, tarfile.open(fileobj=handle, mode="w") as tar:
            _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2, sort_keys=True).encode(), now)
            if database_copy is not None:
                info = tar.gettarinfo(str(database_copy), arcname=DATABASE_MEMBER)
                info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
                with database_copy.open("rb") as data_handle:
                    tar.addfile(info, data_handle)
            for name, data in receipts:
                _add_bytes(tar, name, data, now)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, destination)
    tighten(destination)
    return BackupDone(destination, revision, kind, len(manifest["files"]))


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
                for block in iter(lambda: handle.read(1 << 20), b""):
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
    """Put the backup in `source` back in place of the database and the receipt archive."""
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
    if has_database and target_db is not None:
        try:
            target_revision = check_sqlite_file(target_db)
        except StartupError as error:
            if error.code == "startup.database_locked":
                raise
            target_revision = None  # a damaged database is what a restore is for
        if target_revision is not None:
            if target_revision not in order:
                raise BackupError("backup.target_newer", target=target_revision, backup=backup_revision)
            backup_index = order.index(backup_revision) if backup_revision in order else -1
            if order.index(target_revision) > backup_index:
                raise BackupError("backup.target_newer", target=target_revision, backup=backup_revision)

    paths.prepare()
    stamp = _stamp(now)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=paths.data_dir))
    kept: list[Path] = []
    try:
        _unpack(source, manifest, staging)
        staged_db = staging / DATABASE_MEMBER
        staged_receipts = staging / RECEIPTS_MEMBER
        ensure_private_dir(staged_receipts)
        if has_database and target_db is not None:
            _verify_sqlite(staged_db)
            if target_db.exists():
                aside = target_db.with_name(f"{target_db.name}.before-restore-{stamp}")
                for suffix in ("", "-wal", "-shm"):
                    live = target_db.with_name(target_db.name + suffix)
                    if live.exists():
                        os.replace(live, aside.with_name(aside.name + suffix))
                kept.append(aside)
            os.replace(staged_db, target_db)
            tighten_sqlite_files(target_db)
        if paths.receipts_dir.exists():
            aside_receipts = paths.receipts_dir.with_name(f"{paths.receipts_dir.name}.before-restore-{stamp}")
            os.replace(paths.receipts_dir, aside_receipts)
            kept.append(aside_receipts)
        os.replace(staged_receipts, paths.receipts_dir)
        tighten(paths.receipts_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    receipts = sum(1 for name in manifest["files"] if name.startswith(RECEIPTS_MEMBER + "/"))
    return RestoreDone(backup_revision, has_database, receipts, tuple(kept))


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
