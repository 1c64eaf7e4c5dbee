"""Property tests (issue 10 item 5, hypothesis) of what crosses boundaries:
- a name in any Unicode the form accepts is stored as the form gave it and reaches the
  district office unchanged in a batch; the same names round-trip through an XLSX the app
  writes and the residents import reads;
- a residents file of random rows never leaves a partial import."""

from __future__ import annotations

import datetime as dt

import openpyxl
from actors import guard, supervisor
from batch_station import batch_files, read_batch, with_keys
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checkpoint_app.core.cells import append_xlsx_row, xlsx_text
from checkpoint_app.core.entry import EntryDraft, Policy, validate_entry
from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.resident_import import read_residents
from checkpoint_app.core.text import normalise_name

TODAY = dt.date(2026, 11, 29)
FEW = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))

# names as people write them: any script, combining marks, the middle dot of minority and
# foreign names, astral characters (CJK extension B), emoji, right-to-left text
NAMES = st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30)


def test_names_in_any_unicode_reach_the_office_as_stored(ctx, tmp_path):
    office = with_keys(ctx, tmp_path / "office")
    g = guard(ctx)
    stored: dict[str, str] = {}

    @FEW
    @given(NAMES)
    def save(name: str) -> None:
        draft = EntryDraft(category="resident", name=name, temperature="36.5")
        try:
            expected = validate_entry(draft, Policy(), TODAY).persons[0].name
        except InvalidInput as error:
            assert all(p.field in ("name", "id_number") for p in error.problems)
            return
        saved = ctx.register.save(g, draft)
        stored[saved.uuid] = expected

    save()
    assert stored, "no name was accepted at all"
    ctx.batches.export(supervisor(ctx), tmp_path / "stick")
    _manifest, records = read_batch(ctx, batch_files(tmp_path / "stick")[0], office.office)
    sent = {r["passage"]["uuid"]: r["persons"][0]["name"] for r in records if r["kind"] == "passage"}
    assert sent == stored


@FEW
@given(st.lists(NAMES, min_size=1, max_size=8))
def test_names_round_trip_through_an_xlsx_the_app_writes(tmp_path_factory, names: list[str]) -> None:
    path = tmp_path_factory.mktemp("xlsx") / "residents.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    append_xlsx_row(sheet, ["姓名", "楼栋单元房号", "手机"])
    for index, name in enumerate(names):
        append_xlsx_row(sheet, [name, f"3-1-{100 + index}", f"139{index:08d}"], text_columns=(0, 1, 2))
    book.save(path)
    preview = read_residents(path, TODAY)
    read_back = {row.line: row for row in preview.valid}
    rejected = {row.line for row in preview.rejected}
    for index, name in enumerate(names):
        line = index + 2
        assert line in read_back or line in rejected
        try:
            expected = normalise_name(xlsx_text(name))  # what the cell holds, by the one name rule
        except InvalidInput:
            assert line in rejected
            continue
        assert line in read_back and read_back[line].resident.name == expected


CELLS = st.one_of(st.text(max_size=20), st.sampled_from(["", "=1+1", "@SUM(A1)", "110105194912310038", "3-1-101",
                                                         "13912345678", "鄂A12345", "\t", "\r\n"]))


def test_a_residents_file_of_random_rows_is_imported_whole_or_not_at_all(ctx, tmp_path_factory):
    boss = supervisor(ctx)

    @FEW
    @given(st.lists(st.lists(CELLS, min_size=0, max_size=7), max_size=12), st.booleans())
    def import_one(rows: list[list[str]], with_header: bool) -> None:
        path = tmp_path_factory.mktemp("csv") / "residents.csv"
        lines = ([["姓名", "楼栋单元房号", "手机", "身份证号", "车牌", "通行证"]] if with_header else []) + rows
        path.write_text("\n".join(",".join('"' + c.replace('"', '""') + '"' for c in row) for row in lines),
                        encoding="utf-8")
        before = len(ctx.residents.list(boss, limit=100_000))
        try:
            preview = ctx.residents.preview_import(boss, path)
            result = ctx.residents.import_rows(boss, preview)
        except InvalidInput:
            assert len(ctx.residents.list(boss, limit=100_000)) == before  # nothing half-written
            return
        after = len(ctx.residents.list(boss, limit=100_000))
        assert before <= after <= before + len(preview.valid)
        assert result is not None

    import_one()
