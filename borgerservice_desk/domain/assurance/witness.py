"""Who may witness for a citizen (shared/DOMAIN.md, "Identity assurance").

A witness is at least 18, has had MitID for more than 30 days, shows valid photo ID and their own MitID, is
not the citizen, and witnesses for at most 3 people within 120 days. A professional witness is recorded as
such; the public rules give them no exemption from the limit, so neither does this.

The limit counts distinct people: witnessing again for the same citizen (a second visit for the same errand)
does not use up another place. The service enforces the limit again inside the database transaction, under a
lock on the witness, so two desks cannot both take a witness's last place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from borgerservice_desk.errors import RuleViolation

MIN_AGE_YEARS = 18
MITID_MIN_DAYS = 30  # the witness's MitID must be *more* than this many days old
MAX_PEOPLE = 3
WINDOW = timedelta(days=120)


@dataclass(frozen=True)
class Witnessing:
    """An earlier time this witness vouched for someone."""

    citizen_id: int
    at: datetime


@dataclass(frozen=True)
class WitnessFacts:
    birth_date: date
    mitid_since: date | None  # None: the witness has no MitID
    photo_id_valid: bool
    own_mitid_shown: bool
    professional: bool = False


def birthday(born: date, years: int) -> date:
    """The day someone born on `born` turns `years` old; born on 29 February: 1 March in a common year."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return date(born.year + years, 3, 1)


def people_in_window(history: Iterable[Witnessing], now: datetime) -> frozenset[int]:
    """The people witnessed for within the 120 days up to now."""
    return frozenset(w.citizen_id for w in history if now - WINDOW < w.at <= now)


def refusals(
    witness: WitnessFacts,
    *,
    witness_citizen_id: int | None,
    citizen_id: int,
    history: Iterable[Witnessing],
    now: datetime,
    today: date,
) -> tuple[RuleViolation, ...]:
    """Every rule the witness fails for this citizen now, in the order `check_witness` names them (empty:
    they may witness). The clerk who looks a witness up sees all of them at once, not only the first.
    `now` is the instant the 120 days run back from; `today` the centre's local date at `now`, in which the
    age and the MitID's 30 days are counted (the UTC date is another day around midnight)."""
    found: list[RuleViolation] = []
    if witness_citizen_id is not None and witness_citizen_id == citizen_id:
        found.append(RuleViolation("witness.is_citizen"))
    if birthday(witness.birth_date, MIN_AGE_YEARS) > today:
        found.append(RuleViolation("witness.too_young", min_age=MIN_AGE_YEARS))
    if witness.mitid_since is None:
        found.append(RuleViolation("witness.no_mitid"))
    elif (today - witness.mitid_since).days <= MITID_MIN_DAYS:
        found.append(RuleViolation("witness.mitid_too_new", min_days=MITID_MIN_DAYS))
    if not witness.photo_id_valid:
        found.append(RuleViolation("witness.no_photo_id"))
    if not witness.own_mitid_shown:
        found.append(RuleViolation("witness.mitid_not_shown"))
    people = people_in_window(history, now)
    if citizen_id not in people and len(people) >= MAX_PEOPLE:
        found.append(RuleViolation("witness.limit_reached", limit=MAX_PEOPLE, days=WINDOW.days))
    return tuple(found)


def register_refusals(
    birth_date: date,
    mitid_since: date | None,
    *,
    witness_citizen_id: int,
    citizen_id: int,
    history: Iterable[Witnessing],
    now: datetime,
    today: date,
) -> tuple[RuleViolation, ...]:
    """The refusals the register's facts already decide, before the clerk has seen the witness's photo ID
    and MitID: what the clerk's ticks add is left out (taken as given), the rest is `refusals`'."""
    facts = WitnessFacts(birth_date=birth_date, mitid_since=mitid_since, photo_id_valid=True, own_mitid_shown=True)
    return refusals(
        facts, witness_citizen_id=witness_citizen_id, citizen_id=citizen_id, history=history, now=now, today=today
    )


def check_witness(
    witness: WitnessFacts,
    *,
    witness_citizen_id: int | None,
    citizen_id: int,
    history: Iterable[Witnessing],
    now: datetime,
    today: date,
) -> None:
    """Refuse a witness who may not witness for this citizen now; the first rule that fails is named."""
    found = refusals(
        witness, witness_citizen_id=witness_citizen_id, citizen_id=citizen_id, history=history, now=now, today=today
    )
    if found:
        raise found[0]
