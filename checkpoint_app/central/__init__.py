"""The district office (区/街道 指挥部): enrolled stations, imported batches, the district's
completeness report. No Qt here; the office window (ui) and `checkpoint-cli central` use it.
Its database is separate from any station's register: SQLite or PostgreSQL, its own tables
(central/models.py) and migrations (central/migrations)."""
