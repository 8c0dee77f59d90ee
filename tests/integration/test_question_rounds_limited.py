"""Control questions are not drawn again and again (stop 33, found by a review): each round draws from the
same few register facts, and the window offered "draw new questions" after every failure, so someone
answering from the citizen's papers, or guessing, passed in the end (a round passed at the 11th try). Two
failed rounds within a day close the questions to the citizen, in any visit; a witness is the way then."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from borgerservice_desk.bootstrap import build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.domain.assurance.control_questions import MAX_FAILED_ROUNDS_PER_DAY, refuse_another_round
from borgerservice_desk.errors import RuleViolation
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import AuditEntry
from tests.conftest import NOW
from tests.support.assurance import checked, citizens
from tests.support.clock import MovableClock


def test_the_rule_closes_the_questions_at_the_second_failure() -> None:
    assert MAX_FAILED_ROUNDS_PER_DAY == 2
    refuse_another_round(0)
    refuse_another_round(1)
    with pytest.raises(RuleViolation) as refused:
        refuse_another_round(2)
    assert (refused.value.code, refused.value.params) == ("questions.too_many_failed", {"failed": 2})


def test_two_failed_rounds_close_the_questions_for_a_day_in_any_visit(seeded_db: Database, tmp_path: Path) -> None:
    clock = MovableClock(NOW)
    services = build_services(seeded_db, Paths(tmp_path / "d"), clock=clock)
    clerk = services.auth.sign_in("clerk", "demo")
    citizen = citizens(services, active_apps=1)[0]
    visit = checked(services, clerk, citizen)

    def fail_a_round(visit_id: int) -> None:
        drawn = services.assurance.draw_questions(clerk, visit_id)
        marked = services.assurance.mark_questions(
            clerk, visit_id, drawn.round_id, dict.fromkeys(range(len(drawn.questions)), False)
        )
        assert not marked.passed
        clock.advance(timedelta(minutes=5))

    fail_a_round(visit)
    fail_a_round(visit)
    with pytest.raises(RuleViolation) as refused:
        services.assurance.draw_questions(clerk, visit)
    assert refused.value.code == "questions.too_many_failed"
    with services.db.read() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert entry is not None and (entry.action, entry.outcome, entry.citizen_id) == (
            "assurance.questions_drawn", "refused", citizen.id
        )

    services.appointments.finish_visit(clerk, visit)
    again = checked(services, clerk, citizen)  # a new visit the same afternoon does not start afresh
    with pytest.raises(RuleViolation):
        services.assurance.draw_questions(clerk, again)

    clock.advance(timedelta(days=1))  # the next day the citizen may try again
    assert services.assurance.draw_questions(clerk, again).questions
