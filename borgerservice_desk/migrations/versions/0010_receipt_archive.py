"""Which desk's archive holds each receipt, so a desk reconciles only its own folder

On a shared PostgreSQL database every desk keeps its receipts in its own data folder; without this a
desk's start-up check took every other desk's receipts for missing files.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Receipts written before this have no archive id: no desk reports them missing.
    with op.batch_alter_table("receipt", schema=None) as batch_op:
        batch_op.add_column(sa.Column("archive_id", sa.String(length=32), nullable=True))
        batch_op.create_index(batch_op.f("ix_receipt_archive_id"), ["archive_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("receipt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_receipt_archive_id"))
        batch_op.drop_column("archive_id")
