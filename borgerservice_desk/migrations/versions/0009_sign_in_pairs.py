"""Sign-in locks per user name and desk, without the text of names no clerk has

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Only sign_in_lock changes (audit_entry, with its triggers from 0008, is not touched).
    with op.batch_alter_table("sign_in_lock", schema=None) as batch_op:
        batch_op.add_column(sa.Column("username", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("desk", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("locked_tries", sa.Integer(), nullable=False, server_default="0"))
        batch_op.create_index(batch_op.f("ix_sign_in_lock_username"), ["username"], unique=False)
    with op.batch_alter_table("sign_in_lock", schema=None) as batch_op:
        batch_op.alter_column("locked_tries", server_default=None)
    # A "user" row of a name no clerk has holds whatever was typed (perhaps a password): gone. A clerk's
    # row goes on as the count over all desks; a desk row names its desk.
    op.execute("DELETE FROM sign_in_lock WHERE scope = 'user' AND name NOT IN (SELECT username FROM clerk)")
    op.execute("UPDATE sign_in_lock SET username = name WHERE scope = 'user'")
    op.execute("UPDATE sign_in_lock SET desk = name WHERE scope = 'desk'")


def downgrade() -> None:
    # The per-desk counts of a name have no place in 0008's table.
    op.execute("DELETE FROM sign_in_lock WHERE scope NOT IN ('user', 'desk')")
    with op.batch_alter_table("sign_in_lock", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sign_in_lock_username"))
        batch_op.drop_column("locked_tries")
        batch_op.drop_column("desk")
        batch_op.drop_column("username")
