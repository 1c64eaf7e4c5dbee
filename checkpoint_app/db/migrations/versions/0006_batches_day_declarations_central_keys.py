"""batches for the district office: the ledger, day declarations, the office's keys

Issue 9: a station exports its records in signed, encrypted batches (docs/batch-format.md).
`batch` is the ledger (one row per batch written and verified; the watermarks the next
batch starts from), `day_declaration` the days declared to the office (日报 / 零报告,
revised when a declared day changes), `central_key` the office's and the escrow's public
keys a supervisor imported.

Shifts and seven-ones checks now get change records (record_type "shift" and
"seven_ones"), so a batch carries them; the existing ones are given theirs here, in id
order (after the passages' own), so the first batch carries every shift and check.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('uuid', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('change_from', sa.Integer(), nullable=False),
    sa.Column('change_to', sa.Integer(), nullable=False),
    sa.Column('audit_from', sa.Integer(), nullable=False),
    sa.Column('audit_to', sa.Integer(), nullable=False),
    sa.Column('first_day', sa.Date(), nullable=False),
    sa.Column('last_day', sa.Date(), nullable=False),
    sa.Column('counts', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('file_name', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('verified_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('last_target', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('acknowledged_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('ack_file', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('number'),
    sa.UniqueConstraint('uuid')
    )
    op.create_table('day_declaration',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('batch_number', sa.Integer(), nullable=False),
    sa.Column('closed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('closed_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('zero_report', sa.Boolean(), nullable=False),
    sa.Column('figures', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('day', 'revision', name='uq_day_declaration_day_revision')
    )
    op.create_table('central_key',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('age_recipient', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('signing_public', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('fingerprint', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('imported_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('imported_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('role')
    )
    # the shifts and checks registered before: a change record each, at their own time
    op.execute("INSERT INTO change_record (at, record_type, record_uuid, kind, operator_id) "
               "SELECT started_at, 'shift', CAST(id AS TEXT), 'upsert', started_by FROM shift ORDER BY id")
    op.execute("INSERT INTO change_record (at, record_type, record_uuid, kind, operator_id) "
               "SELECT checked_at, 'seven_ones', CAST(id AS TEXT), 'create', operator_id FROM seven_ones_check "
               "ORDER BY id")


def downgrade() -> None:
    op.execute("DELETE FROM change_record WHERE record_type IN ('shift', 'seven_ones')")
    op.drop_table('central_key')
    op.drop_table('day_declaration')
    op.drop_table('batch')
