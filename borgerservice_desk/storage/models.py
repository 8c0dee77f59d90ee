"""The database schema as SQLAlchemy 2.x typed models.

Times are stored in UTC. SQLite hands datetimes back naive, so `UtcDateTime` makes them aware on read and
refuses naive ones on write: a naive time in this program is always a bug.
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime, time
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    Time,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from borgerservice_desk.domain import text_limits as limits
from borgerservice_desk.domain.assurance.devices import StockState
from borgerservice_desk.domain.centre_time import DEFAULT_TIMEZONE
from borgerservice_desk.domain.desk import (
    AppointmentStatus,
    CheckMethod,
    Role,
    TicketKind,
    TicketStatus,
)
from borgerservice_desk.domain.mitid import (
    ActionKind,
    BlockReason,
    Channel,
    Identity,
    IdentityState,
    Method,
    MethodKind,
    MethodState,
)

# Stable constraint names, so Alembic's batch mode on SQLite and PostgreSQL agree on what to alter.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use an aware UTC time")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def _str_enum(enum_cls: type[enum.StrEnum]) -> Enum:
    # Stored as plain strings (no native PostgreSQL enum) so a new value needs no type migration.
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UtcDateTime()}


class Centre(Base):
    __tablename__ = "centre"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(limits.CENTRE_NAME_MAX))
    address: Mapped[str] = mapped_column(String(limits.ADDRESS_MAX))
    timezone: Mapped[str] = mapped_column(String(limits.TIMEZONE_MAX), default=DEFAULT_TIMEZONE)


class Counter(Base):
    __tablename__ = "counter"
    __table_args__ = (UniqueConstraint("centre_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"))
    name: Mapped[str] = mapped_column(String(limits.COUNTER_NAME_MAX))


class OpeningHours(Base):
    """When a centre is open on a weekday (Monday = 0); a weekday without a row is closed."""

    __tablename__ = "opening_hours"
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), primary_key=True)
    weekday: Mapped[int] = mapped_column(Integer, primary_key=True)
    opens: Mapped[time] = mapped_column(Time)
    closes: Mapped[time] = mapped_column(Time)


class Closure(Base):
    """A local closed day for the whole centre, or a counter's absence when `counter_id` is set.
    Danish public holidays come from the holidays package and need no rows."""

    __tablename__ = "closure"
    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), index=True)
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counter.id"))
    day: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(limits.CLOSURE_REASON_MAX), default="")


class CounterService(Base):
    """Which services a counter serves."""

    __tablename__ = "counter_service"
    counter_id: Mapped[int] = mapped_column(ForeignKey("counter.id"), primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"), primary_key=True)


class Service(Base):
    """A kind of visit with its own length (MitID, passport, driving licence, ...)."""

    __tablename__ = "service"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(limits.SERVICE_CODE_MAX), unique=True)
    name_da: Mapped[str] = mapped_column(String(limits.SERVICE_NAME_MAX))
    name_en: Mapped[str] = mapped_column(String(limits.SERVICE_NAME_MAX))
    minutes: Mapped[int] = mapped_column(Integer)


class Clerk(Base):
    __tablename__ = "clerk"
    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"))
    username: Mapped[str] = mapped_column(String(limits.USERNAME_MAX), unique=True)
    full_name: Mapped[str] = mapped_column(String(limits.FULL_NAME_MAX))
    role: Mapped[Role] = mapped_column(_str_enum(Role))
    password_hash: Mapped[str] = mapped_column(String(limits.PASSWORD_HASH_MAX))
    # A deactivated clerk cannot sign in, and a context signed in before is refused by every guarded use case.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Set when a supervisor creates the account or resets the password: a new one is chosen at sign-in.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)


class SignInLock(Base):
    """Wrong sign-in tries in a row, and until when they lock, shared by all desks through the database.

    Three scopes (services/auth.py): "pair" counts one user name at one desk (`name` is a digest of the
    two; `username` and `desk` say which), "user" one name at every desk together (a higher cap, against
    spraying one name from many desks), "desk" any names at one desk. The user name is a clerk's own name,
    or for a name no clerk has a keyed hash of it: what was typed (perhaps a password) is never stored.
    `locked_tries` counts the tries refused while locked, of which only the first is audited."""

    __tablename__ = "sign_in_lock"
    scope: Mapped[str] = mapped_column(String(8), primary_key=True)  # "pair", "user" or "desk"
    name: Mapped[str] = mapped_column(String(limits.SIGN_IN_KEY_MAX), primary_key=True)
    username: Mapped[str | None] = mapped_column(String(limits.SIGN_IN_KEY_MAX), index=True)
    desk: Mapped[str | None] = mapped_column(String(limits.DESK_NAME_MAX))
    failures: Mapped[int] = mapped_column(Integer)
    last_failure_at: Mapped[datetime]
    locked_until: Mapped[datetime | None]
    locked_tries: Mapped[int] = mapped_column(Integer, default=0)


class Citizen(Base):
    __tablename__ = "citizen"
    __table_args__ = (Index("ix_citizen_name_birth", "surname", "birth_date"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    cpr: Mapped[str | None] = mapped_column(String(10), unique=True)
    given_names: Mapped[str] = mapped_column(String(limits.NAME_MAX))
    surname: Mapped[str] = mapped_column(String(limits.NAME_MAX))
    birth_date: Mapped[date] = mapped_column(Date)
    sex: Mapped[str | None] = mapped_column(String(1))

    identity: Mapped[MitidIdentity | None] = relationship(back_populates="citizen")


class MitidIdentity(Base):
    """A citizen's MitID. `version` guards against two desks changing it at once."""

    __tablename__ = "mitid_identity"
    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), unique=True)
    user_id: Mapped[str] = mapped_column(String(limits.USER_ID_MAX), unique=True)
    state: Mapped[IdentityState] = mapped_column(_str_enum(IdentityState))
    blocked_at: Mapped[datetime | None]  # when the whole MitID was blocked; None while active
    created_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)

    citizen: Mapped[Citizen] = relationship(back_populates="identity")
    methods: Mapped[list[MitidMethod]] = relationship(
        back_populates="identity", order_by="MitidMethod.id"
    )

    # Read once when the class is mapped; SQLAlchemy types it as an instance attribute, so no ClassVar.
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    def to_domain(self) -> Identity:
        return Identity(self.state, tuple(m.to_domain() for m in self.methods), self.blocked_at)


