"""Screenshot of the public queue display with demo calls (docs/queue-display-1280x800.png):
QT_QPA_PLATFORM=xcb xvfb-run -s "-screen 0 1280x800x24" .venv/bin/python scripts/queue_display_screenshot.py OUT.png"""
import sys
import tempfile
from pathlib import Path
sys.path.insert(0, ".")
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QTimer
from borgerservice_desk.bootstrap import build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.demo import seed_demo_data
from borgerservice_desk.storage.database import Database, sqlite_url
from tests.conftest import TODAY, fixed_clock
from ui.app import install_translators
from ui.queue_display import QueueDisplay

app = QApplication([])
install_translators(app, "da")
tmp = Path(tempfile.mkdtemp()); (tmp / "desk.sqlite3").unlink(missing_ok=True)
db = Database.open(sqlite_url(tmp / "desk.sqlite3"))
seed_demo_data(db, today=TODAY, citizens=150)
services = build_services(db, Paths(tmp / "data"), clock=fixed_clock)
ctx = services.auth.sign_in("clerk", "demo")
for service in ("health_card", "passport", "mitid", "health_card", "mitid", "health_card", "mitid", "passport", "health_card"):
    services.queue.walk_in(ctx, service)
counters = [c for c, _n in services.booking.counters(ctx)]
calls = 0
for _ in range(3):
    for counter in counters:
        if calls < 7 and services.queue.call_next(ctx, counter) is not None:
            calls += 1
display = QueueDisplay(services.queue, services.queue.open_display(ctx), sound=False)
display.show_on(app.primaryScreen(), full_screen=True)
def shoot():
    print([(c.number, c.counter) for c in display.calls], display.size())
    display.grab().save(sys.argv[1])
    app.quit()
QTimer.singleShot(1500, shoot)
app.exec()
