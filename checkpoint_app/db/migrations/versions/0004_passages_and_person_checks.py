"""passages and person checks: the event and the people of it, in two tables

Before 0004 a register record was one wide `entry` row: a person and the event of
passing the gate together. A vehicle with its occupants needs the two apart: a
`passage` (station, sequence, times, operator, direction, kind, plate, decision, void
and correction links) and one `person_check` per person (identity, category,
temperatures, symptoms, flags). Every entry becomes one passage of kind 'person' and
one person check at position 0, both with the entry's id, so the name-search grams,
the change records (by UUID) and everything that remembered an entry id still point
at the same record. The audit log is not touched: its events are hashed in a chain.

Speed (a register may hold a million entries): every copy is one INSERT ... SELECT in
the order of the target's primary key (ids ascending, grams in their key order), the
secondary indexes are built after the copy (CREATE INDEX sorts once instead of
inserting a million keys at random places) and the ID/phone search index is filled
with one FTS5 'rebuild'.

The column lists are written out here, not taken from the models: a migration is
frozen with the schema it makes, while the models move on.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

OLD_FTS = "entry_ident_fts"
OLD_TRIGGERS = ("entry_ident_fts_ai", "entry_ident_fts_ad", "entry_ident_fts_au")
FTS = "person_ident_fts"
TRIGGERS = ("person_ident_fts_ai", "person_ident_fts_ad", "person_ident_fts_au")

# The person's part of an entry, the same names in entry and person_check.
PERSON = ("category", "name", "id_type", "id_number", "phone", "phone_foreign", "destination", "purpose",
          "origin_province", "origin_city", "arrival_date", "temp1", "temp2", "fever", "symptoms", "key_area",
          "key_area_reasons")
# The event's part, the same names in entry and passage.
EVENT = ("direction", "proposed_decision", "decision", "override_reason", "leaflet", "notes", "uuid", "station_id",
         "seq", "recorded_at", "utc_offset_min", "local_date", "operator", "operator_id", "voided", "void_reason",
         "voided_at", "voided_by", "voided_by_id", "corrects_uuid")

# The page cache while copying: the passage's UNIQUE(uuid) index takes a million random
# UUIDs one by one; with SQLite's default 2 MB cache its pages are written out and read
# back again and again (about twice as slow on a million entries). It is left so for the
# reference check after the migration (migrations._check_references looks up each of
# the millions of name grams' person checks); the migration connection is closed when
# the upgrade ends (migrations.migration_engine), and the setting with it.
COPY_CACHE_KIB = 64 * 1024

PASSAGE_INDEXES = (
    ("ix_passage_local_date", ["local_date"], None),
    ("ix_passage_decision", ["decision"], None),
    ("ix_passage_corrects_uuid", ["corrects_uuid"], None),
    ("ix_passage_plate", ["plate"], "plate IS NOT NULL"),
    ("ix_passage_fever_yes", ["any_fever"], "any_fever = 1"),
    ("ix_passage_key_area_yes", ["any_key_area"], "any_key_area = 1"),
    ("ix_passage_voided_yes", ["voided"], "voided = 1"),
)
PERSON_CHECK_INDEXES = (
    ("ix_person_check_id_number", ["id_number"], None),
    ("ix_person_check_phone", ["phone"], None),
)
# 0001-0003's indexes on entry, for the way down.
ENTRY_INDEXES = (
    ("ix_entry_id_number", ["id_number"], None),
    ("ix_entry_local_date", ["local_date"], None),
    ("ix_entry_phone", ["phone"], None),
    ("ix_entry_decision", ["decision"], None),
    ("ix_entry_fever_yes", ["fever"], "fever = 1"),
    ("ix_entry_key_area_yes", ["key_area"], "key_area = 1"),
    ("ix_entry_voided_yes", ["voided"], "voided = 1"),
    ("ix_entry_corrects_uuid", ["corrects_uuid"], None),
)


def _columns(names: tuple[str, ...]) -> str:
    return ", ".join(names)


def _create_indexes(table: str, indexes: tuple[tuple[str, list[str], str | None], ...]) -> None:
    for name, columns, where in indexes:
        op.create_index(name, table, columns, unique=False,
                        sqlite_where=sa.text(where) if where is not None else None)


def _ident_search(table: str, fts: str, triggers: tuple[str, str, str]) -> None:
    """The trigram index of ID numbers and phones (external content: `table`), kept in
    step by triggers as 0002 made it, filled from the table in one go."""
    insert, delete, update = triggers
    op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5(id_number, phone, content='{table}', "
               "content_rowid='id', tokenize='trigram')")
    op.execute(f"CREATE TRIGGER {insert} AFTER INSERT ON {table} BEGIN "
               f"INSERT INTO {fts}(rowid, id_number, phone) VALUES (new.id, new.id_number, new.phone); END")
    op.execute(f"CREATE TRIGGER {delete} AFTER DELETE ON {table} BEGIN "
               f"INSERT INTO {fts}({fts}, rowid, id_number, phone) VALUES ('delete', old.id, old.id_number, old.phone); "
               "END")
    op.execute(f"CREATE TRIGGER {update} AFTER UPDATE OF id_number, phone ON {table} BEGIN "
               f"INSERT INTO {fts}({fts}, rowid, id_number, phone) VALUES ('delete', old.id, old.id_number, old.phone); "
               f"INSERT INTO {fts}(rowid, id_number, phone) VALUES (new.id, new.id_number, new.phone); END")
    op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def _drop_ident_search(fts: str, triggers: tuple[str, str, str]) -> None:
    # IF EXISTS: derived objects; one missing (a register damaged by hand) must not stop
    # every later start
    for trigger in triggers:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute(f"DROP TABLE IF EXISTS {fts}")  # drops its shadow tables with it


def upgrade() -> None:
    op.execute(f"PRAGMA cache_size = -{COPY_CACHE_KIB}")
    op.create_table('passage',
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
    sa.Column('uuid', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('station_id', sa.Integer(), nullable=False),
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
    sa.ForeignKeyConstraint(['station_id'], ['station.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('station_id', 'seq', name='uq_passage_station_seq'),
    sa.UniqueConstraint('uuid')
    )
    op.create_table('person_check',
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
    sa.Column('passage_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('driver', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['passage_id'], ['passage.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('passage_id', 'position', name='uq_person_check_passage_position')
    )
    op.create_table('person_name_gram',
    sa.Column('gram', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person_check.id'], ),
    sa.PrimaryKeyConstraint('gram', 'person_id'),
    sqlite_with_rowid=False
    )
    op.execute(f"INSERT INTO passage (id, kind, plate, plate_kind, vehicle_category, any_fever, any_key_area, "
               f"{_columns(EVENT)}) "
               f"SELECT id, 'person', NULL, NULL, NULL, fever, key_area, {_columns(EVENT)} FROM entry ORDER BY id")
    op.execute(f"INSERT INTO person_check (id, passage_id, position, driver, {_columns(PERSON)}) "
               f"SELECT id, id, 0, 0, {_columns(PERSON)} FROM entry ORDER BY id")
    # Grams of an entry deleted behind the app's back (damage doctor reports as a gap in
    # the sequence numbers) find nothing and would point at no person: left behind. The
    # missing entries are found once, by sorting (EXCEPT: about 3 s on a million entries;
    # an EXISTS per gram looks up 4 million rows one by one, about 15 s).
    op.execute("INSERT INTO person_name_gram (gram, person_id) "
               "SELECT gram, entry_id FROM entry_name_gram WHERE entry_id NOT IN "
               "(SELECT entry_id FROM entry_name_gram EXCEPT SELECT id FROM entry) "
               "ORDER BY gram, entry_id")

    _drop_ident_search(OLD_FTS, OLD_TRIGGERS)
    op.drop_table('entry_name_gram')
    op.drop_table('entry')  # and its indexes

    _create_indexes('passage', PASSAGE_INDEXES)
    _create_indexes('person_check', PERSON_CHECK_INDEXES)
    _ident_search('person_check', FTS, TRIGGERS)
    op.execute("UPDATE change_record SET record_type = 'passage' WHERE record_type = 'entry'")


def downgrade() -> None:
    """Back to one entry per passage: only a register of persons on foot can go back
    (an entry holds one person and no plate); anything else is refused rather than
    cut down."""
    bind = op.get_bind()
    beyond = bind.execute(sa.text(
        "SELECT (SELECT count(*) FROM passage WHERE kind != 'person') "
        "+ (SELECT count(*) FROM person_check WHERE position != 0) "
        "+ (SELECT count(*) FROM passage WHERE id NOT IN (SELECT passage_id FROM person_check))")).scalar_one()
    if beyond:
        raise RuntimeError(f"{beyond} passages or person checks have no place in schema 0003: not downgraded")
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
    sa.Column('operator_id', sa.Integer(), nullable=True),
    sa.Column('voided_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['station_id'], ['station.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('station_id', 'seq', name='uq_entry_station_seq'),
    sa.UniqueConstraint('uuid')
    )
    op.create_table('entry_name_gram',
    sa.Column('gram', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['entry.id'], ),
    sa.PrimaryKeyConstraint('gram', 'entry_id'),
    sqlite_with_rowid=False
    )
    # the entry takes its person check's id: the name-search grams point at that one
    event = ", ".join(f"p.{name}" for name in EVENT)
    person = ", ".join(f"c.{name}" for name in PERSON)
    op.execute(f"INSERT INTO entry (id, {_columns(EVENT)}, {_columns(PERSON)}) "
               f"SELECT c.id, {event}, {person} FROM person_check AS c JOIN passage AS p ON p.id = c.passage_id "
               "ORDER BY c.id")
    op.execute("INSERT INTO entry_name_gram (gram, entry_id) "
               "SELECT gram, person_id FROM person_name_gram ORDER BY gram, person_id")

    _drop_ident_search(FTS, TRIGGERS)
    op.drop_table('person_name_gram')
    op.drop_table('person_check')
    op.drop_table('passage')

    _create_indexes('entry', ENTRY_INDEXES)
    _ident_search('entry', OLD_FTS, OLD_TRIGGERS)
    op.execute("UPDATE change_record SET record_type = 'entry' WHERE record_type = 'passage'")
