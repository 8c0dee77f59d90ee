"""Control questions: drawn from register facts, N of M right (DOMAIN.md, "Identity assurance")."""

from __future__ import annotations

import random

import pytest

from borgerservice_desk.domain.assurance.control_questions import (
    Policy,
    QuestionKind,
    RegisterFacts,
    draw,
    passed,
)
from borgerservice_desk.errors import InvalidInput, RuleViolation

FACTS = RegisterFacts(
    former_addresses=((1998, "Odense"), (2005, "Aarhus"), (2012, "Vejle")),
    mother_first_name="Inger",
    father_first_name="Poul",
    place_of_birth="Svendborg",
)


def test_draws_as_many_different_questions_as_the_policy_asks() -> None:
    questions = draw(FACTS, Policy(asked=4, required=3), random.Random(1))
    assert len(questions) == 4
    assert len(set(questions)) == 4
    # At most one question about former addresses.
    assert sum(q.kind is QuestionKind.FORMER_ADDRESS for q in questions) == 1


def test_different_draws_differ() -> None:
    draws = {draw(FACTS, Policy(asked=2, required=2), random.Random(seed)) for seed in range(30)}
    assert len(draws) > 5


def test_too_few_register_facts_is_refused() -> None:
    with pytest.raises(RuleViolation) as caught:
        draw(RegisterFacts(place_of_birth="Ribe"), Policy(asked=2, required=1), random.Random(1))
    assert caught.value.code == "questions.too_few_facts"


@pytest.mark.parametrize(("asked", "required"), [(3, 0), (3, 4), (0, 0)])
def test_a_policy_needs_1_to_asked_right(asked: int, required: int) -> None:
    with pytest.raises(InvalidInput) as caught:
        Policy(asked=asked, required=required)
    assert caught.value.code == "questions.policy"


def test_n_of_m_at_the_boundary() -> None:
    policy = Policy(asked=4, required=3)
    questions = draw(FACTS, policy, random.Random(2))
    assert passed(questions, {0: True, 1: True, 2: True, 3: False}, policy)
    assert not passed(questions, {0: True, 1: False, 2: True, 3: False}, policy)


def test_every_question_must_be_marked() -> None:
    policy = Policy(asked=3, required=2)
    questions = draw(FACTS, policy, random.Random(3))
    with pytest.raises(RuleViolation) as caught:
        passed(questions, {0: True, 1: True}, policy)
    assert caught.value.code == "questions.not_all_answered"
