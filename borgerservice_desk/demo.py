"""Deterministic demo data: a centre, its clerks, counters, services, citizens, MitIDs and a week of
appointments around today.

Every CPR number is a replacement number (the day plus 60), which can never be a real person's. The
same seed and day always give the same data, so a screenshot or a bug report can be reproduced.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

import holidays
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from borgerservice_desk.domain.assurance.devices import StockState
from borgerservice_desk.domain.centre_time import centre_zone
from borgerservice_desk.domain.cpr import REPLACEMENT_DAY_OFFSET
from borgerservice_desk.domain.desk import AppointmentStatus, Role
from borgerservice_desk.domain.mitid import (
    MAX_ACTIVE_APPS,
    BlockReason,
    Channel,
    IdentityState,
    MethodKind,
    MethodState,
    apply,
    decide_block_mitid,
)
from borgerservice_desk.services.auth import hash_password
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import (
    Appointment,
    Centre,
    Citizen,
    Clerk,
    Counter,
    CounterService,
    DeviceStock,
    MitidIdentity,
    MitidMethod,
    OpeningHours,
    RegisterFacts,
    Service,
    Setting,
)

DEMO_MARKER = "demo_data_seed"
DEMO_PASSWORD = "demo"  # the clerks "clerk" and "supervisor" sign in with this; README says so
ZONE = centre_zone()  # the demo centre keeps the default zone a new centre gets

FEMALE_NAMES = [
    "Anne", "Mette", "Kirsten", "Hanne", "Susanne", "Lene", "Maria", "Marianne", "Karen", "Camilla",
    "Louise", "Charlotte", "Inge", "Pia", "Sofie", "Ida", "Emma", "Freja", "Clara", "Astrid",
    "Signe", "Birgitte", "Bodil", "Åse", "Sørine", "Tove", "Dorthe", "Ellen", "Nanna", "Laura",
]
MALE_NAMES = [
    "Peter", "Jens", "Lars", "Michael", "Henrik", "Søren", "Thomas", "Jan", "Niels", "Morten",
    "Rasmus", "Anders", "Mads", "Frederik", "Kristian", "Bjørn", "Jørgen", "Ove", "Åge", "Torben",
    "Emil", "William", "Oscar", "Noah", "Carl", "Asger", "Holger", "Steffen", "Poul", "Ebbe",
]
SURNAMES = [
    "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
    "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen",
    "Poulsen", "Johansen", "Møller", "Mortensen", "Knudsen", "Jakobsen", "Mikkelsen", "Østergaard",
    "Skovgård", "Bækgaard", "Dalsgård", "Kjær", "Lindstrøm", "Ærenlund", "Hjørne-Bak", "Frøslev",
    "Aagaard", "Nørgaard", "Lykkegård", "Højer", "Brønd", "Søndergaard", "Krogh", "Holm",
]
PHONES = [
    "iPhone 15", "iPhone 14", "iPhone 13 mini", "iPhone SE", "iPad Air", "Samsung Galaxy S24",
    "Samsung Galaxy A54", "Google Pixel 8", "OnePlus 12", "Motorola g84", "Nokia G42", "Fairphone 5",
]
SERVICES = [
    ("mitid", "MitID", "MitID", 15),
    ("passport", "Pas", "Passport", 20),
    ("driving_licence", "Kørekort", "Driving licence", 20),
    ("health_card", "Sundhedskort", "Health card", 10),
    ("residence", "Opholdsbevis", "Residence document", 30),
]
WEIGHTS = {"mitid": 5, "passport": 3, "driving_licence": 2, "health_card": 2, "residence": 1}
OPENING = (time(9, 0), time(15, 0))
LONG_THURSDAY = time(17, 30)


def has_data(db: Database) -> bool:
    """Whether the database holds anything at all a centre could have put there (or the demo itself).

    Demo data, and so the demo users with their well-known password, only ever go into a database that
    is completely empty: never into one with citizens, services, counters, a centre or clerks, and never
    into one set up with `main.py init`.
    """
    with db.read() as session:
        if session.get(Setting, DEMO_MARKER) is not None:
            return True
        return any(
            session.scalar(select(func.count()).select_from(model))
            for model in (Centre, Clerk, Citizen, Service, Counter, MitidIdentity, Appointment)
        )


def is_demo(db: Database) -> bool:
    """Whether this database holds the generated demo data (and so the demo passwords)."""
    with db.read() as session:
        return session.get(Setting, DEMO_MARKER) is not None


def seed_demo_data(
    db: Database,
    *,
    today: date,
    seed: int = 2026,
    citizens: int = 600,
    password_hasher: Callable[[str], str] = hash_password,
) -> bool:
    """Fill a completely empty database; returns False (and touches nothing) when it has any data.

    `password_hasher` makes the demo clerks' password hash: the desk's own argon2 parameters unless told
    otherwise (the tests give cheaper ones, as every test signs in and the verify costs what the hash did)."""
    if has_data(db):
        return False
    rng = random.Random(seed)
    with db.unit_of_work() as uow:
        session = uow.session
        centre = Centre(
            name="Borgerservice Aarhus Midt", address="Rådhuspladsen 2, 8000 Aarhus C", timezone=ZONE.key
        )
        session.add(centre)
        session.flush()
        password = password_hasher(DEMO_PASSWORD)
        session.add_all(
            [
                Clerk(centre_id=centre.id, username="clerk", full_name="Line Bøgh Sørensen",
                      role=Role.CLERK, password_hash=password),
                Clerk(centre_id=centre.id, username="supervisor", full_name="Åge Krøyer Dahl",
                      role=Role.SUPERVISOR, password_hash=password),
            ]
        )
        counters = [Counter(centre_id=centre.id, name=f"Skranke {n}") for n in range(1, 5)]
        services = [Service(code=c, name_da=da, name_en=en, minutes=m) for c, da, en, m in SERVICES]
        session.add_all([*counters, *services])
        session.flush()
        # Every counter serves everything but the last, which leaves residence documents to the others.
        serves = {
            c.id: [s for s in services if not (c is counters[-1] and s.code == "residence")] for c in counters
        }
        session.add_all(CounterService(counter_id=c, service_id=s.id) for c, offered in serves.items() for s in offered)
        session.add_all(
            OpeningHours(
                centre_id=centre.id,
                weekday=weekday,
                opens=OPENING[0],
                closes=LONG_THURSDAY if weekday == 3 else OPENING[1],
            )
            for weekday in range(5)
        )
        people = _citizens(rng, citizens, today)
        session.add_all(people)
        session.flush()
        _mitid(session, rng, people, today)
        # Their own random streams, so the citizens, MitIDs and appointments stay as they were before these.
        _register_facts(session, random.Random(seed * 7 + 1), people, today)
        _device_stock(session, random.Random(seed * 7 + 2), centre.id)
        days = [today + timedelta(days=offset) for offset in range(-3, 5)]
        _appointments(session, rng, centre, counters, serves, [p.id for p in people], days, today)
        session.add(Setting(key=DEMO_MARKER, value=f"{seed}:{today.isoformat()}"))
        uow.commit()
    return True


def _citizens(rng: random.Random, count: int, today: date) -> list[Citizen]:
    people: list[Citizen] = []
    used: set[str] = set()
    for index in range(count):
        female = rng.random() < 0.5
        given = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
        if rng.random() < 0.35:
            given += " " + rng.choice(FEMALE_NAMES if female else MALE_NAMES)
        surname = rng.choice(SURNAMES)
        born = date(1930, 1, 1) + timedelta(days=rng.randrange((today - date(1930, 1, 1)).days - 18 * 365))
        # About one in twenty has no CPR number and is known by birth date alone.
        cpr = None if index % 20 == 7 else _replacement_cpr(rng, born, female, used)
        people.append(
            Citizen(cpr=cpr, given_names=given, surname=surname, birth_date=born, sex="F" if female else "M")
        )
    return people


def _replacement_cpr(rng: random.Random, born: date, female: bool, used: set[str]) -> str:
    # The 7th digit carries the century together with the year (stdnum's table).
    century_digits = "0123" if born.year < 2000 else "45678"
    while True:
        serial = rng.choice(century_digits) + f"{rng.randrange(1000):03d}"
        last = int(serial[-1])
        if (last % 2 == 0) != female:
            serial = serial[:-1] + str((last + 1) % 10)
        cpr = f"{born.day + REPLACEMENT_DAY_OFFSET:02d}{born:%m%y}{serial}"
        if cpr not in used:
            used.add(cpr)
            return cpr


def _mitid(session: Session, rng: random.Random, people: list[Citizen], today: date) -> None:
    """MitIDs the rules could have made.

    The random draws are the same as ever (so the rest of the demo stays as it was); the times are then
    put in an order the rules allow: no method activated before its MitID, used after it was blocked or
    while the whole MitID was blocked, and never four apps active at once."""
    now = datetime.combine(today, time(8, 0), ZONE).astimezone(UTC)
    for index, person in enumerate(people):
        if rng.random() < 0.08:
            continue  # no MitID
        whole_blocked = rng.random() < 0.02
        identity = MitidIdentity(
            citizen_id=person.id,
            user_id=f"{person.given_names.split()[0].lower()}{index:05d}".translate(_ASCII),
            state=IdentityState.ACTIVE,
            blocked_at=None,
            created_at=now - timedelta(days=rng.randrange(30, 1500)),
        )
        whole_blocked_at = now - timedelta(days=rng.randrange(1, 20)) if whole_blocked else None
        session.add(identity)
        session.flush()
        methods: list[MitidMethod] = []
        for _ in range(rng.choice([0, 1, 1, 1, 2, 2, 3])):
            methods.append(_app(rng, identity.id, now, MethodState.ACTIVE, person))
        blocked: MitidMethod | None = None
        if rng.random() < 0.25:
            state = rng.choice([MethodState.BLOCKED_PERMANENT, MethodState.BLOCKED_TEMPORARY])
            blocked = _app(rng, identity.id, now, state, person)
            blocked.blocked_at = now - timedelta(days=rng.randrange(1, 200))
            blocked.block_reason = (
                BlockReason.WRONG_TRIES if state is MethodState.BLOCKED_TEMPORARY
                else rng.choice([BlockReason.LOST, BlockReason.STOLEN, BlockReason.REPLACED])
            )
            # One app blocked on its own: never via MitID.dk without login, which blocks every app.
            blocked.block_channel = rng.choice(
                [c for c in Channel if not c.blocks_all_apps]
            )
            methods.append(blocked)
        if not methods or rng.random() < 0.3:
            methods.append(_device(rng, identity.id, now, MethodKind.CODE_DISPLAY, "KV"))
        if rng.random() < 0.1:
            methods.append(_device(rng, identity.id, now, MethodKind.CHIP, "CH"))
        if rng.random() < 0.03:
            methods.append(_device(rng, identity.id, now, MethodKind.CODE_READER, "KO"))
        _in_order(identity, methods, blocked, whole_blocked_at)
        session.add_all(methods)
        if whole_blocked_at is not None:
            # Blocked by the rules' own decision: every method stops, their states kept underneath. Like
            # the single app blocks above, it came through MitID Support before the desk's time, so it is
            # not in the desk's history (where every action has its receipt).
            session.flush()
            decision = decide_block_mitid(identity.to_domain(), Channel.MITID_SUPPORT)
            after = apply(identity.to_domain(), decision, now=whole_blocked_at)
            identity.state, identity.blocked_at = after.state, after.blocked_at


def _in_order(
    identity: MitidIdentity, methods: list[MitidMethod], blocked: MitidMethod | None, whole_blocked_at: datetime | None
) -> None:
    """Move the drawn times into an order the rules allow (see `_mitid`); no new random draws."""
    hour, minute = timedelta(hours=1), timedelta(minutes=1)
    for method in methods:
        method.activated_at = max(method.activated_at, identity.created_at + hour)
    if blocked is not None:
        assert blocked.blocked_at is not None
        latest = [blocked.blocked_at]
        if whole_blocked_at is not None:
            # Once the whole MitID is blocked, an app is blocked only for misuse: this one was blocked before.
            latest.append(whole_blocked_at - minute)
        active = sorted((m for m in methods if m.kind is MethodKind.APP and m is not blocked), key=lambda m: m.activated_at)
        if len(active) >= MAX_ACTIVE_APPS:
            # Three apps active now: the blocked one stopped before the third was activated.
            latest.append(active[-1].activated_at - minute)
        blocked.blocked_at = max(min(latest), identity.created_at + 2 * minute)
        blocked.activated_at = min(blocked.activated_at, blocked.blocked_at - minute)
    for method in methods:
        stops = [t for t in (method.blocked_at, whole_blocked_at) if t is not None]
        if method.last_used_at is not None:
            method.last_used_at = max(min([method.last_used_at, *stops]), method.activated_at)


_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})

TOWNS = [
    "Aarhus", "Odense", "Aalborg", "Esbjerg", "Randers", "Kolding", "Horsens", "Vejle", "Roskilde",
    "Herning", "Silkeborg", "Næstved", "Fredericia", "Viborg", "Køge", "Holstebro", "Skive", "Ribe",
    "Svendborg", "Hjørring", "Frederikshavn", "Thisted", "Nykøbing Falster", "Sønderborg", "Aabenraa",
]
# How many devices of each kind the centre keeps in stock, with their serial prefix (as demo MitIDs use).
STOCK = ((MethodKind.CODE_DISPLAY, "KV", 12), (MethodKind.CODE_READER, "KO", 3), (MethodKind.CHIP, "CH", 5))


def _register_facts(session: Session, rng: random.Random, people: list[Citizen], today: date) -> None:
    """What the register knows for control questions: a former address or two, parents' first names and a
    place of birth. Every tenth citizen has thin facts (a parent unknown, no moves), so that the desk
    refuses questions for some and a witness is needed."""
    for index, person in enumerate(people):
        thin = index % 10 == 3
        moves = 0 if thin else rng.choice([1, 1, 2, 3])
        adult = range(person.birth_date.year + 18, today.year)
        years = sorted(rng.sample(adult, k=min(moves, len(adult))))
        session.add(
            RegisterFacts(
                citizen_id=person.id,
                former_addresses=[[year, rng.choice(TOWNS)] for year in years],
                mother_first_name=rng.choice(FEMALE_NAMES),
                father_first_name=None if thin else rng.choice(MALE_NAMES),
                place_of_birth=rng.choice(TOWNS),
            )
        )


def _device_stock(session: Session, rng: random.Random, centre_id: int) -> None:
    used: set[str] = set()
    for kind, prefix, count in STOCK:
        for _ in range(count):
            serial = f"{prefix}{rng.randrange(10**8):08d}"
            while serial in used:
                serial = f"{prefix}{rng.randrange(10**8):08d}"
            used.add(serial)
            session.add(DeviceStock(centre_id=centre_id, serial=serial, kind=kind, state=StockState.IN_STOCK))


def _app(
    rng: random.Random, identity_id: int, now: datetime, state: MethodState, owner: Citizen
) -> MitidMethod:
    activated = now - timedelta(days=rng.randrange(20, 1400))
    model = rng.choice(PHONES)
    first_name = owner.given_names.split()[0]
    users = [f"{owner.given_names} {owner.surname}"]
    if rng.random() < 0.1:
        users.append(f"{rng.choice(FEMALE_NAMES + MALE_NAMES)} {owner.surname}")  # a shared family tablet
    return MitidMethod(
        identity_id=identity_id,
        kind=MethodKind.APP,
        state=state,
        label=model,
        device_name=f"{possessive(first_name)} {model.split()[0]}",
        users=users,
        activated_at=activated,
        last_used_at=now - timedelta(hours=rng.randrange(1, 24 * 60)),
    )


def possessive(name: str) -> str:
    """A Danish name's genitive: Niels' and Alex' take an apostrophe, as Danish writes after s, x and z;
    Anne's is Annes."""
    return f"{name}'" if name[-1:].lower() in "sxz" else f"{name}s"


