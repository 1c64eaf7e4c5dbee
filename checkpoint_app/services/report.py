"""The daily report (日报 / 零报告): computed for a supervisor, saved as CSV here, as PDF
or printout by the UI's renderer (ui/report_render.py), each output audited.

Reports are a supervisor's (Action.PRINT_REPORT): a guard asking is refused and the
refusal audited. The figures carry no personal data. The personal appendix (the day's
fevers, referrals, key-area arrivals and people with symptoms, for the supervisor's
follow-up and referral paperwork) is off unless asked for; it gives names in full but
ID numbers and phones masked, as the register list does (a full number is the audited
reveal in the app). Asking for it is audited ("report_appendix"); every PDF, CSV or
printout made is audited ("report_printed", with the day and the format only).

Files are written under a temporary name beside the target and renamed into place when
complete (`OutputFile`), so a failure never leaves half a report where the user looks.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import os
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Any, Callable, Sequence

from checkpoint_app import private_files

from checkpoint_app.core.cells import csv_row
from checkpoint_app.core.daily_report import AppendixPerson, DailyReport, ShiftSummary, check_day
from checkpoint_app.core.five_dailies import CareCounts
from checkpoint_app.core.masking import mask_id_number, mask_phone
from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, problem
from checkpoint_app.core.progress import NO_PROGRESS, Progress
from checkpoint_app.core.report_table import TITLE as REPORT_TITLE
from checkpoint_app.core.report_table import Translate, cell_text, english, figure_tables, headline
from checkpoint_app.core.roles import Action, Actor

from checkpoint_app.db import report_queries

from checkpoint_app.services.station import StationService
from checkpoint_app.services.unit_of_work import UnitOfWork

log = logging.getLogger("checkpoint.report")

ENCODINGS = ("gb18030", "utf-8-sig")  # what Chinese Excel opens: its own default, or UTF-8 with a BOM

ShiftsOn = Callable[[dt.date], list[ShiftSummary]]  # services/shifts.py ShiftService.shifts_on
InsideOn = Callable[[dt.date], int]  # services/inside.py InsideService.count_at_end_of
CareOn = Callable[[dt.date], CareCounts]  # services/watchlist.py WatchlistService.daily_counts


def output_problem(path: Path, error: OSError) -> InvalidInput:
    return InvalidInput([problem("output", QT_TRANSLATE_NOOP(
        "problems", "{path} cannot be written ({reason}). Choose another file or folder."),
        path=str(path), reason=error.strerror or type(error).__name__)])


class OutputFile:
    """A file written under a temporary name in its target's folder and renamed into place
    by `commit()`; leaving the block without committing removes the temporary file.
    Raises InvalidInput (field "output") when the place cannot be written."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        if self.path.is_dir():
            raise InvalidInput([problem("output", QT_TRANSLATE_NOOP(
                "problems", "{path} is a folder: give a file name."), path=str(self.path))])
        if private_files.is_station_file(self.path):  # e.g. --pdf naming the register itself
            raise InvalidInput([problem("output", QT_TRANSLATE_NOOP(
                "problems", "{path} is the station's register or one of its files (or another database): "
                            "it is never written over. Choose another file name."), path=str(self.path))])
        try:
            fd, name = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".part")
        except OSError as error:
            raise output_problem(self.path, error) from None
        os.close(fd)
        self.temp = Path(name)
        self._done = False

    def commit(self) -> None:
        try:
            with open(self.temp, "rb+") as written:
                os.fsync(written.fileno())
            os.replace(self.temp, self.path)
        except OSError as error:
            self.discard()
            raise output_problem(self.path, error) from None
        self._done = True

    def discard(self) -> None:
        if not self._done:
            self.temp.unlink(missing_ok=True)

    def __enter__(self) -> OutputFile:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.discard()


def csv_rows(report: DailyReport, tr: Translate = english) -> list[list[str]]:
    """The report's figures as CSV rows (never the appendix): a heading, then each table
    with its title and column headers, blocks separated by an empty row."""
    head, explained = headline(report)
    rows = [[cell_text(REPORT_TITLE, tr), report.station_name, report.station_code, report.district,
             report.day.isoformat()],
            [cell_text(head, tr), cell_text(explained, tr)], []]
    for table in figure_tables(report):
        rows.append([cell_text(table.title, tr)])
        rows.append([cell_text(h, tr) for h in table.headers])
        rows.extend([cell_text(c, tr) for c in row] for row in table.rows)
        rows.append([])
    rows.append([report.made_by, report.made_at.strftime("%Y-%m-%d %H:%M")])
    return [csv_row(row) for row in rows]  # never run as formulas (BRIEF §3, Luca; core/cells.py)


