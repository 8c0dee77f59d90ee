"""Identity assurance and getting a working method again (issue 14): the documents shown in a visit, the
register facts control questions are drawn from, the rounds of questions, witnessings, activation codes
(as hashes) and the centre's device stock

Only new tables: nothing existing is copied, so audit_entry's triggers (0008) are untouched. The database
keeps what it can of the rules itself: a document counts exactly when it has no refusal, a CPR number
"matches" only where one was shown, nobody witnesses for themselves, a code expires after it was issued
and is used or superseded but not both, a device in stock belongs to nobody and a handed-out one to a
method. The witness limit (3 people in 120 days) needs a count: the service keeps it under a row lock.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('register_facts',
    sa.Column('citizen_id', sa.Integer(), nullable=False),
    sa.Column('former_addresses', sa.JSON(), nullable=False),
    sa.Column('mother_first_name', sa.String(length=120), nullable=True),
    sa.Column('father_first_name', sa.String(length=120), nullable=True),
    sa.Column('place_of_birth', sa.String(length=120), nullable=True),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], name=op.f('fk_register_facts_citizen_id_citizen')),
    sa.PrimaryKeyConstraint('citizen_id', name=op.f('pk_register_facts'))
    )
    op.create_table('device_stock',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('centre_id', sa.Integer(), nullable=False),
    sa.Column('serial', sa.String(length=20), nullable=False),
    sa.Column('kind', sa.Enum('app', 'code_display', 'code_reader', 'chip', name='methodkind', native_enum=False, length=32), nullable=False),
    sa.Column('state', sa.Enum('in_stock', 'handed_out', 'withdrawn', name='stockstate', native_enum=False, length=32), nullable=False),
    sa.Column('method_id', sa.Integer(), nullable=True),
    sa.Column('handed_out_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("kind IN ('code_display', 'code_reader', 'chip')", name=op.f('ck_device_stock_device_kind')),
    sa.CheckConstraint("state <> 'handed_out' OR method_id IS NOT NULL", name=op.f('ck_device_stock_handed_out_bound')),
    sa.CheckConstraint("state <> 'in_stock' OR method_id IS NULL", name=op.f('ck_device_stock_in_stock_unbound')),
    sa.CheckConstraint("state IN ('in_stock', 'handed_out', 'withdrawn')", name=op.f('ck_device_stock_stock_state')),
    sa.ForeignKeyConstraint(['centre_id'], ['centre.id'], name=op.f('fk_device_stock_centre_id_centre')),
    sa.ForeignKeyConstraint(['method_id'], ['mitid_method.id'], name=op.f('fk_device_stock_method_id_mitid_method')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_device_stock')),
    sa.UniqueConstraint('method_id', name=op.f('uq_device_stock_method_id')),
    sa.UniqueConstraint('serial', name=op.f('uq_device_stock_serial'))
    )
    with op.batch_alter_table('device_stock', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_device_stock_centre_id'), ['centre_id'], unique=False)

    op.create_table('activation_code',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('identity_id', sa.Integer(), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('clerk_id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=200), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('superseded_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('expires_at > issued_at', name=op.f('ck_activation_code_expires_after_issue')),
    sa.CheckConstraint('used_at IS NULL OR superseded_at IS NULL', name=op.f('ck_activation_code_used_or_superseded')),
    sa.ForeignKeyConstraint(['clerk_id'], ['clerk.id'], name=op.f('fk_activation_code_clerk_id_clerk')),
    sa.ForeignKeyConstraint(['identity_id'], ['mitid_identity.id'], name=op.f('fk_activation_code_identity_id_mitid_identity')),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_activation_code_visit_id_visit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activation_code'))
    )
    with op.batch_alter_table('activation_code', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activation_code_identity_id'), ['identity_id'], unique=False)

    op.create_table('question_round',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('clerk_id', sa.Integer(), nullable=False),
    sa.Column('kinds', sa.JSON(), nullable=False),
    sa.Column('asked', sa.Integer(), nullable=False),
    sa.Column('required', sa.Integer(), nullable=False),
    sa.Column('drawn_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('right_count', sa.Integer(), nullable=True),
    sa.Column('passed', sa.Boolean(), nullable=True),
    sa.Column('marked_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('(marked_at IS NULL AND right_count IS NULL AND passed IS NULL) OR (marked_at IS NOT NULL AND right_count IS NOT NULL AND passed IS NOT NULL)', name=op.f('ck_question_round_marked_whole')),
    sa.CheckConstraint('required >= 1 AND required <= asked', name=op.f('ck_question_round_required_of_asked')),
    sa.CheckConstraint('right_count IS NULL OR (right_count >= 0 AND right_count <= asked)', name=op.f('ck_question_round_right_of_asked')),
    sa.ForeignKeyConstraint(['clerk_id'], ['clerk.id'], name=op.f('fk_question_round_clerk_id_clerk')),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_question_round_visit_id_visit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_round'))
    )
    with op.batch_alter_table('question_round', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_round_visit_id'), ['visit_id'], unique=False)

    op.create_table('witnessing',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('citizen_id', sa.Integer(), nullable=False),
    sa.Column('witness_citizen_id', sa.Integer(), nullable=False),
    sa.Column('clerk_id', sa.Integer(), nullable=False),
    sa.Column('professional', sa.Boolean(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('witness_citizen_id <> citizen_id', name=op.f('ck_witnessing_not_own_witness')),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], name=op.f('fk_witnessing_citizen_id_citizen')),
    sa.ForeignKeyConstraint(['clerk_id'], ['clerk.id'], name=op.f('fk_witnessing_clerk_id_clerk')),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_witnessing_visit_id_visit')),
    sa.ForeignKeyConstraint(['witness_citizen_id'], ['citizen.id'], name=op.f('fk_witnessing_witness_citizen_id_citizen')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_witnessing')),
    sa.UniqueConstraint('visit_id', 'witness_citizen_id', name=op.f('uq_witnessing_visit_id'))
    )
    with op.batch_alter_table('witnessing', schema=None) as batch_op:
        batch_op.create_index('ix_witnessing_witness_at', ['witness_citizen_id', 'at'], unique=False)

    op.create_table('presented_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('clerk_id', sa.Integer(), nullable=False),
    sa.Column('identity_check_id', sa.Integer(), nullable=True),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('issuer', sa.String(length=3), nullable=False),
    sa.Column('number_last4', sa.String(length=4), nullable=True),
    sa.Column('cpr_shown', sa.Boolean(), nullable=False),
    sa.Column('cpr_matches', sa.Boolean(), nullable=True),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('temporary', sa.Boolean(), nullable=False),
    sa.Column('physical', sa.Boolean(), nullable=False),
    sa.Column('counted', sa.Boolean(), nullable=False),
    sa.Column('refusal', sa.String(length=32), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('(counted AND refusal IS NULL) OR (NOT counted AND refusal IS NOT NULL)', name=op.f('ck_presented_document_counted_or_refused')),
    sa.CheckConstraint('cpr_shown OR cpr_matches IS NULL', name=op.f('ck_presented_document_cpr_matches_needs_cpr')),
    sa.ForeignKeyConstraint(['clerk_id'], ['clerk.id'], name=op.f('fk_presented_document_clerk_id_clerk')),
    sa.ForeignKeyConstraint(['identity_check_id'], ['identity_check.id'], name=op.f('fk_presented_document_identity_check_id_identity_check')),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_presented_document_visit_id_visit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_presented_document')),
    sa.UniqueConstraint('identity_check_id', name=op.f('uq_presented_document_identity_check_id'))
    )
    with op.batch_alter_table('presented_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_presented_document_visit_id'), ['visit_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('presented_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_presented_document_visit_id'))

    op.drop_table('presented_document')
    with op.batch_alter_table('witnessing', schema=None) as batch_op:
        batch_op.drop_index('ix_witnessing_witness_at')

    op.drop_table('witnessing')
    with op.batch_alter_table('question_round', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_round_visit_id'))

    op.drop_table('question_round')
    with op.batch_alter_table('activation_code', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activation_code_identity_id'))

    op.drop_table('activation_code')
    with op.batch_alter_table('device_stock', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_device_stock_centre_id'))

    op.drop_table('device_stock')
    op.drop_table('register_facts')
