"""Every table model passes Qt's model tester, filled with real rows from the demo data."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.modeltest import ModelTester

from borgerservice_desk.bootstrap import Services
from tests.conftest import TODAY
from ui.models import AppointmentModel, CitizenModel, HistoryModel, MethodModel
from ui.statistics_panel import StatisticsModel


def test_every_table_model_passes_the_qt_model_tester(qtmodeltester: ModelTester, sqlite_services: Services) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    appointments = AppointmentModel("da")
    appointments.set_rows(sqlite_services.appointments.day(ctx, TODAY))
    assert appointments.rowCount() > 0
    qtmodeltester.check(appointments)
    citizens = CitizenModel()
    row = appointments.row_at(0)
    overview = sqlite_services.citizens.mitid_overview(ctx, row.citizen_id, "test")
    citizens.set_rows([overview.citizen])
    qtmodeltester.check(citizens)
    methods = MethodModel()
    methods.set_rows(overview.methods)
    qtmodeltester.check(methods)
    history = HistoryModel()
    history.set_rows(overview.history)
    qtmodeltester.check(history)
    statistics = StatisticsModel({})
    statistics.set_rows(sqlite_services.statistics.per_service_and_day(ctx, TODAY - timedelta(days=7), TODAY))
    assert statistics.rowCount() > 0
    qtmodeltester.check(statistics)
