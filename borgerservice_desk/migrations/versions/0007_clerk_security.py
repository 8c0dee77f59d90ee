"""Clerk sign-in safety: lock-out, active state, must-change password

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing clerks stay active and keep their passwords; the server defaults fill the rows, then go, as
    # the models set the values themselves.
    with op.batch_alter_table("clerk", schema=None) as batch_op:
        batch_op.add_column(sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(
            sa.Column("must_change_password", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("clerk", schema=None) as batch_op:
        batch_op.alter_column("active", server_default=None)
        batch_op.alter_column("must_change_password", server_default=None)
    op.create_table(
        "sign_in_lock",
        sa.Column("scope", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("scope", "name", name=op.f("pk_sign_in_lock")),
    )


def downgrade() -> None:
    op.drop_table("sign_in_lock")
    with op.batch_alter_table("clerk", schema=None) as batch_op:
        batch_op.drop_column("must_change_password")
        batch_op.drop_column("active")