class MitidMethod(Base):
    __tablename__ = "mitid_method"
    id: Mapped[int] = mapped_column(primary_key=True)
    identity_id: Mapped[int] = mapped_column(ForeignKey("mitid_identity.id"), index=True)
    kind: Mapped[MethodKind] = mapped_column(_str_enum(MethodKind))
    state: Mapped[MethodState] = mapped_column(_str_enum(MethodState))
    label: Mapped[str] = mapped_column(String(limits.DEVICE_LABEL_MAX))  # phone/tablet model, or serial
    device_name: Mapped[str | None] = mapped_column(String(limits.DEVICE_NAME_MAX))
    users: Mapped[list[str]] = mapped_column(JSON, default=list)  # people registered in an app
    activated_at: Mapped[datetime]
    last_used_at: Mapped[datetime | None]
    blocked_at: Mapped[datetime | None]
    block_reason: Mapped[BlockReason | None] = mapped_column(_str_enum(BlockReason))
    block_channel: Mapped[Channel | None] = mapped_column(_str_enum(Channel))

    identity: Mapped[MitidIdentity] = relationship(back_populates="methods")

    def to_domain(self) -> Method:
        return Method(
            self.id,
            self.kind,
            self.state,
            self.label,
            self.activated_at,
            self.last_used_at,
            self.device_name,
            tuple(self.users or ()),
        )


