"""The README's screenshots: every tab of the real main window and the public queue display, in Danish at
1280×800, with the demo data, as a clerk sees them in the middle of a morning. Run under Xvfb so the fonts
and style are a real desktop's:

    xvfb-run -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots.py [OUT_DIR]

OUT_DIR defaults to docs/. `--expired` types an expired passport instead (the Serving tab then shows a
rejection) and `--details` unfolds the check's details, to look at those screens too. `--image=PATH` reads a
document image on the Serving tab instead of typing a passport (the marked characters and the reader's
messages); `--budget=SECONDS` gives the reader less time than its 4 s, to see the time-limit message. It writes tab-today.png, tab-serving.png, tab-find.png, tab-queue.png,
tab-statistics.png and queue-display.png. Everything lives in a temporary data folder (its own database,
receipts and QSettings), so neither the clerk's real data nor the splitter sizes they dragged shape the
pictures. Every citizen is the demo's: CPR replacement numbers, shown masked.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

TODAY = date(2026, 11, 27)  # a Friday, as in the tests
MORNING = datetime(2026, 11, 27, 8, 40, tzinfo=UTC)  # 09:40 in Copenhagen
LIMIT_BYTES = 60_000


class Clock:
    """The services' clock: the script moves it on, so tickets and calls get the times of a real morning."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def wait(self, minutes: int) -> None:
        self.now += timedelta(minutes=minutes)


def save(image: QImage, out: Path) -> None:
    """A PNG; a window has few colours, so one over the limit is quantised to 64 of them. By octree, which
    keeps a small area of its own colour: median cut merged the MRZ box's yellow marks (#ffd54f, a few hundred
    pixels) into a salmon, so the pictures showed the clerk's highlights in the wrong colour."""
    from PIL import Image

    image.save(str(out))
    if out.stat().st_size > LIMIT_BYTES:
        with Image.open(out) as picture:
            small = picture.convert("RGB").quantize(64, method=Image.Quantize.FASTOCTREE)
        small.save(out, optimize=True)
    print(f"{out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: {out.stat().st_size // 1024} KB")


def settle(runners: list[Callable[[], bool]], ms: int = 600) -> None:
    """Let the worker jobs finish and their results be painted."""
    for _ in range(100):
        QTest.qWait(100)
        if not any(busy() for busy in runners):
            break
    QTest.qWait(ms)


