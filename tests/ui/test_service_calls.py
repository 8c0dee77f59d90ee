"""ServiceCalls, the one way from a widget to a use case: reads that overlap, and answers for a widget gone."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ui.feedback import FeedbackLabel
from ui.tasks import ServiceCalls, TaskRunner


def test_only_the_newest_read_under_a_key_reports_even_when_an_older_one_comes_back_last(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    calls = ServiceCalls(TaskRunner(widget), FeedbackLabel(widget), widget)
    first_may_end = threading.Event()
    shown: list[str] = []

    def slow_first() -> str:
        first_may_end.wait(5)
        return "before"

    calls.fetch(slow_first, shown.append, key="view")
    calls.fetch(lambda: "after", shown.append, key="view")
    calls.fetch(lambda: "other", shown.append, key="other")  # another key is no newer read of this view
    qtbot.waitUntil(lambda: sorted(shown) == ["after", "other"])
    assert calls.fetching  # the first is still out
    first_may_end.set()
    qtbot.waitUntil(lambda: not calls.fetching)
    assert sorted(shown) == ["after", "other"]  # the older answer, come back last, was dropped
    assert not calls.busy and calls.run(lambda: "action", shown.append)  # reads never hold up the action
    qtbot.waitUntil(lambda: not calls.busy)
    assert shown[-1] == "action"


def test_an_answer_for_a_widget_that_has_closed_reaches_nobody(qtbot: QtBot) -> None:
    runner_owner = QWidget()  # outlives the widget, as a desk's runner outlives a dialog on it
    qtbot.addWidget(runner_owner)
    runner = TaskRunner(runner_owner)
    dialog = QWidget()
    calls = ServiceCalls(runner, FeedbackLabel(dialog), dialog)
    may_end = threading.Event()
    told: list[object] = []

    def answer() -> str:
        may_end.wait(5)
        return "late"

    calls.fetch(answer, told.append)
    calls.run(answer, told.append)
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not _alive(calls))
    may_end.set()
    assert runner.wait_for_done(5000)
    qtbot.wait(50)  # the answers come back through the event loop
    assert told == []


def _alive(obj: object) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(obj))
