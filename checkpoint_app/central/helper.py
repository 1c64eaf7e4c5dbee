"""The importer's helper process: it decompresses, decodes and prepares a batch's records
(`prepare.Preparer`) while the importer's process writes the chunk before, so an import
uses both cores of an office PC (a thread would not: decoding holds the interpreter).

The importer hands it one part at a time (the part's gzip bytes, a few MB); it answers
with the part's prepared chunks, then "end". A refusal (BatchRejected) or a failure comes
back in place of the next chunk and is raised in the importer. If the importer stops
reading a part before its end (its own write failed), the helper is ended and a new one
started for the next part, so nothing stale is ever read.

Processes are started with "spawn" (a new interpreter, as on Windows; never fork a
process that runs Qt's threads). A bundled (PyInstaller) executable must call
multiprocessing.freeze_support() first in main; ours do.
"""

from __future__ import annotations

import io
import logging
import multiprocessing
import zlib
from typing import Any, Generator, Iterator

from checkpoint_app.batch.errors import BatchRejected
from checkpoint_app.batch.payload import gunzipped_lines
from checkpoint_app.central.prepare import Fields, Prepared, Preparer

log = logging.getLogger("checkpoint.central")

_CHUNK, _END, _REJECTED, _FAILED = "chunk", "end", "rejected", "failed"


def chunked_lines(stream: io.BufferedIOBase | Any, what: str, file: str, size: int) -> Iterator[list[bytes]]:
    """The lines of one gzipped part in lists of `size`; a damaged part refuses the batch."""
    lines: list[bytes] = []
    try:
        for line in gunzipped_lines(stream):
            lines.append(line)
            if len(lines) == size:
                yield lines
                lines = []
    except (OSError, EOFError, ValueError, zlib.error) as error:
        raise BatchRejected("altered", file=file, what=what) from error
    if lines:
        yield lines


def _serve(conn: Any, passage: Fields, person: Fields, dialect: str, size: int) -> None:
    """The helper's loop (in the helper process): parts in, prepared chunks out."""
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        file, what, data = message
        try:
            preparer = Preparer(passage, person, dialect, file)
            for lines in chunked_lines(io.BytesIO(data), what, file, size):
                conn.send((_CHUNK, preparer.prepare(lines, what)))
            conn.send((_END, None))
        except BatchRejected as error:
            conn.send((_REJECTED, error))
        except (BrokenPipeError, EOFError):
            return
        except Exception as error:  # noqa: BLE001 - reported to the importer, which fails the batch
            conn.send((_FAILED, f"{type(error).__name__}: {error}"))


class Helper:
    """A helper process for one import run (started on first use, `close` ends it)."""

    def __init__(self, passage: Fields, person: Fields, dialect: str, size: int):
        self._args = (passage, person, dialect, size)
        self._process: Any = None
        self._conn: Any = None
        self._broken = False

    @property
    def started(self) -> bool:
        """Whether a helper process is working for this run (not given up)."""
        return self._process is not None and not self._broken

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")
        mine, theirs = context.Pipe()
        process = context.Process(target=_serve, args=(theirs, *self._args), name="import-helper", daemon=True)
        try:
            process.start()
        except BaseException:
            mine.close()
            raise
        finally:
            theirs.close()
        self._process, self._conn = process, mine

    def prepared(self, file: str, what: str, data: bytes) -> Generator[Prepared, None, None]:
        """The prepared chunks of one part (`data`: its gzip bytes). A helper that cannot
        start or dies before its first answer is given up for this run and the part is
        prepared here instead (slower, the same result)."""
        if self._broken:
            yield from self._here(file, what, data)
            return
        finished = answered = False
        try:
            try:
                if self._process is None:
                    self._start()
                self._conn.send((file, what, data))
                kind, value = self._conn.recv()
            except (EOFError, OSError, RuntimeError) as error:
                log.warning("the import's helper process did not answer (%s): preparing here", type(error).__name__)
                self._broken, finished = True, True
                self.close()
                yield from self._here(file, what, data)
                return
            while True:
                if kind == _CHUNK:
                    answered = True
                    yield value
                elif kind == _END:
                    finished = True
                    return
                elif kind == _REJECTED:
                    finished = True
                    raise value
                else:
                    finished = True
                    raise RuntimeError(f"the import's helper process failed: {value}")
                try:
                    kind, value = self._conn.recv()
                except (EOFError, OSError) as error:
                    raise RuntimeError("the import's helper process ended in the middle of a part") from error
        finally:
            if not finished:  # left mid-part (the importer's write failed, or the helper died)
                log.debug("import helper left mid-part (answered: %s)", answered)
                self.close()

    def _here(self, file: str, what: str, data: bytes) -> Iterator[Prepared]:
        preparer = Preparer(*self._args[:3], file)
        for lines in chunked_lines(io.BytesIO(data), what, file, self._args[3]):
            yield preparer.prepare(lines, what)

    def close(self) -> None:
        if self._process is None:
            return
        try:
            self._conn.send(None)  # a helper reading stops
        except (OSError, ValueError):
            pass
        self._conn.close()
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()
        self._process = self._conn = None
