"""An appointment counts its revisions: each move (and a cancellation) raises it, and the confirmation's
calendar file carries it as SEQUENCE

Existing appointments start at 0, as a new booking does. The column keeps its server default: SQLite
adds a NOT NULL column in place only with one, and dropping the default afterwards would need a batch
copy of `appointment`, which drops its overlap triggers (0004).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Not batch_alter_table: a plain ALTER TABLE ... ADD COLUMN on both databases, no copy of the table.
    op.add_column("appointment", sa.Column("revision", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35 and later): again no copy, so the triggers stay.
    op.drop_column("appointment", "revision")
