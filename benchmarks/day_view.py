"""Benchmark: the Today list of a busy centre (20 counters, every slot booked) from query to painted table.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/day_view.py [--runs 20]

Uses the database built by next_free_times.py (same layout, 90 days of bookings). Times, per run:
the service's day query, filling the table model, and painting the table view (QWidget.grab), and
prints the median and the 90th percentile of the whole.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time as clock
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from next_free_times import NOW, bench_clerk, build
from PySide6.QtWidgets import QApplication, QTableView

from borgerservice_desk.services.appointments import AppointmentService
from borgerservice_desk.storage.database import Database, sqlite_url
from ui.models import AppointmentModel


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    app = QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        db = Database.open(sqlite_url(Path(folder) / "bench.sqlite3"))
        build(db, 0.85)
        service = AppointmentService(db, clock=lambda: NOW)
        ctx = bench_clerk(db)
        model = AppointmentModel("da")
        view = QTableView()
        view.setModel(model)
        view.resize(1200, 800)
        view.show()
        totals = []
        for _ in range(args.runs):
            started = clock.perf_counter()
            rows = service.day(ctx, NOW.date())
            model.set_rows(rows)
            view.resizeColumnsToContents()
            view.grab()
            app.processEvents()
            totals.append(clock.perf_counter() - started)
        totals.sort()
        print(f"day view, {len(rows)} appointments on 20 counters: median {statistics.median(totals) * 1000:.1f} ms, "
              f"p90 {totals[int(len(totals) * 0.9)] * 1000:.1f} ms")
        db.dispose()


if __name__ == "__main__":
    main()
