"""how a conflict was resolved: the choice (keep/take), when, by whom, the clerk's note

Revision ID: c0002
Revises: c0001
Create Date: 2026-11-30
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = 'c0002'
down_revision = 'c0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('office_conflict', schema=None) as batch_op:
        batch_op.add_column(sa.Column('resolution', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('resolved_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('resolved_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('resolution_note', sqlmodel.sql.sqltypes.AutoString(length=500),
                                      nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('office_conflict', schema=None) as batch_op:
        batch_op.drop_column('resolution_note')
        batch_op.drop_column('resolved_by')
        batch_op.drop_column('resolved_at')
        batch_op.drop_column('resolution')
