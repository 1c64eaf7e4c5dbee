"""operators, audit log, change records, shifts and the seven-ones check

Every name typed into the old free-text "on duty" field (on entries, on voids and the
one remembered in the settings) becomes an operator record with no PIN, kept exactly
as it was typed; each entry points at its operator. A supervisor gives such an
operator a PIN (and so a login) later.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""
import datetime as dt

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('operator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('pin_hash', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('failed_pins', sa.Integer(), nullable=False),
    sa.Column('locked_until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=True),
    sa.Column('operator_name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('detail', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('prev_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_audit_event_action', 'audit_event', ['action'], unique=False)
    op.create_index('ix_audit_event_at', 'audit_event', ['at'], unique=False)
    op.create_table('change_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('record_type', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('record_uuid', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('shift',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('started_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('started_by', sa.Integer(), nullable=False),
    sa.Column('ended_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('ended_by', sa.Integer(), nullable=True),
    sa.Column('handed_to', sa.Integer(), nullable=True),
    sa.Column('handover_note', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('open_matters', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('previous_shift_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('seven_ones_check',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shift_id', sa.Integer(), nullable=True),
    sa.Column('checked_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=False),
    sa.Column('reference_temp', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['shift_id'], ['shift.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('shift_member',
    sa.Column('shift_id', sa.Integer(), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['operator_id'], ['operator.id'], ),
    sa.ForeignKeyConstraint(['shift_id'], ['shift.id'], ),
    sa.PrimaryKeyConstraint('shift_id', 'operator_id')
    )
    op.create_table('seven_ones_item',
    sa.Column('check_id', sa.Integer(), nullable=False),
    sa.Column('item', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('present', sa.Boolean(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.ForeignKeyConstraint(['check_id'], ['seven_ones_check.id'], ),
    sa.PrimaryKeyConstraint('check_id', 'item')
    )
    # ADD COLUMN, not a batch rebuild: the entry table may hold millions of rows and the
    # FTS triggers; nullable columns with no constraint are added in place.
    op.add_column('entry', sa.Column('operator_id', sa.Integer(), nullable=True))
    op.add_column('entry', sa.Column('voided_by_id', sa.Integer(), nullable=True))
    op.create_index('ix_entry_corrects_uuid', 'entry', ['corrects_uuid'], unique=False)
    _names_become_operators()


def _names_become_operators() -> None:
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
    op.get_bind().execute(sa.text(
        "INSERT INTO operator (name, role, pin_hash, active, failed_pins, created_at, updated_at) "
        "SELECT name, 'guard', NULL, 1, 0, :now, :now FROM ("
        " SELECT operator AS name FROM entry WHERE operator != ''"
        " UNION SELECT voided_by FROM entry WHERE voided = 1 AND voided_by != ''"
        " UNION SELECT json_extract(value, '$') FROM setting WHERE key = 'operator'"
        "  AND json_type(value) = 'text' AND json_extract(value, '$') != ''"
        ") ORDER BY name"), {"now": now})
    op.execute("UPDATE entry SET operator_id = (SELECT id FROM operator WHERE operator.name = entry.operator)")
    op.execute("UPDATE entry SET voided_by_id = (SELECT id FROM operator WHERE operator.name = entry.voided_by) "
               "WHERE voided = 1")
    op.execute("DELETE FROM setting WHERE key = 'operator'")


def downgrade() -> None:
    op.drop_index('ix_entry_corrects_uuid', table_name='entry')
    with op.batch_alter_table('entry', schema=None) as batch_op:
        batch_op.drop_column('voided_by_id')
        batch_op.drop_column('operator_id')
    for table in ('seven_ones_item', 'shift_member', 'seven_ones_check', 'shift', 'change_record', 'audit_event',
                  'operator'):
        op.drop_table(table)