class Appointment(Base):
    __tablename__ = "appointment"
    __table_args__ = (Index("ix_appointment_centre_start", "centre_id", "starts_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"))
    counter_id: Mapped[int] = mapped_column(ForeignKey("counter.id"))
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"))
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    booking_code: Mapped[str] = mapped_column(String(limits.BOOKING_CODE_MAX), unique=True)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    status: Mapped[AppointmentStatus] = mapped_column(_str_enum(AppointmentStatus))
    checked_in_at: Mapped[datetime | None]
    # Raised by every change the citizen's calendar must follow (a move, a cancellation): the SEQUENCE of
    # the confirmation's .ics, so a calendar that holds the event takes the newer file for the newer one.
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The language the citizen's confirmation was last written in ("da", "en"; None: none written since
    # 0014): printed again, or written anew for a move, it is in the same language unless the clerk chooses.
    confirmation_language: Mapped[str | None] = mapped_column(String(2))

    citizen: Mapped[Citizen] = relationship()
    service: Mapped[Service] = relationship()
    counter: Mapped[Counter] = relationship()


class QueueTicket(Base):
    """A number on the day's queue: the now-serving screen shows numbers, never names."""

    __tablename__ = "queue_ticket"
    __table_args__ = (UniqueConstraint("centre_id", "day", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"))
    day: Mapped[date] = mapped_column(Date)
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[TicketKind] = mapped_column(_str_enum(TicketKind))
    status: Mapped[TicketStatus] = mapped_column(_str_enum(TicketStatus))
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"))
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizen.id"))
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id"), unique=True)
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counter.id"))
    created_at: Mapped[datetime]
    called_at: Mapped[datetime | None]
    called_by: Mapped[int | None] = mapped_column(ForeignKey("clerk.id"))  # the clerk who called it
    # The visit the ticket was served in (a walk-in's; a booked citizen's visit is found by appointment).
    # Unique: one ticket is served in one visit.
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id"), unique=True)


class Visit(Base):
    """A citizen at the counter, from check-in on: identity checks and actions belong to a visit."""

    __tablename__ = "visit"
    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id"), unique=True)
    clerk_id: Mapped[int] = mapped_column(ForeignKey("clerk.id"))
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]  # set when the clerk finishes; nothing more is done in it


class IdentityCheck(Base):
    """A checked document. Only the kind, country, last four characters and expiry are kept."""

    __tablename__ = "identity_check"
    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id"), index=True)
    clerk_id: Mapped[int] = mapped_column(ForeignKey("clerk.id"))
    checked_at: Mapped[datetime]
    method: Mapped[CheckMethod] = mapped_column(_str_enum(CheckMethod))
    document_kind: Mapped[str] = mapped_column(String(limits.DOCUMENT_KIND_MAX))
    issuing_country: Mapped[str] = mapped_column(String(3))
    number_last4: Mapped[str] = mapped_column(String(4))
    expiry_date: Mapped[date | None] = mapped_column(Date)
    passed: Mapped[bool] = mapped_column(Boolean)
    failures: Mapped[list[str]] = mapped_column(JSON, default=list)


class IdentityCheckImage(Base):
    """The scanned image of a checked document, kept only while the centre's setting
    `identity.keep_document_images` is on (it is off unless a supervisor turns it on)."""

    __tablename__ = "identity_check_image"
    check_id: Mapped[int] = mapped_column(ForeignKey("identity_check.id"), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(limits.MEDIA_TYPE_MAX))  # "image/png", "application/pdf", ...
    content: Mapped[bytes] = mapped_column(LargeBinary)


class MitidAction(Base):
    """One action on a MitID: the history the clerk sees on the citizen's MitID page."""

    __tablename__ = "mitid_action"
    id: Mapped[int] = mapped_column(primary_key=True)
    identity_id: Mapped[int] = mapped_column(ForeignKey("mitid_identity.id"), index=True)
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id"))
    identity_check_id: Mapped[int | None] = mapped_column(ForeignKey("identity_check.id"))
    clerk_id: Mapped[int | None] = mapped_column(ForeignKey("clerk.id"))
    kind: Mapped[ActionKind] = mapped_column(_str_enum(ActionKind))
    reason: Mapped[BlockReason | None] = mapped_column(_str_enum(BlockReason))
    channel: Mapped[Channel] = mapped_column(_str_enum(Channel))
    method_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    note: Mapped[str | None] = mapped_column(String(limits.NOTE_MAX))  # e.g. the user removed from an app
    created_at: Mapped[datetime]


class ReceiptRecord(Base):
    __tablename__ = "receipt"
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(limits.RECEIPT_REFERENCE_MAX), unique=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("mitid_action.id"), unique=True)
    language: Mapped[str] = mapped_column(String(2))
    file_name: Mapped[str] = mapped_column(String(limits.FILE_NAME_MAX))
    created_at: Mapped[datetime]
    # The archive (one desk's receipt folder) the PDF was written to; None for receipts from before.
    archive_id: Mapped[str | None] = mapped_column(String(32), index=True)


