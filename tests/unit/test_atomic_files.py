"""Writing files whole or not at all, and telling a dead writer's leftovers from a live one's file."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from borgerservice_desk import atomic_files


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _temp_of(target: Path, host: str, pid: int) -> Path:
    temp = target.with_name(f"{atomic_files.TEMP_PREFIX}{target.name}.{host}.{pid}")
    temp.write_bytes(b"half")
    return temp


def test_a_write_replaces_the_old_file_whole_and_only_the_owner_may_read_it(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "A.ics"
    atomic_files.write_atomically(target, b"old")
    atomic_files.write_atomically(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert list(target.parent.iterdir()) == [target]


def test_the_temporary_file_names_its_target_host_and_process(tmp_path: Path) -> None:
    temp = atomic_files.write_temp(tmp_path / "BSD-20261127-AB12-CD34.pdf", b"%PDF")
    assert temp.name.startswith(".tmp-BSD-20261127-AB12-CD34.pdf.")
    assert temp.name.endswith(f".{os.getpid()}")
    assert atomic_files.target_name_of(temp) == "BSD-20261127-AB12-CD34.pdf"
    assert atomic_files.target_name_of(tmp_path / ".tmp-x1y2z3.pdf") is None  # an older desk's name
    assert atomic_files.target_name_of(tmp_path / "BSD-1.pdf") is None


def test_publish_without_replace_keeps_an_existing_file_and_the_temporary_one(tmp_path: Path) -> None:
    target = tmp_path / "R.pdf"
    target.write_bytes(b"first")
    temp = atomic_files.write_temp(target, b"second")
    with pytest.raises(FileExistsError):
        atomic_files.publish(temp, target, replace=False)
    assert target.read_bytes() == b"first" and temp.read_bytes() == b"second"


def test_a_leftover_of_a_dead_process_on_this_host_is_abandoned(tmp_path: Path) -> None:
    host = atomic_files.temp_path_for(tmp_path / "x").name.rsplit(".", 2)[1]
    dead = _temp_of(tmp_path / "A.pdf", host, _dead_pid())
    mine = _temp_of(tmp_path / "B.pdf", host, os.getpid())
    assert atomic_files.is_abandoned(dead)
    assert not atomic_files.is_abandoned(mine)


def test_another_hosts_file_is_judged_by_its_age(tmp_path: Path) -> None:
    young = _temp_of(tmp_path / "A.pdf", "otherhost", 1)
    old = _temp_of(tmp_path / "B.pdf", "otherhost", 1)
    long_ago = time.time() - atomic_files.STALE_AFTER_SECONDS - 5
    os.utime(old, (long_ago, long_ago))
    assert not atomic_files.is_abandoned(young)
    assert atomic_files.is_abandoned(old)
    assert not atomic_files.is_abandoned(tmp_path / "gone.pdf")


def test_the_clean_up_removes_only_abandoned_files(tmp_path: Path) -> None:
    host = atomic_files.temp_path_for(tmp_path / "x").name.rsplit(".", 2)[1]
    (tmp_path / "a").mkdir()
    dead = _temp_of(tmp_path / "a" / "A.pdf", host, _dead_pid())
    live = atomic_files.write_temp(tmp_path / "B.pdf", b"being written")
    finished = tmp_path / "C.pdf"
    finished.write_bytes(b"done")
    assert atomic_files.remove_abandoned_temp_files(tmp_path) == [dead]
    assert live.exists() and finished.exists()


def _host_part(tmp_path: Path) -> str:
    return atomic_files.temp_path_for(tmp_path / "x").name.rsplit(".", 2)[1]


def test_a_host_name_with_dots_still_gives_a_name_that_parses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomic_files.socket, "gethostname", lambda: "desk-07.borgerservice.kommune.dk")
    temp = atomic_files.temp_path_for(tmp_path / "BSD-1.pdf")
    host, pid = temp.name.rsplit(".", 2)[1:]
    assert "." not in host and "desk-07" in host and "kommune" in host
    assert pid == str(os.getpid())
    assert atomic_files.target_name_of(temp) == "BSD-1.pdf"
    # And the clean-up still recognises this host's files: a dead writer's leftover is abandoned.
    dead = _temp_of(tmp_path / "A.pdf", host, _dead_pid())
    assert atomic_files.is_abandoned(dead)


def test_an_empty_host_name_still_gives_a_name_that_parses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomic_files.socket, "gethostname", lambda: "")
    temp = atomic_files.temp_path_for(tmp_path / "A.pdf")
    assert temp.name.rsplit(".", 2)[1] != ""
    assert atomic_files.target_name_of(temp) == "A.pdf"


def test_a_leftover_temporary_file_of_the_same_name_is_overwritten_not_appended_to(tmp_path: Path) -> None:
    # A process id reused after a crash finds its own name taken by a longer, half-written file.
    target = tmp_path / "R.pdf"
    atomic_files.temp_path_for(target).write_bytes(b"a much longer half-written leftover")
    temp = atomic_files.write_temp(target, b"short")
    assert temp.read_bytes() == b"short"


def test_a_symlink_planted_at_the_temporary_name_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "elsewhere.txt"
    victim.write_bytes(b"precious")
    target = tmp_path / "shared" / "R.pdf"
    target.parent.mkdir(mode=0o700)
    atomic_files.temp_path_for(target).symlink_to(victim)
    with pytest.raises(OSError):
        atomic_files.write_temp(target, b"overwrite")
    assert victim.read_bytes() == b"precious"
    assert not target.exists()


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_files.os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        atomic_files.write_atomically(tmp_path / "R.pdf", b"data")
    assert list(tmp_path.iterdir()) == []


def test_an_interrupt_after_the_rename_surfaces_as_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Ctrl+C (or a shutdown) between the rename and the folder's fsync: the file is in place and whole, and
    # the interrupt, not a FileNotFoundError from tidying up the already renamed temp, reaches the caller.
    def interrupted(folder: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic_files, "_fsync_dir", interrupted)
    target = tmp_path / "R.pdf"
    with pytest.raises(KeyboardInterrupt):
        atomic_files.write_atomically(target, b"whole")
    assert target.read_bytes() == b"whole"
    assert list(tmp_path.iterdir()) == [target]


def test_a_file_system_that_cannot_open_folders_still_gets_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def no_folders(path: object, flags: int, *args: int) -> int:
        if os.path.isdir(path):  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic_files.os, "open", no_folders)
    target = tmp_path / "R.pdf"
    assert atomic_files.write_atomically(target, b"data") == target
    assert target.read_bytes() == b"data"


def test_publish_without_replace_names_the_file_that_is_in_the_way(tmp_path: Path) -> None:
    target = tmp_path / "R.pdf"
    target.write_bytes(b"first")
    temp = atomic_files.write_temp(target, b"second")
    with pytest.raises(FileExistsError) as caught:
        atomic_files.publish(temp, target, replace=False)
    assert str(target) in str(caught.value)
    atomic_files.publish(temp, tmp_path / "S.pdf", replace=False)  # a free name is fine
    assert (tmp_path / "S.pdf").read_bytes() == b"second"


def test_age_alone_decides_from_the_stale_limit_on(tmp_path: Path) -> None:
    temp = _temp_of(tmp_path / "A.pdf", "otherhost", 1)
    written = 1_800_000_000.0
    os.utime(temp, (written, written))
    limit = atomic_files.STALE_AFTER_SECONDS
    assert not atomic_files.is_abandoned(temp, now=written + 1)
    assert not atomic_files.is_abandoned(temp, now=written + limit)  # exactly at the limit: still young
    assert atomic_files.is_abandoned(temp, now=written + limit + 1)


def test_another_hosts_young_file_is_kept_even_if_its_pid_is_free_here(tmp_path: Path) -> None:
    # The process id belongs to the other machine: that nothing runs under it here says nothing.
    temp = _temp_of(tmp_path / "A.pdf", "otherhost", _dead_pid())
    assert not atomic_files.is_abandoned(temp)


@pytest.mark.parametrize("name", [".tmp-A.pdf.{host}.abc", ".tmp-A", ".tmp-{host}.", ".tmp-x1y2z3.pdf"])
def test_a_young_file_of_an_unknown_shape_is_kept(tmp_path: Path, name: str) -> None:
    temp = tmp_path / name.format(host=_host_part(tmp_path))
    temp.write_bytes(b"?")
    assert not atomic_files.is_abandoned(temp)


def test_a_live_writer_on_this_host_keeps_its_file_and_is_left_running(tmp_path: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        temp = _temp_of(tmp_path / "A.pdf", _host_part(tmp_path), child.pid)
        assert not atomic_files.is_abandoned(temp)
        assert atomic_files.remove_abandoned_temp_files(tmp_path) == []
        assert temp.exists()
        time.sleep(0.2)
        assert child.poll() is None  # asking whether it lives sent it no signal
    finally:
        child.kill()
        child.wait()


def test_a_writer_run_by_another_user_counts_as_alive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def not_permitted(pid: int, sig: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    temp = _temp_of(tmp_path / "A.pdf", _host_part(tmp_path), os.getpid() + 1)
    monkeypatch.setattr(atomic_files.os, "kill", not_permitted)
    assert not atomic_files.is_abandoned(temp)


def test_a_leftover_another_desk_removed_first_does_not_stop_the_clean_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two desks on one shared folder start at once and both clean up the same old leftover.
    old = _temp_of(tmp_path / "A.pdf", "otherhost", 1)
    long_ago = time.time() - atomic_files.STALE_AFTER_SECONDS - 5
    os.utime(old, (long_ago, long_ago))
    judged = atomic_files.is_abandoned

    def the_other_desk_is_faster(temp: Path, **kwargs: float) -> bool:
        abandoned = judged(temp, **kwargs)
        temp.unlink()
        return abandoned

    monkeypatch.setattr(atomic_files, "is_abandoned", the_other_desk_is_faster)
    assert atomic_files.remove_abandoned_temp_files(tmp_path) == [old]
    assert not old.exists()


def test_the_clean_up_logs_how_many_files_it_removed_and_where(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    dead = [_temp_of(tmp_path / f"{n}.pdf", _host_part(tmp_path), _dead_pid()) for n in "AB"]
    with caplog.at_level(logging.INFO, logger=atomic_files.__name__):
        assert sorted(atomic_files.remove_abandoned_temp_files(tmp_path)) == sorted(dead)
    messages = [r.getMessage() for r in caplog.records if r.name == atomic_files.__name__]
    assert len(messages) == 1 and "removed 2 " in messages[0] and str(tmp_path) in messages[0]
    caplog.clear()
    with caplog.at_level(logging.INFO, logger=atomic_files.__name__):
        assert atomic_files.remove_abandoned_temp_files(tmp_path) == []
    assert not [r for r in caplog.records if r.name == atomic_files.__name__]  # nothing to say
