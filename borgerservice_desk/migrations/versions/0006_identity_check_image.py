"""The scanned image of a checked document, kept only when the centre turns that on

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "identity_check_image",
        sa.Column("check_id", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["check_id"], ["identity_check.id"], name=op.f("fk_identity_check_image_check_id_identity_check")
        ),
        sa.PrimaryKeyConstraint("check_id", name=op.f("pk_identity_check_image")),
    )


def downgrade() -> None:
    op.drop_table("identity_check_image")