class ReportService:
    def __init__(self, uow: UnitOfWork, station: StationService, clock: Callable[[], dt.datetime],
                 shifts_on: ShiftsOn, inside_on: InsideOn | None = None, care_on: CareOn | None = None):
        self._uow = uow
        self._station = station
        self._clock = clock
        self._shifts_on = shifts_on
        self._inside_on = inside_on
        self._care_on = care_on

    def today(self) -> dt.date:
        return self._clock().date()

    def check(self, actor: Actor | None) -> None:
        """Raise NotPermitted (the refusal audited) unless `actor` may make reports."""
        self._uow.require(actor, Action.PRINT_REPORT)

    def daily(self, actor: Actor | None, day: dt.date, progress: Progress = NO_PROGRESS,
              appendix: bool = False) -> DailyReport:
        """The report of `day` for `actor` (a supervisor). Raises NotPermitted, InvalidInput
        (a day after today, or no station set up yet), StorageError or Cancelled."""
        self.check(actor)
        assert actor is not None  # check() refuses nobody
        now = self._clock()
        check_day(day, now.date())
        station = self._station.current()
        if station is None:
            raise InvalidInput([problem("station", QT_TRANSLATE_NOOP(
                "problems", "Set up the station profile before making a report."))])
        steps = 3 if appendix else 2
        progress.step(0, steps, QT_TRANSLATE_NOOP("progress", "Counting the day's entries"))
        with self._uow.read() as session:
            figures = report_queries.day_figures(session.connection(), day)
        progress.check()
        progress.step(1, steps, QT_TRANSLATE_NOOP("progress", "Reading the shifts"))
        shifts = tuple(self._shifts_on(day))
        inside = self._inside_on(day) if self._inside_on is not None else None
        care = self._care_on(day) if self._care_on is not None else None
        persons: tuple[AppendixPerson, ...] | None = None
        if appendix:
            progress.check()
            progress.step(2, steps, QT_TRANSLATE_NOOP("progress", "Listing the persons to follow up"))
            persons = self._appendix(actor, day)
        progress.step(steps, steps)
        log.info("daily report made for %s (appendix: %s)", day.isoformat(), appendix)
        return DailyReport(station_name=station.name, station_code=station.code, district=station.district, day=day,
                           made_at=now, made_by=actor.name, figures=figures, shifts=shifts, appendix=persons,
                           inside=inside, care=care)

    def _appendix(self, actor: Actor, day: dt.date) -> tuple[AppendixPerson, ...]:
        with self._uow.read() as session:
            rows = report_queries.appendix_rows(session.connection(), day)
        persons = tuple(_person(row) for row in rows)
        with self._uow.write(actor, Action.PRINT_REPORT) as work:  # names in full: who looked is audited
            work.audit("report_appendix", f"report:{day.isoformat()}", {"day": day.isoformat(), "persons": len(persons)})
        return persons

    def record_output(self, actor: Actor | None, report: DailyReport, output: str) -> None:
        """Audit that the report went out as `output` ("pdf", "csv" or "print"): the day,
        the format and whether the appendix went with it; no personal data."""
        with self._uow.write(actor, Action.PRINT_REPORT) as work:
            work.audit("report_printed", f"report:{report.day.isoformat()}",
                       {"day": report.day.isoformat(), "format": output, "appendix": report.appendix is not None})
        log.info("daily report for %s written as %s", report.day.isoformat(), output)

    def write_csv(self, actor: Actor | None, report: DailyReport, path: Path | str, encoding: str = "gb18030",
                  tr: Translate = english, output: OutputFile | None = None) -> None:
        """Save the report's figures as CSV in `encoding` ("gb18030" or "utf-8-sig"), labels
        through `tr`. With `output`, write into it and leave the commit to the caller (who
        puts several files in place together). Raises InvalidInput, NotPermitted, StorageError."""
        if encoding not in ENCODINGS:
            raise InvalidInput([problem("encoding", QT_TRANSLATE_NOOP(
                "problems", "Save the CSV as GB18030 or as UTF-8 with BOM (not {encoding})."), encoding=encoding)])
        self.check(actor)
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(csv_rows(report, tr))
        data = buffer.getvalue().encode(encoding)
        own = output is None
        target = output or OutputFile(path)
        try:
            try:
                target.temp.write_bytes(data)
            except OSError as error:
                raise output_problem(target.path, error) from None
            if own:
                self.record_output(actor, report, "csv")  # audited before the file is in place
                target.commit()
        finally:
            if own:
                target.discard()


def _person(row: Sequence[Any]) -> AppendixPerson:
    (seq, recorded_at, offset, name, id_number, phone, category, direction, temp1, temp2, fever, key_area,
     symptoms, decision, plate) = row
    moment = recorded_at if isinstance(recorded_at, dt.datetime) else dt.datetime.fromisoformat(str(recorded_at))
    local = moment.replace(tzinfo=dt.timezone.utc).astimezone(dt.timezone(dt.timedelta(minutes=int(offset))))
    return AppendixPerson(
        seq=int(seq), local_time=local, name=name, id_number_masked=mask_id_number(id_number) if id_number else "",
        phone_masked=mask_phone(phone) if phone else "", category=category, direction=direction,
        temperature=temp2 if temp2 is not None else temp1, fever=bool(fever), key_area=bool(key_area),
        symptoms=tuple(s for s in str(symptoms).split(",") if s), decision=decision, plate=plate or None)
