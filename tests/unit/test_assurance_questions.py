"""Control questions: drawn from register facts, N of M right (DOMAIN.md, "Identity assurance")."""

from __future__ import annotations

import random

import pytest

from borgerservice_desk.domain.assurance.control_questions import (
    Policy,
    Question,
    QuestionKind,
    RegisterFacts,
    available_questions,
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


def test_each_register_fact_gives_one_question_with_the_answer_for_the_clerk() -> None:
    # A former address is asked by its year ("where did you live in 2005?"); the others name nothing.
    assert available_questions(FACTS) == [
        Question(QuestionKind.FORMER_ADDRESS, "1998", "Odense"),
        Question(QuestionKind.FORMER_ADDRESS, "2005", "Aarhus"),
        Question(QuestionKind.FORMER_ADDRESS, "2012", "Vejle"),
        Question(QuestionKind.MOTHER_FIRST_NAME, "", "Inger"),
        Question(QuestionKind.FATHER_FIRST_NAME, "", "Poul"),
        Question(QuestionKind.PLACE_OF_BIRTH, "", "Svendborg"),
    ]


def test_a_fact_the_register_lacks_or_holds_empty_gives_no_question() -> None:
    assert available_questions(RegisterFacts()) == []
    assert available_questions(RegisterFacts(mother_first_name="", father_first_name="", place_of_birth="")) == []


def test_too_few_register_facts_is_refused() -> None:
    with pytest.raises(RuleViolation) as caught:
        draw(RegisterFacts(place_of_birth="Ribe"), Policy(asked=2, required=1), random.Random(1))
    assert caught.value.code == "questions.too_few_facts"


def test_many_moves_count_as_one_question_when_counting_the_facts() -> None:
    # Three former addresses and a place of birth are two askable facts, not four.
    facts = RegisterFacts(former_addresses=FACTS.former_addresses, place_of_birth="Ribe")
    assert len(draw(facts, Policy(asked=2, required=1), random.Random(1))) == 2
    with pytest.raises(RuleViolation) as caught:
        draw(facts, Policy(asked=3, required=1), random.Random(1))
    assert caught.value.params == {"available": 2, "asked": 3}


@pytest.mark.parametrize(("asked", "required"), [(3, 0), (3, 4), (0, 0)])
def test_a_policy_needs_1_to_asked_right(asked: int, required: int) -> None:
    with pytest.raises(InvalidInput) as caught:
        Policy(asked=asked, required=required)
    assert caught.value.code == "questions.policy"
    assert caught.value.params == {"asked": asked, "required": required}


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
    assert caught.value.params == {"asked": 3, "answered": 2}
