"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-29
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('setting',
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('value', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('station',
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('station_type', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('district', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('province_code', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('next_seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code')
    )
    op.create_table('entry',
    sa.Column('direction', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
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
    sa.Column('proposed_decision', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('decision', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('override_reason', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('leaflet', sa.Boolean(), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('utc_offset_min', sa.Integer(), nullable=False),
    sa.Column('local_date', sa.Date(), nullable=False),
    sa.Column('operator', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('voided', sa.Boolean(), nullable=False),
    sa.Column('void_reason', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('voided_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('voided_by', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('corrects_uuid', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.ForeignKeyConstraint(['station_id'], ['station.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('station_id', 'seq', name='uq_entry_station_seq'),
    sa.UniqueConstraint('uuid')
    )
    with op.batch_alter_table('entry', schema=None) as batch_op:
        batch_op.create_index('ix_entry_id_number', ['id_number'], unique=False)
        batch_op.create_index('ix_entry_local_date', ['local_date'], unique=False)
        batch_op.create_index('ix_entry_phone', ['phone'], unique=False)

    op.create_table('entry_name_gram',
    sa.Column('gram', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['entry.id'], ),
    sa.PrimaryKeyConstraint('gram', 'entry_id'),
    sqlite_with_rowid=False
    )


def downgrade() -> None:
    op.drop_table('entry_name_gram')
    with op.batch_alter_table('entry', schema=None) as batch_op:
        batch_op.drop_index('ix_entry_phone')
        batch_op.drop_index('ix_entry_local_date')
        batch_op.drop_index('ix_entry_id_number')

    op.drop_table('entry')
    op.drop_table('station')
    op.drop_table('setting')
