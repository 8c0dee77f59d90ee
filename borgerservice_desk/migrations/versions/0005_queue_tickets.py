"""queue tickets

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('queue_ticket',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('centre_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('appointment', 'walk_in', name='ticketkind', native_enum=False, length=32), nullable=False),
    sa.Column('status', sa.Enum('waiting', 'called', 'done', 'no_show', name='ticketstatus', native_enum=False, length=32), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('citizen_id', sa.Integer(), nullable=True),
    sa.Column('appointment_id', sa.Integer(), nullable=True),
    sa.Column('counter_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('called_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], name=op.f('fk_queue_ticket_appointment_id_appointment')),
    sa.ForeignKeyConstraint(['centre_id'], ['centre.id'], name=op.f('fk_queue_ticket_centre_id_centre')),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], name=op.f('fk_queue_ticket_citizen_id_citizen')),
    sa.ForeignKeyConstraint(['counter_id'], ['counter.id'], name=op.f('fk_queue_ticket_counter_id_counter')),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_queue_ticket_service_id_service')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_queue_ticket')),
    sa.UniqueConstraint('appointment_id', name=op.f('uq_queue_ticket_appointment_id')),
    sa.UniqueConstraint('centre_id', 'day', 'number', name=op.f('uq_queue_ticket_centre_id'))
    )



def downgrade() -> None:

    op.drop_table('queue_ticket')

