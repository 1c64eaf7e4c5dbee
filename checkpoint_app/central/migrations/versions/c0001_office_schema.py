"""the office database: enrolled stations, batches, the records they brought, conflicts

Revision ID: c0001
Revises:
Create Date: 2026-11-30
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = 'c0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('office_station',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('district', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('station_type', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('province_code', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('signing_public', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('key_id', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('fingerprint', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('enrolled_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('active_from', sa.Date(), nullable=False),
    sa.Column('retired_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code')
    )
    op.create_table('office_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('uuid', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('previous_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('file_name', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('imported_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('first_day', sa.Date(), nullable=False),
    sa.Column('last_day', sa.Date(), nullable=False),
    sa.Column('counts', sa.JSON(), nullable=False),
    sa.Column('format_version', sa.Integer(), nullable=False),
    sa.Column('app_version', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('schema_version', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.ForeignKeyConstraint(['station_id'], ['office_station.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('station_id', 'number', name='uq_office_batch_station_number'),
    sa.UniqueConstraint('uuid')
    )
    op.create_table('office_audit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('operator_name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('detail', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('prev_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['office_batch.id'], ),
    sa.ForeignKeyConstraint(['station_id'], ['office_station.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('station_id', 'event_id', name='uq_office_audit_station_event')
    )
    op.create_table('office_conflict',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('existing_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('incoming_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('incoming', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('found_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('resolved', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['office_batch.id'], ),
    sa.ForeignKeyConstraint(['station_id'], ['office_station.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('station_id', 'kind', 'key', 'incoming_hash', name='uq_office_conflict_incoming')
    )
    op.create_table('office_day',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('closed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('closed_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('zero_report', sa.Boolean(), nullable=False),
    sa.Column('figures', sa.JSON(), nullable=False),
    sa.Column('content_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('first_imported_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('imported_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['office_batch.id'], ),
    sa.ForeignKeyConstraint(['station_id'], ['office_station.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('station_id', 'day', name='uq_office_day_station_day')
    )
    op.create_table('office_passage',
    sa.Column('direction', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('plate', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('plate_kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('vehicle_category', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('any_fever', sa.Boolean(), nullable=False),
    sa.Column('any_key_area', sa.Boolean(), nullable=False),
    sa.Column('proposed_decision', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('decision', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('override_reason', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('leaflet', sa.Boolean(), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('exit_of', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('uuid', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('utc_offset_min', sa.Integer(), nullable=False),
    sa.Column('local_date', sa.Date(), nullable=False),
    sa.Column('operator', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=True),
    sa.Column('voided', sa.Boolean(), nullable=False),
    sa.Column('void_reason', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('voided_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('voided_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('voided_by_id', sa.Integer(), nullable=True),
    sa.Column('corrects_uuid', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('content_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['office_batch.id'], ),
    sa.ForeignKeyConstraint(['station_id'], ['office_station.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('station_id', 'uuid', name='uq_office_passage_station_uuid')
    )
    with op.batch_alter_table('office_passage', schema=None) as batch_op:
        batch_op.create_index('ix_office_passage_local_date', ['station_id', 'local_date'], unique=False)

    op.create_table('office_seven_ones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('check_id', sa.Integer(), nullable=False),
    sa.Column('shift_id', sa.Integer(), nullable=True),
    sa.Column('checked_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('operator', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('reference_temp', sa.Integer(), nullable=True),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.Column('content_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['office_batch.id'], ),
    sa.ForeignKeyConstraint(['station_id'], ['office_station.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('station_id', 'check_id', name='uq_office_seven_ones_station_check')
    )
    op.create_table('office_shift',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('shift_id', sa.Integer(), nullable=False),
    sa.Column('change', sa.Integer(), nullable=False),
    sa.Column('started_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('started_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('ended_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('ended_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('handed_to', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('handover_note', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('open_matters', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('previous_shift_id', sa.Integer(), nullable=True),
    sa.Column('members', sa.JSON(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['office_batch.id'], ),
    sa.ForeignKeyConstraint(['station_id'], ['office_station.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('station_id', 'shift_id', name='uq_office_shift_station_shift')
    )
    op.create_table('office_void',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('uuid', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('voided_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('voided_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('void_reason', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['office_batch.id'], ),
    sa.ForeignKeyConstraint(['station_id'], ['office_station.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('station_id', 'uuid', name='uq_office_void_station_uuid')
    )
    op.create_table('office_person',
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('id_type', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('id_number', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('phone_foreign', sa.Boolean(), nullable=False),
    sa.Column('destination', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('purpose', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('origin_province', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=True),
    sa.Column('origin_city', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('arrival_date', sa.Date(), nullable=True),
    sa.Column('temp1', sa.Integer(), nullable=True),
    sa.Column('temp2', sa.Integer(), nullable=True),
    sa.Column('fever', sa.Boolean(), nullable=False),
    sa.Column('symptoms', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('key_area', sa.Boolean(), nullable=False),
    sa.Column('key_area_reasons', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('resident_uuid', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('watch_uuid', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('driver', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('passage_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['passage_id'], ['office_passage.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('passage_id', 'position', name='uq_office_person_passage_position')
    )


def downgrade() -> None:
    op.drop_table('office_person')
    op.drop_table('office_void')
    op.drop_table('office_shift')
    op.drop_table('office_seven_ones')
    with op.batch_alter_table('office_passage', schema=None) as batch_op:
        batch_op.drop_index('ix_office_passage_local_date')

    op.drop_table('office_passage')
    op.drop_table('office_day')
    op.drop_table('office_conflict')
    op.drop_table('office_audit')
    op.drop_table('office_batch')
    op.drop_table('office_station')
