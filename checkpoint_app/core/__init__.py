"""Pure-Python rules: validation, screening, masking. Never imports Qt or the database."""
