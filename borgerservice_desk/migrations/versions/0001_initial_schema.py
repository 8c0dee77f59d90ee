"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('centre',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_centre'))
    )
    op.create_table('citizen',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cpr', sa.String(length=10), nullable=True),
    sa.Column('given_names', sa.String(length=120), nullable=False),
    sa.Column('surname', sa.String(length=120), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('sex', sa.String(length=1), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_citizen')),
    sa.UniqueConstraint('cpr', name=op.f('uq_citizen_cpr'))
    )
    with op.batch_alter_table('citizen', schema=None) as batch_op:
        batch_op.create_index('ix_citizen_name_birth', ['surname', 'birth_date'], unique=False)

    op.create_table('service',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name_da', sa.String(length=80), nullable=False),
    sa.Column('name_en', sa.String(length=80), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service')),
    sa.UniqueConstraint('code', name=op.f('uq_service_code'))
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('clerk',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('centre_id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=60), nullable=False),
    sa.Column('full_name', sa.String(length=120), nullable=False),
    sa.Column('role', sa.Enum('clerk', 'supervisor', name='role', native_enum=False, length=32), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['centre_id'], ['centre.id'], name=op.f('fk_clerk_centre_id_centre')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clerk')),
    sa.UniqueConstraint('username', name=op.f('uq_clerk_username'))
    )
    op.create_table('counter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('centre_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['centre_id'], ['centre.id'], name=op.f('fk_counter_centre_id_centre')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_counter')),
    sa.UniqueConstraint('centre_id', 'name', name=op.f('uq_counter_centre_id'))
    )
    op.create_table('mitid_identity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('citizen_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=40), nullable=False),
    sa.Column('state', sa.Enum('active', 'blocked', name='identitystate', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], name=op.f('fk_mitid_identity_citizen_id_citizen')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mitid_identity')),
    sa.UniqueConstraint('citizen_id', name=op.f('uq_mitid_identity_citizen_id')),
    sa.UniqueConstraint('user_id', name=op.f('uq_mitid_identity_user_id'))
    )
    op.create_table('appointment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('centre_id', sa.Integer(), nullable=False),
    sa.Column('counter_id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('citizen_id', sa.Integer(), nullable=False),
    sa.Column('booking_code', sa.String(length=12), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.Enum('booked', 'checked_in', 'done', 'no_show', 'cancelled', name='appointmentstatus', native_enum=False, length=32), nullable=False),
    sa.Column('checked_in_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['centre_id'], ['centre.id'], name=op.f('fk_appointment_centre_id_centre')),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], name=op.f('fk_appointment_citizen_id_citizen')),
    sa.ForeignKeyConstraint(['counter_id'], ['counter.id'], name=op.f('fk_appointment_counter_id_counter')),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_appointment_service_id_service')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointment')),
    sa.UniqueConstraint('booking_code', name=op.f('uq_appointment_booking_code'))
    )
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.create_index('ix_appointment_centre_start', ['centre_id', 'starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_appointment_citizen_id'), ['citizen_id'], unique=False)

    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('clerk_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('citizen_id', sa.Integer(), nullable=True),
    sa.Column('purpose', sa.String(length=200), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], name=op.f('fk_audit_entry_citizen_id_citizen')),
    sa.ForeignKeyConstraint(['clerk_id'], ['clerk.id'], name=op.f('fk_audit_entry_clerk_id_clerk')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entry_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entry_citizen_id'), ['citizen_id'], unique=False)

    op.create_table('mitid_method',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('identity_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('app', 'code_display', 'code_reader', 'chip', name='methodkind', native_enum=False, length=32), nullable=False),
    sa.Column('state', sa.Enum('active', 'blocked_temporary', 'blocked_permanent', 'inactive', name='methodstate', native_enum=False, length=32), nullable=False),
    sa.Column('label', sa.String(length=120), nullable=False),
    sa.Column('activated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('blocked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('block_reason', sa.Enum('lost', 'stolen', 'misuse', 'replaced', 'wrong_tries', name='blockreason', native_enum=False, length=32), nullable=True),
    sa.Column('block_channel', sa.Enum('app', 'mitid_dk_without_login', 'mitid_dk_after_login', 'mitid_support', 'borgerservice', name='channel', native_enum=False, length=32), nullable=True),
    sa.ForeignKeyConstraint(['identity_id'], ['mitid_identity.id'], name=op.f('fk_mitid_method_identity_id_mitid_identity')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mitid_method'))
    )
    with op.batch_alter_table('mitid_method', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mitid_method_identity_id'), ['identity_id'], unique=False)

    op.create_table('visit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('citizen_id', sa.Integer(), nullable=False),
    sa.Column('appointment_id', sa.Integer(), nullable=True),
    sa.Column('clerk_id', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], name=op.f('fk_visit_appointment_id_appointment')),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], name=op.f('fk_visit_citizen_id_citizen')),
    sa.ForeignKeyConstraint(['clerk_id'], ['clerk.id'], name=op.f('fk_visit_clerk_id_clerk')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit')),
    sa.UniqueConstraint('appointment_id', name=op.f('uq_visit_appointment_id'))
    )
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_citizen_id'), ['citizen_id'], unique=False)

    op.create_table('identity_check',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('clerk_id', sa.Integer(), nullable=False),
    sa.Column('checked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('method', sa.Enum('scan', 'reader', 'typed', name='checkmethod', native_enum=False, length=32), nullable=False),
    sa.Column('document_kind', sa.String(length=32), nullable=False),
    sa.Column('issuing_country', sa.String(length=3), nullable=False),
    sa.Column('number_last4', sa.String(length=4), nullable=False),
    sa.Column('expiry_date', sa.Date(), nullable=True),
    sa.Column('passed', sa.Boolean(), nullable=False),
    sa.Column('failures', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['clerk_id'], ['clerk.id'], name=op.f('fk_identity_check_clerk_id_clerk')),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_identity_check_visit_id_visit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_identity_check'))
    )
    with op.batch_alter_table('identity_check', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_identity_check_visit_id'), ['visit_id'], unique=False)

    op.create_table('mitid_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('identity_id', sa.Integer(), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=True),
    sa.Column('identity_check_id', sa.Integer(), nullable=True),
    sa.Column('clerk_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('block_app', 'block_all_apps', 'block_mitid', 'reopen_method', 'lift_mitid_block', name='actionkind', native_enum=False, length=32), nullable=False),
    sa.Column('reason', sa.Enum('lost', 'stolen', 'misuse', 'replaced', 'wrong_tries', name='blockreason', native_enum=False, length=32), nullable=True),
    sa.Column('channel', sa.Enum('app', 'mitid_dk_without_login', 'mitid_dk_after_login', 'mitid_support', 'borgerservice', name='channel', native_enum=False, length=32), nullable=False),
    sa.Column('method_ids', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['clerk_id'], ['clerk.id'], name=op.f('fk_mitid_action_clerk_id_clerk')),
    sa.ForeignKeyConstraint(['identity_check_id'], ['identity_check.id'], name=op.f('fk_mitid_action_identity_check_id_identity_check')),
    sa.ForeignKeyConstraint(['identity_id'], ['mitid_identity.id'], name=op.f('fk_mitid_action_identity_id_mitid_identity')),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_mitid_action_visit_id_visit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mitid_action'))
    )
    with op.batch_alter_table('mitid_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mitid_action_identity_id'), ['identity_id'], unique=False)

    op.create_table('receipt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=40), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('file_name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['mitid_action.id'], name=op.f('fk_receipt_action_id_mitid_action')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_receipt')),
    sa.UniqueConstraint('action_id', name=op.f('uq_receipt_action_id')),
    sa.UniqueConstraint('reference', name=op.f('uq_receipt_reference'))
    )



def downgrade() -> None:

    op.drop_table('receipt')
    with op.batch_alter_table('mitid_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mitid_action_identity_id'))

    op.drop_table('mitid_action')
    with op.batch_alter_table('identity_check', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_identity_check_visit_id'))

    op.drop_table('identity_check')
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_citizen_id'))

    op.drop_table('visit')
    with op.batch_alter_table('mitid_method', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mitid_method_identity_id'))

    op.drop_table('mitid_method')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_citizen_id'))
        batch_op.drop_index(batch_op.f('ix_audit_entry_at'))

    op.drop_table('audit_entry')
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appointment_citizen_id'))
        batch_op.drop_index('ix_appointment_centre_start')

    op.drop_table('appointment')
    op.drop_table('mitid_identity')
    op.drop_table('counter')
    op.drop_table('clerk')
    op.drop_table('setting')
    op.drop_table('service')
    with op.batch_alter_table('citizen', schema=None) as batch_op:
        batch_op.drop_index('ix_citizen_name_birth')

    op.drop_table('citizen')
    op.drop_table('centre')

