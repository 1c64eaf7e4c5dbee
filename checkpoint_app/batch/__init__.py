"""The batch format (docs/batch-format.md): keys, signatures, payload and sealed files,
shared by the station's export and the office's importer. No Qt, no SQL: bytes and files
in, bytes and files out, with `BatchRejected` naming why a file cannot be trusted."""