def _device(
    rng: random.Random, identity_id: int, now: datetime, kind: MethodKind, prefix: str
) -> MitidMethod:
    return MitidMethod(
        identity_id=identity_id,
        kind=kind,
        state=MethodState.ACTIVE,
        label=f"{prefix}-{rng.randrange(10**8):08d}",
        activated_at=now - timedelta(days=rng.randrange(20, 2000)),
        last_used_at=now - timedelta(days=rng.randrange(1, 90)),
    )


def ensure_demo_days(db: Database, *, today: date, seed: int = 2026) -> int:
    """On a later start of a demo database, book the coming days too, so Today is never empty.

    Deterministic for the seed and the day; a real centre's database (no demo marker) is never touched.
    Returns how many days were added.
    """
    if not is_demo(db):
        return 0
    with db.unit_of_work() as uow:
        session = uow.session
        centre = session.scalars(select(Centre).order_by(Centre.id)).first()
        if centre is None:
            return 0
        start = datetime.combine(today, time.min, ZONE).astimezone(UTC)
        booked = {
            a.astimezone(ZONE).date()
            for a in session.scalars(select(Appointment.starts_at).where(Appointment.starts_at >= start))
        }
        days = [today + timedelta(days=n) for n in range(5) if today + timedelta(days=n) not in booked]
        if not days:
            return 0
        counters = list(session.scalars(select(Counter).where(Counter.centre_id == centre.id).order_by(Counter.id)))
        services = {s.id: s for s in session.scalars(select(Service))}
        serves: dict[int, list[Service]] = {c.id: [] for c in counters}
        for link in session.scalars(select(CounterService).order_by(CounterService.service_id)):
            if link.counter_id in serves:
                serves[link.counter_id].append(services[link.service_id])
        people = list(session.scalars(select(Citizen.id).order_by(Citizen.id)))
        codes = set(session.scalars(select(Appointment.booking_code)))
        rng = random.Random(seed * 100_000 + today.toordinal())
        _appointments(session, rng, centre, counters, serves, people, days, today, codes)
        uow.commit()
        return len(days)


