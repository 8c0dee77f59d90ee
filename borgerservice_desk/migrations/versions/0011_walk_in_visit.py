"""A walk-in ticket leads to a visit: the ticket names the visit it was served in, and the clerk who called it

Before this only a ticket with an appointment led to a visit (through the appointment); a walk-in was
called and never served. `visit_id` is unique: one ticket is served in one visit, and statistics find
the wait (created_at to called_at) of the visit's ticket. `called_by` is the clerk who called the ticket,
the only one who may serve it.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # queue_ticket is referenced by no other table, so SQLite's batch copy of it is safe (audit_entry,
    # with its triggers from 0008, is not touched).
    with op.batch_alter_table("queue_ticket", schema=None) as batch_op:
        batch_op.add_column(sa.Column("visit_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("called_by", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_queue_ticket_visit_id_visit"), "visit", ["visit_id"], ["id"])
        batch_op.create_foreign_key(batch_op.f("fk_queue_ticket_called_by_clerk"), "clerk", ["called_by"], ["id"])
        batch_op.create_unique_constraint(batch_op.f("uq_queue_ticket_visit_id"), ["visit_id"])


def downgrade() -> None:
    with op.batch_alter_table("queue_ticket", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_queue_ticket_visit_id"), type_="unique")
        batch_op.drop_constraint(batch_op.f("fk_queue_ticket_called_by_clerk"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_queue_ticket_visit_id_visit"), type_="foreignkey")
        batch_op.drop_column("called_by")
        batch_op.drop_column("visit_id")
