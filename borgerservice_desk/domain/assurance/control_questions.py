"""Control questions drawn from register data (shared/DOMAIN.md, "Identity assurance").

Instead of a witness the citizen answers questions about themselves that only they should know. The desk
draws them from register facts the citizen cannot read off the counter screen or their own documents:
former addresses, parents' first names, the place of birth; never the name, CPR number, birth date or
current address. The clerk reads each question out and marks the answer right or wrong; the expected answer
is shown to the clerk only, never on a screen the citizen can see. N of M must be right (a centre setting).
"""

from __future__ import annotations

import enum
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from borgerservice_desk.errors import InvalidInput, RuleViolation


class QuestionKind(enum.StrEnum):
    FORMER_ADDRESS = "former_address"  # "In which town did you live in <year>?"
    MOTHER_FIRST_NAME = "mother_first_name"
    FATHER_FIRST_NAME = "father_first_name"
    PLACE_OF_BIRTH = "place_of_birth"


@dataclass(frozen=True)
class RegisterFacts:
    """What the register knows of the citizen that can be asked about."""

    former_addresses: tuple[tuple[int, str], ...] = ()  # (year moved in, town)
    mother_first_name: str | None = None
    father_first_name: str | None = None
    place_of_birth: str | None = None


@dataclass(frozen=True)
class Question:
    kind: QuestionKind
    prompt_value: str  # what the question names, e.g. the year for a former address; "" when none
    expected: str  # for the clerk's eyes only


@dataclass(frozen=True)
class Policy:
    asked: int
    required: int

    def __post_init__(self) -> None:
        if not 1 <= self.required <= self.asked:
            raise InvalidInput("questions.policy", asked=self.asked, required=self.required)


# Rounds a citizen may fail within a day before the questions are closed to them (a witness is the way then).
# Each round draws again from the same few facts: without a limit, someone answering from the citizen's
# papers, or guessing, would be drawn new rounds until one passed.
MAX_FAILED_ROUNDS_PER_DAY = 2


def refuse_another_round(failed_today: int) -> None:
    """RuleViolation "questions.too_many_failed" once the citizen has failed MAX_FAILED_ROUNDS_PER_DAY
    rounds within the last day."""
    if failed_today >= MAX_FAILED_ROUNDS_PER_DAY:
        raise RuleViolation("questions.too_many_failed", failed=failed_today)


def available_questions(facts: RegisterFacts) -> list[Question]:
    found = [Question(QuestionKind.FORMER_ADDRESS, str(year), town) for year, town in facts.former_addresses]
    if facts.mother_first_name:
        found.append(Question(QuestionKind.MOTHER_FIRST_NAME, "", facts.mother_first_name))
    if facts.father_first_name:
        found.append(Question(QuestionKind.FATHER_FIRST_NAME, "", facts.father_first_name))
    if facts.place_of_birth:
        found.append(Question(QuestionKind.PLACE_OF_BIRTH, "", facts.place_of_birth))
    return found


def draw(facts: RegisterFacts, policy: Policy, rng: random.Random) -> tuple[Question, ...]:
    """`policy.asked` different questions in a random order; refused when the register has too few facts.

    At most one former-address question, so that a citizen with many moves is not asked only about moves.
    """
    pool = available_questions(facts)
    addresses = [q for q in pool if q.kind is QuestionKind.FORMER_ADDRESS]
    others = [q for q in pool if q.kind is not QuestionKind.FORMER_ADDRESS]
    candidates = others + ([rng.choice(addresses)] if addresses else [])
    if len(candidates) < policy.asked:
        raise RuleViolation("questions.too_few_facts", available=len(candidates), asked=policy.asked)
    return tuple(rng.sample(candidates, policy.asked))


def passed(questions: Sequence[Question], answers: Mapping[int, bool], policy: Policy) -> bool:
    """Whether enough answers were marked right; refused until every asked question is marked."""
    if len(questions) != policy.asked or set(answers) != set(range(len(questions))):
        raise RuleViolation("questions.not_all_answered", asked=len(questions), answered=len(answers))
    return sum(1 for right in answers.values() if right) >= policy.required
