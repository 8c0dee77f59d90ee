"""MitID methods get their users and device name; a whole-MitID block its time

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("mitid_action", schema=None) as batch_op:
        batch_op.add_column(sa.Column("note", sa.String(length=200), nullable=True))

    with op.batch_alter_table("mitid_identity", schema=None) as batch_op:
        batch_op.add_column(sa.Column("blocked_at", sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table("mitid_method", schema=None) as batch_op:
        batch_op.add_column(sa.Column("device_name", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("users", sa.JSON(), nullable=False, server_default="[]"))
    with op.batch_alter_table("mitid_method", schema=None) as batch_op:
        batch_op.alter_column("users", server_default=None)

    # Apps from before had no users recorded: the citizen who owns the MitID is the one user of each
    # app that still works, so removing that user later makes the app inactive, as the rule says.
    bind = op.get_bind()
    owners = bind.execute(
        sa.text(
            "SELECT m.id, c.given_names, c.surname FROM mitid_method m "
            "JOIN mitid_identity i ON i.id = m.identity_id JOIN citizen c ON c.id = i.citizen_id "
            "WHERE m.kind = 'app' AND m.state != 'inactive'"
        )
    ).all()
    method = sa.table("mitid_method", sa.column("id", sa.Integer), sa.column("users", sa.JSON))
    for method_id, given_names, surname in owners:
        bind.execute(
            method.update().where(method.c.id == method_id).values(users=[f"{given_names} {surname}"])
        )
    # A whole MitID blocked before this revision gets a block time, so a new identity check can be
    # told apart from one made before the block.
    identity = sa.table(
        "mitid_identity",
        sa.column("state", sa.String),
        sa.column("blocked_at", sa.DateTime(timezone=True)),
    )
    bind.execute(identity.update().where(identity.c.state == "blocked").values(blocked_at=datetime.now(UTC)))


def downgrade() -> None:
    with op.batch_alter_table("mitid_method", schema=None) as batch_op:
        batch_op.drop_column("users")
        batch_op.drop_column("device_name")

    with op.batch_alter_table("mitid_identity", schema=None) as batch_op:
        batch_op.drop_column("blocked_at")

    with op.batch_alter_table("mitid_action", schema=None) as batch_op:
        batch_op.drop_column("note")
