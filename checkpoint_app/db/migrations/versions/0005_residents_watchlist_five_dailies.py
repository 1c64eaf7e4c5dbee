"""residents, the watchlist and the five dailies; exits linked to entries

A compound gate (issue 8) knows its residents (`resident`, their plates in
`resident_plate`), the people under home quarantine or medical observation
(`watch`) and what was done for them each day (`daily_care`: the five dailies).
A passage may now close an earlier one (`exit_of`: a visitor's exit names their entry),
and a person check keeps the resident they were found as and the watchlist alert the
guard acknowledged (`resident_uuid`, `watch_uuid`).

The new columns are nullable with no constraint: ADD COLUMN in place, not a batch
rebuild of a register that may hold a million passages.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('resident',
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('room', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('phone_tail', sqlmodel.sql.sqltypes.AutoString(length=4), nullable=True),
    sa.Column('id_number', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('pass_code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('moved_out', sa.Boolean(), nullable=False),
    sa.Column('moved_out_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uuid')
    )
    with op.batch_alter_table('resident', schema=None) as batch_op:
        batch_op.create_index('ix_resident_id_number', ['id_number'], unique=False)
        batch_op.create_index('ix_resident_pass_code', ['pass_code'], unique=True, sqlite_where=sa.text('pass_code IS NOT NULL'))
        batch_op.create_index('ix_resident_phone', ['phone'], unique=False)
        batch_op.create_index('ix_resident_phone_tail', ['phone_tail'], unique=False)
        batch_op.create_index('ix_resident_room', ['room'], unique=False)

    op.create_table('resident_plate',
    sa.Column('plate', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['resident_id'], ['resident.id'], ),
    sa.PrimaryKeyConstraint('plate', 'resident_id'),
    sqlite_with_rowid=False
    )
    op.create_index('ix_resident_plate_resident_id', 'resident_plate', ['resident_id'], unique=False)
    op.create_table('watch',
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('id_number', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('room', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('lifted_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['resident_id'], ['resident.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uuid')
    )
    with op.batch_alter_table('watch', schema=None) as batch_op:
        batch_op.create_index('ix_watch_end_date', ['end_date'], unique=False)
        batch_op.create_index('ix_watch_id_number', ['id_number'], unique=False)
        batch_op.create_index('ix_watch_room', ['room'], unique=False)

    op.create_table('daily_care',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('watch_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('item', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('done_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=False),
    sa.Column('reading', sa.Integer(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.ForeignKeyConstraint(['watch_id'], ['watch.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('watch_id', 'day', 'item', name='uq_daily_care_watch_day_item')
    )
    with op.batch_alter_table('daily_care', schema=None) as batch_op:
        batch_op.create_index('ix_daily_care_day', ['day'], unique=False)

    op.add_column('passage', sa.Column('exit_of', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True))
    op.create_index('ix_passage_exit_of', 'passage', ['exit_of'], unique=False,
                    sqlite_where=sa.text('exit_of IS NOT NULL'))
    op.add_column('person_check', sa.Column('resident_uuid', sqlmodel.sql.sqltypes.AutoString(length=36),
                                            nullable=True))
    op.add_column('person_check', sa.Column('watch_uuid', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('person_check', schema=None) as batch_op:
        batch_op.drop_column('watch_uuid')
        batch_op.drop_column('resident_uuid')

    with op.batch_alter_table('passage', schema=None) as batch_op:
        batch_op.drop_index('ix_passage_exit_of', sqlite_where=sa.text('exit_of IS NOT NULL'))
        batch_op.drop_column('exit_of')

    with op.batch_alter_table('daily_care', schema=None) as batch_op:
        batch_op.drop_index('ix_daily_care_day')

    op.drop_table('daily_care')
    with op.batch_alter_table('watch', schema=None) as batch_op:
        batch_op.drop_index('ix_watch_room')
        batch_op.drop_index('ix_watch_id_number')
        batch_op.drop_index('ix_watch_end_date')

    op.drop_table('watch')
    op.drop_index('ix_resident_plate_resident_id', table_name='resident_plate')
    op.drop_table('resident_plate')
    with op.batch_alter_table('resident', schema=None) as batch_op:
        batch_op.drop_index('ix_resident_room')
        batch_op.drop_index('ix_resident_phone_tail')
        batch_op.drop_index('ix_resident_phone')
        batch_op.drop_index('ix_resident_pass_code', sqlite_where=sa.text('pass_code IS NOT NULL'))
        batch_op.drop_index('ix_resident_id_number')

    op.drop_table('resident')
