"""Booking: opening hours, closures, the services each counter serves, and no double booking

The database itself refuses two live bookings on one counter at overlapping times, so no race between
desks can get past it: an exclusion constraint on PostgreSQL, triggers on SQLite. A later SQLite
batch_alter_table on `appointment` copies the table and drops its triggers: re-create them there.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

OVERLAP = (
    "SELECT RAISE(ABORT, 'appointment_overlap') WHERE EXISTS ("
    " SELECT 1 FROM appointment a WHERE a.counter_id = NEW.counter_id AND a.status != 'cancelled'"
    " AND a.starts_at < NEW.ends_at AND NEW.starts_at < a.ends_at{extra});"
)


def upgrade() -> None:
    op.create_table(
        "opening_hours",
        sa.Column("centre_id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("opens", sa.Time(), nullable=False),
        sa.Column("closes", sa.Time(), nullable=False),
        sa.ForeignKeyConstraint(["centre_id"], ["centre.id"], name=op.f("fk_opening_hours_centre_id_centre")),
        sa.PrimaryKeyConstraint("centre_id", "weekday", name=op.f("pk_opening_hours")),
    )
    op.create_table(
        "closure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("centre_id", sa.Integer(), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(["centre_id"], ["centre.id"], name=op.f("fk_closure_centre_id_centre")),
        sa.ForeignKeyConstraint(["counter_id"], ["counter.id"], name=op.f("fk_closure_counter_id_counter")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_closure")),
    )
    with op.batch_alter_table("closure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_closure_centre_id"), ["centre_id"], unique=False)
    op.create_table(
        "counter_service",
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["counter_id"], ["counter.id"], name=op.f("fk_counter_service_counter_id_counter")),
        sa.ForeignKeyConstraint(["service_id"], ["service.id"], name=op.f("fk_counter_service_service_id_service")),
        sa.PrimaryKeyConstraint("counter_id", "service_id", name=op.f("pk_counter_service")),
    )
    # Until now every counter served every service: keep it so.
    op.execute("INSERT INTO counter_service (counter_id, service_id) SELECT c.id, s.id FROM counter c, service s")

    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        op.execute(
            "ALTER TABLE appointment ADD CONSTRAINT appointment_no_overlap EXCLUDE USING gist "
            "(counter_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (status != 'cancelled')"
        )
    else:
        op.execute(
            "CREATE TRIGGER appointment_no_overlap_insert BEFORE INSERT ON appointment "
            "WHEN NEW.status != 'cancelled' BEGIN " + OVERLAP.format(extra="") + " END"
        )
        op.execute(
            "CREATE TRIGGER appointment_no_overlap_update BEFORE UPDATE OF counter_id, starts_at, ends_at, status "
            "ON appointment WHEN NEW.status != 'cancelled' BEGIN " + OVERLAP.format(extra=" AND a.id != NEW.id") + " END"
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("ALTER TABLE appointment DROP CONSTRAINT appointment_no_overlap")
    else:
        op.execute("DROP TRIGGER appointment_no_overlap_insert")
        op.execute("DROP TRIGGER appointment_no_overlap_update")
    op.drop_table("counter_service")
    with op.batch_alter_table("closure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_closure_centre_id"))
    op.drop_table("closure")
    op.drop_table("opening_hours")
