"""Benchmark: appending to the audit trail's hash chain and verifying it.

    .venv/bin/python benchmarks/verify_audit.py [--entries 100000] [--database-url URL] [--runs 3]

Fills a throw-away SQLite database (or the empty database at URL) with entries shaped like a look-up's
(a purpose, a masked CPR number and a few ids in the detail), 1,000 to a transaction, then times the
verification (AuditTrailService.verify: read every entry in sequence order and recompute its hash).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from borgerservice_desk.services import audit
from borgerservice_desk.services.audit import AuditTrailService
from borgerservice_desk.storage.database import Database, sqlite_url

START = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--database-url")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Database.open(args.database_url or sqlite_url(Path(folder) / "audit.sqlite3"))
        started = time.perf_counter()
        written = 0
        while written < args.entries:
            with db.unit_of_work() as uow:
                for _ in range(min(1000, args.entries - written)):
                    at = START + timedelta(milliseconds=written * 250)
                    audit.record(uow.session, lambda at=at: at, None, "citizen.lookup_cpr", citizen_id=None,
                                 purpose="MitID block", query="010190-XXXX", visit_id=written, hits=[1, 2, 3])
                    written += 1
                uow.commit()
        append = time.perf_counter() - started
        service = AuditTrailService(db)
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            result = service.verify(None)
            times.append(time.perf_counter() - started)
            assert result.intact, result
        print(f"{db.engine.dialect.name}: appended {written} entries in {append:.1f} s "
              f"({append / written * 1e6:.0f} µs each); verify median {statistics.median(times):.2f} s "
              f"over {args.runs} runs ({result.entries} entries)")
        db.dispose()


if __name__ == "__main__":
    main()