def _appointments(
    session: Session,
    rng: random.Random,
    centre: Centre,
    counters: list[Counter],
    serves: dict[int, list[Service]],
    people: list[int],
    days: list[date],
    today: date,
    codes: set[str] | None = None,
) -> None:
    closed = holidays.country_holidays("DK", years=range(today.year - 1, today.year + 2))
    codes = set() if codes is None else codes
    for day in days:
        offset = (day - today).days
        # Today always gets appointments, even on a closed day, so the demo never opens on an empty list.
        if offset != 0 and (day.weekday() >= 5 or day in closed):
            continue
        closing = LONG_THURSDAY if day.weekday() == 3 else OPENING[1]
        for counter in counters:
            slot = datetime.combine(day, OPENING[0], ZONE)
            end_of_day = datetime.combine(day, closing, ZONE)
            while True:
                offered = serves[counter.id]
                service = rng.choices(offered, weights=[WEIGHTS.get(s.code, 1) for s in offered])[0]
                ends = slot + timedelta(minutes=service.minutes)
                if ends > end_of_day:
                    break
                if rng.random() < 0.7:
                    status = AppointmentStatus.BOOKED
                    if offset < 0:
                        status = rng.choices(
                            [AppointmentStatus.DONE, AppointmentStatus.NO_SHOW, AppointmentStatus.CANCELLED],
                            weights=[85, 10, 5],
                        )[0]
                    session.add(
                        Appointment(
                            centre_id=centre.id,
                            counter_id=counter.id,
                            service_id=service.id,
                            citizen_id=rng.choice(people),
                            booking_code=_booking_code(rng, codes),
                            starts_at=slot.astimezone(UTC),
                            ends_at=ends.astimezone(UTC),
                            status=status,
                            checked_in_at=None,
                        )
                    )
                slot = ends + timedelta(minutes=rng.choice([0, 0, 5, 10]))


_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to read aloud at the counter


def _booking_code(rng: random.Random, used: set[str]) -> str:
    while True:
        code = "".join(rng.choice(_CODE_ALPHABET) for _ in range(6))
        if code not in used:
            used.add(code)
            return code