def main(
    out_dir: Path,
    *,
    details: bool = False,
    expired: bool = False,
    image: Path | None = None,
    budget: float | None = None,
) -> None:
    from borgerservice_desk.bootstrap import build_services
    from borgerservice_desk.config import Paths
    from borgerservice_desk.demo import ZONE, seed_demo_data
    from borgerservice_desk.storage.database import Database, sqlite_url
    from tests.support.journey import appointment_with_apps, give_every_method, passport_for
    from ui.app import create_application, install_translators
    from ui.main_window import MainWindow
    from ui.queue_display import QueueDisplay

    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="desk-shots-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))
    app = create_application([sys.argv[0]])
    install_translators(app, "da")
    db = Database.open(sqlite_url(work / "desk.sqlite3"))
    seed_demo_data(db, today=TODAY, citizens=150)
    clock = Clock(MORNING)
    services = build_services(db, Paths(work / "data"), clock=clock)
    ctx = services.auth.sign_in("clerk", "demo")

    # The morning so far: the early appointments served (one did not come), ...
    for number, row in enumerate(r for r in services.appointments.day(ctx, TODAY) if r.starts_at < clock()):
        if number == 1:
            clock.now = row.starts_at + timedelta(minutes=15)
            services.appointments.mark_no_show(ctx, row.id)
            continue
        clock.now = row.starts_at
        served = services.appointments.check_in(ctx, row.id)
        clock.now = row.ends_at
        services.appointments.finish_visit(ctx, served.visit_id)
    clock.now = MORNING - timedelta(minutes=30)

    # ... the citizen to be served at this desk next (three apps, a code display, a chip, an old lost app
    # and a history) and one to be looked up (by name and birth date) ...
    candidate = appointment_with_apps(services, ctx, TODAY, active=3)
    give_every_method(db, candidate.citizen.id, clock())
    looked_up = appointment_with_apps(services, ctx, TODAY, active=2).citizen
    counters = services.booking.counters(ctx)
    my_counter = counters[0][0]

    # ... and the queue: walk-ins, citizens arriving for their appointments at other counters, and the
    # other counters calling.
    clock.now = MORNING - timedelta(minutes=25)
    for service in ("health_card", "passport", "mitid", "health_card", "mitid"):
        services.queue.walk_in(ctx, service)
        clock.wait(3)
    clock.now = MORNING - timedelta(minutes=2)
    visit = services.appointments.check_in(ctx, candidate.appointment.id)
    due = [
        row for row in services.appointments.day(ctx, TODAY)
        if row.status.value == "booked" and row.counter != counters[0][1] and row.starts_at > clock()
    ]
    for row in due[:3]:
        clock.now = max(clock(), row.starts_at - timedelta(minutes=20))
        services.queue.arrive(ctx, booking_code=row.booking_code)
        clock.wait(1)
    for counter_id, _name in counters[1:]:
        services.queue.call_next(ctx, counter_id)
        clock.wait(1)

    window = MainWindow(services, ctx, "da")
    window.resize(1280, 800)
    window.show()
    desk = window.desk
    runners: list[Callable[[], bool]] = [
        lambda: window.runner.busy, lambda: desk.runner.busy, lambda: desk.queue._reads.runner.busy, lambda: not desk.queue.ready,
        lambda: desk.visit.identity.saving,
    ]
    settle(runners)

    # This counter calls the next walk-in; who they are is asked later (the dialog is closed here).
    queue = desk.queue
    queue.counter.setCurrentIndex(queue.counter.findData(my_counter))
    queue.call_next()
    if queue.walk_in_dialog is not None:
        queue.walk_in_dialog.reject()
    clock.wait(2)

    # Find citizen: a search by name and birth date.
    lookup = desk.lookup
    lookup.mode.setCurrentIndex(lookup.mode.findData("name_birth"))
    lookup.query.setText(looked_up.surname)
    lookup.birth_date.set_birth_date(looked_up.birth_date)
    lookup.search()

    # Serving: the citizen checked in, and their passport typed and passed.
    desk.open_visit(visit)
    panel = desk.visit
    if image is None:
        lines = passport_for(candidate.citizen, expiry=TODAY + timedelta(days=-3 if expired else 900))
        panel.mrz_edit.setPlainText("\n".join(lines))
        panel.check_typed()
        settle(runners)
        if panel.last_check is None:
            raise SystemExit("the passport check did not finish")
    else:
        if budget is not None:
            from borgerservice_desk.scanning import mrz_reader

            mrz_reader.DEFAULT_BUDGET_SECONDS = budget
        panel.identity.load_image(image)
        for _ in range(600):  # the real reader, up to a minute on a busy machine
            QTest.qWait(100)
            if not panel.identity.scanning:
                break
        settle(runners)
    panel.identity.details_button.setChecked(details)

    for index, file in enumerate(("tab-today", "tab-serving", "tab-find", "tab-queue", "tab-statistics")):
        desk.show_tab(index)
        if index == 0:
            desk.today.refresh()
        if index == 3:
            queue.refresh()
        settle(runners)
        save(window.grab().toImage(), out_dir / f"{file}.png")

    # The waiting room's screen, full screen on the (only) screen; its clock shows the demo's time.
    display = QueueDisplay(services.queue, services.queue.open_display(ctx), sound=False)
    display.show_on(app.primaryScreen(), full_screen=True)
    settle([lambda: display.runner.busy], 1500)
    display.clock_timer.stop()
    display.clock.setText(clock().astimezone(ZONE).strftime("%H:%M"))
    QTest.qWait(300)
    save(display.grab().toImage(), out_dir / "queue-display.png")
    display.close()

    window.runner.wait_for_done()
    desk.runner.wait_for_done()
    window.hide()
    QCoreApplication.processEvents()
    os._exit(0)  # the window's close asks about the open visit; the data folder is thrown away anyway


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    options = dict(a[2:].split("=", 1) for a in sys.argv[1:] if a.startswith("--") and "=" in a)
    main(
        Path(args[0]).resolve() if args else ROOT / "docs",
        details="--details" in sys.argv,
        expired="--expired" in sys.argv,
        image=Path(options["image"]).resolve() if "image" in options else None,
        budget=float(options["budget"]) if "budget" in options else None,
    )
