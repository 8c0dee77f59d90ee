"""An audit trail nobody can edit silently: hash chain and refusal of UPDATE/DELETE

The entries already there are chained in id order, so an upgraded database verifies intact. Then the
database refuses UPDATE and DELETE on `audit_entry` (and DELETE of the head row, and moving the head
back): triggers on both SQLite and PostgreSQL, where the program connects as the tables' owner, so
grants could not hold it back. Whoever can drop a trigger can still tamper; `verify-audit` shows it.

A later migration that rebuilds `audit_entry` with batch mode on SQLite (copy and rename) loses the
triggers and must create them again (`_create_triggers`).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

from borgerservice_desk.domain.audit_chain import GENESIS, EntryContent, entry_hash
from borgerservice_desk.storage.models import UtcDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_SQLITE_TRIGGERS = {
    "audit_entry_no_update": "BEFORE UPDATE ON audit_entry",
    "audit_entry_no_delete": "BEFORE DELETE ON audit_entry",
    "audit_head_no_delete": "BEFORE DELETE ON audit_head",
    "audit_head_forward_only": "BEFORE UPDATE ON audit_head WHEN NEW.seq <= OLD.seq OR NEW.id <> OLD.id",
}
_POSTGRES_TRIGGERS = {
    "audit_entry_append_only": "BEFORE UPDATE OR DELETE ON audit_entry FOR EACH ROW",
    "audit_entry_no_truncate": "BEFORE TRUNCATE ON audit_entry FOR EACH STATEMENT",
    "audit_head_no_delete": "BEFORE DELETE ON audit_head FOR EACH ROW",
    "audit_head_no_truncate": "BEFORE TRUNCATE ON audit_head FOR EACH STATEMENT",
    "audit_head_forward_only": "BEFORE UPDATE ON audit_head FOR EACH ROW "
    "WHEN (NEW.seq <= OLD.seq OR NEW.id <> OLD.id)",
}


def upgrade() -> None:
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_audit_head_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("entry_hash", sa.String(length=64), nullable=True))

    seq, prev = _chain_existing_entries()
    op.execute(sa.text("INSERT INTO audit_head (id, seq, hash) VALUES (1, :seq, :hash)").bindparams(seq=seq, hash=prev))

    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.alter_column("seq", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column("entry_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_audit_entry_seq"), ["seq"])
    _create_triggers()


def _chain_existing_entries() -> tuple[int, str]:
    """Give the entries already stored their place and hashes, oldest (lowest id) first."""
    entries = sa.table(
        "audit_entry",
        sa.column("id", sa.Integer()),
        sa.column("at", UtcDateTime()),
        sa.column("clerk_id", sa.Integer()),
        sa.column("action", sa.String()),
        sa.column("citizen_id", sa.Integer()),
        sa.column("purpose", sa.String()),
        sa.column("detail", sa.JSON()),
        sa.column("outcome", sa.String()),
        sa.column("seq", sa.Integer()),
        sa.column("prev_hash", sa.String()),
        sa.column("entry_hash", sa.String()),
    )
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(
            entries.c.id, entries.c.at, entries.c.clerk_id, entries.c.action, entries.c.citizen_id,
            entries.c.purpose, entries.c.detail, entries.c.outcome,
        ).order_by(entries.c.id)
    ).all()
    seq, prev = 0, GENESIS
    changes = []
    for row in rows:
        seq += 1
        content = EntryContent(
            seq=seq, at=row.at, clerk_id=row.clerk_id, action=row.action, citizen_id=row.citizen_id,
            purpose=row.purpose, detail=row.detail or {}, outcome=row.outcome or "ok",
        )
        digest = entry_hash(prev, content)
        changes.append({"row_id": row.id, "seq": seq, "prev_hash": prev, "entry_hash": digest})
        prev = digest
    if changes:
        connection.execute(
            entries.update()
            .where(entries.c.id == sa.bindparam("row_id"))
            .values(seq=sa.bindparam("seq"), prev_hash=sa.bindparam("prev_hash"),
                    entry_hash=sa.bindparam("entry_hash")),
            changes,
        )
    return seq, prev


def _create_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name, when in _SQLITE_TRIGGERS.items():
            op.execute(
                f"CREATE TRIGGER {name} {when} "
                f"BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only ({name})'); END"
            )
        return
    op.execute(
        """
        CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the audit trail is append-only (% on % refused)', TG_OP, TG_TABLE_NAME
                USING ERRCODE = 'restrict_violation';
        END
        $$
        """
    )
    for name, when in _POSTGRES_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {when} EXECUTE FUNCTION audit_refuse_change()")


def _drop_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in _SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        return
    for name, when in _POSTGRES_TRIGGERS.items():
        table = when.split(" ON ")[1].split()[0]
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    op.execute("DROP FUNCTION IF EXISTS audit_refuse_change()")


def downgrade() -> None:
    _drop_triggers()
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_audit_entry_seq"), type_="unique")
        batch_op.drop_column("entry_hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("seq")
    op.drop_table("audit_head")