class AuditEntry(Base):
    """Who did what to whose record, and why. Every look-up and action lands here."""

    __tablename__ = "audit_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    clerk_id: Mapped[int | None] = mapped_column(ForeignKey("clerk.id"))
    action: Mapped[str] = mapped_column(String(limits.AUDIT_ACTION_MAX))
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizen.id"), index=True)
    purpose: Mapped[str | None] = mapped_column(String(limits.PURPOSE_MAX))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    outcome: Mapped[str] = mapped_column(String(limits.AUDIT_OUTCOME_MAX), default="ok")
    # The hash chain (domain/audit_chain.py), filled in at flush by storage/audit_chain.py under the lock
    # of the `audit_head` row: a gap-free sequence, the previous entry's hash and this entry's own.
    # The database refuses UPDATE and DELETE on this table (triggers, migration 0008).
    seq: Mapped[int] = mapped_column(unique=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """One row: the last entry appended to the audit trail. Locked to append, so desks take turns, and
    compared by verification, so entries removed at the end of the trail show. Never deleted."""

    __tablename__ = "audit_head"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    seq: Mapped[int]
    hash: Mapped[str] = mapped_column(String(64))


class Setting(Base):
    """Centre-wide settings shared by every desk (e.g. the demo-data marker)."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(limits.SETTING_KEY_MAX), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# Identity assurance and getting a working method again (issue 14, domain/assurance) -------------------


class PresentedDocument(Base):
    """A document the citizen showed in a visit, as the assurance rules need it (domain/assurance/documents).

    A typed document (health card, certificate, ...) has no identity check; one checked by its MRZ links to
    its `identity_check`. Only the type, issuer, last four characters, whether a CPR number was shown and
    matched, the expiry and the result are kept: never a full document number or CPR number.
    """

    __tablename__ = "presented_document"
    __table_args__ = (
        # "Matched" only means something where a CPR number was shown.
        CheckConstraint("cpr_shown OR cpr_matches IS NULL", name="cpr_matches_needs_cpr"),
        # A document counts exactly when it has no refusal.
        CheckConstraint(
            "(counted AND refusal IS NULL) OR (NOT counted AND refusal IS NOT NULL)", name="counted_or_refused"
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id"), index=True)
    clerk_id: Mapped[int] = mapped_column(ForeignKey("clerk.id"))
    identity_check_id: Mapped[int | None] = mapped_column(ForeignKey("identity_check.id"), unique=True)
    type: Mapped[str] = mapped_column(String(limits.DOCUMENT_KIND_MAX))  # assurance DocumentType value
    issuer: Mapped[str] = mapped_column(String(3))
    number_last4: Mapped[str | None] = mapped_column(String(4))
    cpr_shown: Mapped[bool] = mapped_column(Boolean)
    cpr_matches: Mapped[bool | None] = mapped_column(Boolean)
    expires_on: Mapped[date | None] = mapped_column(Date)
    temporary: Mapped[bool] = mapped_column(Boolean, default=False)
    physical: Mapped[bool] = mapped_column(Boolean, default=True)
    counted: Mapped[bool] = mapped_column(Boolean)
    refusal: Mapped[str | None] = mapped_column(String(32))
    recorded_at: Mapped[datetime]


class RegisterFacts(Base):
    """What the register knows of a citizen that control questions ask about (domain/assurance/
    control_questions). Never shown on a screen the citizen can see; answers are never stored."""

    __tablename__ = "register_facts"
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), primary_key=True)
    former_addresses: Mapped[list[list[Any]]] = mapped_column(JSON, default=list)  # [[year moved in, town]]
    mother_first_name: Mapped[str | None] = mapped_column(String(limits.NAME_MAX))
    father_first_name: Mapped[str | None] = mapped_column(String(limits.NAME_MAX))
    place_of_birth: Mapped[str | None] = mapped_column(String(limits.NAME_MAX))


class QuestionRound(Base):
    """Control questions drawn in a visit, and how the clerk marked them: which kinds were asked, how many
    were right and whether that passed. Never the questions' answers, nor the citizen's."""

    __tablename__ = "question_round"
    __table_args__ = (
        CheckConstraint("required >= 1 AND required <= asked", name="required_of_asked"),
        CheckConstraint("right_count IS NULL OR (right_count >= 0 AND right_count <= asked)", name="right_of_asked"),
        # Marked once, whole: the count, the result and the time together.
        CheckConstraint(
            "(marked_at IS NULL AND right_count IS NULL AND passed IS NULL)"
            " OR (marked_at IS NOT NULL AND right_count IS NOT NULL AND passed IS NOT NULL)",
            name="marked_whole",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id"), index=True)
    clerk_id: Mapped[int] = mapped_column(ForeignKey("clerk.id"))
    kinds: Mapped[list[str]] = mapped_column(JSON, default=list)  # QuestionKind values, in the order asked
    asked: Mapped[int] = mapped_column(Integer)
    required: Mapped[int] = mapped_column(Integer)
    drawn_at: Mapped[datetime]
    right_count: Mapped[int | None] = mapped_column(Integer)
    passed: Mapped[bool | None] = mapped_column(Boolean)
    marked_at: Mapped[datetime | None]


class Witnessing(Base):
    """A witness vouched for a citizen in a visit. The witness is a citizen with a MitID; at most 3 people
    within 120 days (domain/assurance/witness), counted under a lock on the witness's citizen row."""

    __tablename__ = "witnessing"
    __table_args__ = (
        CheckConstraint("witness_citizen_id <> citizen_id", name="not_own_witness"),
        UniqueConstraint("visit_id", "witness_citizen_id"),
        Index("ix_witnessing_witness_at", "witness_citizen_id", "at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id"))
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"))
    witness_citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"))
    clerk_id: Mapped[int] = mapped_column(ForeignKey("clerk.id"))
    professional: Mapped[bool] = mapped_column(Boolean, default=False)
    at: Mapped[datetime]


class ActivationCode(Base):
    """An activation code for a new MitID app, stored only as a salted hash with its times: never the code."""

    __tablename__ = "activation_code"
    __table_args__ = (
        CheckConstraint("expires_at > issued_at", name="expires_after_issue"),
        CheckConstraint("used_at IS NULL OR superseded_at IS NULL", name="used_or_superseded"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    identity_id: Mapped[int] = mapped_column(ForeignKey("mitid_identity.id"), index=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id"))
    clerk_id: Mapped[int] = mapped_column(ForeignKey("clerk.id"))
    code_hash: Mapped[str] = mapped_column(String(200))
    issued_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    superseded_at: Mapped[datetime | None]


class DeviceStock(Base):
    """The centre's code displays, audio code readers and chips, by serial; a handed-out one names the
    MitID method it became."""

    __tablename__ = "device_stock"
    __table_args__ = (
        CheckConstraint("kind IN ('code_display', 'code_reader', 'chip')", name="device_kind"),
        CheckConstraint("state IN ('in_stock', 'handed_out', 'withdrawn')", name="stock_state"),
        # In stock: nobody's; handed out: somebody's method.
        CheckConstraint("state <> 'in_stock' OR method_id IS NULL", name="in_stock_unbound"),
        CheckConstraint("state <> 'handed_out' OR method_id IS NOT NULL", name="handed_out_bound"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), index=True)
    serial: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[MethodKind] = mapped_column(_str_enum(MethodKind))
    state: Mapped[StockState] = mapped_column(_str_enum(StockState))
    method_id: Mapped[int | None] = mapped_column(ForeignKey("mitid_method.id"), unique=True)
    handed_out_at: Mapped[datetime | None]
