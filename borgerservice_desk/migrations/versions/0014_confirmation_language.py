"""An appointment keeps the language its confirmation was last written in, so that a confirmation printed
again or written anew for a move is in the citizen's language without the clerk choosing it again

Existing appointments have none (NULL): their confirmation is written in the window's language, as before.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ALTER TABLE ... ADD COLUMN on both databases (nullable, so no default is needed), no copy of the
    # table: its overlap triggers (0004) stay.
    op.add_column("appointment", sa.Column("confirmation_language", sa.String(length=2), nullable=True))


def downgrade() -> None:
    op.drop_column("appointment", "confirmation_language")
