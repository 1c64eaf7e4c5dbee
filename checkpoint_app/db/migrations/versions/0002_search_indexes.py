"""search indexes: rare-flag partial indexes, decision index, ID/phone trigram index

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

FTS = "entry_ident_fts"


def upgrade() -> None:
    # IF NOT EXISTS everywhere: before migrations were atomic, a kill during this upgrade
    # left some of these objects behind with the revision still 0001; running it again
    # completes such a register. (SQLite stores the statements without IF NOT EXISTS, so
    # the schema is the same as before.) The rebuild below is idempotent.
    with op.batch_alter_table('entry', schema=None) as batch_op:
        batch_op.create_index('ix_entry_decision', ['decision'], unique=False, if_not_exists=True)
        batch_op.create_index('ix_entry_fever_yes', ['fever'], unique=False, sqlite_where=sa.text('fever = 1'),
                              if_not_exists=True)
        batch_op.create_index('ix_entry_key_area_yes', ['key_area'], unique=False,
                              sqlite_where=sa.text('key_area = 1'), if_not_exists=True)
        batch_op.create_index('ix_entry_voided_yes', ['voided'], unique=False, sqlite_where=sa.text('voided = 1'),
                              if_not_exists=True)
    op.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(id_number, phone, content='entry', "
               "content_rowid='id', tokenize='trigram')")
    op.execute(f"CREATE TRIGGER IF NOT EXISTS entry_ident_fts_ai AFTER INSERT ON entry BEGIN "
               f"INSERT INTO {FTS}(rowid, id_number, phone) VALUES (new.id, new.id_number, new.phone); END")
    op.execute(f"CREATE TRIGGER IF NOT EXISTS entry_ident_fts_ad AFTER DELETE ON entry BEGIN "
               f"INSERT INTO {FTS}({FTS}, rowid, id_number, phone) VALUES ('delete', old.id, old.id_number, old.phone); END")
    op.execute(f"CREATE TRIGGER IF NOT EXISTS entry_ident_fts_au AFTER UPDATE OF id_number, phone ON entry BEGIN "
               f"INSERT INTO {FTS}({FTS}, rowid, id_number, phone) VALUES ('delete', old.id, old.id_number, old.phone); "
               f"INSERT INTO {FTS}(rowid, id_number, phone) VALUES (new.id, new.id_number, new.phone); END")
    op.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")


def downgrade() -> None:
    for trigger in ("entry_ident_fts_ai", "entry_ident_fts_ad", "entry_ident_fts_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute(f"DROP TABLE IF EXISTS {FTS}")
    with op.batch_alter_table('entry', schema=None) as batch_op:
        batch_op.drop_index('ix_entry_voided_yes')
        batch_op.drop_index('ix_entry_key_area_yes')
        batch_op.drop_index('ix_entry_fever_yes')
        batch_op.drop_index('ix_entry_decision')
