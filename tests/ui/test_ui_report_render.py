"""The daily report as PDF (ui/report_render.py): Chinese text drawn with an embedded font
subset and extractable (read back with pypdf), the figures on the page, the appendix only
when asked for, and a clear error when no Chinese font exists."""

from __future__ import annotations

import pytest
from actors import supervisor
from pypdf import PdfReader
from report_day import DAY, FEVER_NAME, HUBEI_ID, KEY_AREA_NAME, make_day

from PySide6.QtCore import QLocale
from PySide6.QtGui import QFontDatabase

from checkpoint_app.ui import i18n, report_render
from checkpoint_app.ui.report_render import NoChineseFont, chinese_font_family, write_pdf


@pytest.fixture
def chinese(qapp):
    """The app's zh_CN translations for the test, removed afterwards."""
    before = QLocale()
    translators = i18n.install(qapp, "zh_CN")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(before)


def pdf_words(path) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(str(path))
    return reader, "\n".join(page.extract_text() for page in reader.pages).split()


def adjacent(words: list[str], *run: str) -> bool:
    """Whether `run` appears as consecutive words (a label and its figure in a table row)."""
    return any(tuple(words[i:i + len(run)]) == run for i in range(len(words)))


def test_the_pdf_holds_the_days_figures_in_chinese(ctx, clock, chinese, tmp_path):
    make_day(ctx, clock)
    report = ctx.reports.daily(supervisor(ctx), DAY)
    path = tmp_path / "日报.pdf"
    write_pdf(report, path)
    reader, words = pdf_words(path)
    assert len(reader.pages) == 1
    assert "有情况上报" in words and "零报告" not in words  # the headline: not a zero report
    assert "翠湖小区东门" in words[0] and "日报" in words[:4] and "2026-11-29" in words
    for label, figure in [("发热", "1"), ("转诊发热门诊", "1"), ("劝返", "3"), ("重点地区来人", "1"),
                          ("登记总数", "13"), ("放行进入", "6"), ("放行外出", "3")]:
        assert adjacent(words, label, figure), (label, figure)
    assert adjacent(words, "居民", "4", "2", "0", "0") and adjacent(words, "访客", "1", "0", "3", "1")
    assert adjacent(words, "合计", "6", "3", "3", "1")
    assert "每小时通行量（按小时统计的放行人数）" in words and adjacent(words, "进", "0", "0", "0", "0", "0", "0", "0", "3")
    assert adjacent(words, "张保安、王队长", "缺：", "一个小喇叭、一条宣传横幅")  # the shift on duty
    assert FEVER_NAME not in words and KEY_AREA_NAME not in words  # no appendix unless asked for
    assert reader.metadata.title == "日报 2026-11-29 翠湖小区东门"


def test_the_font_is_embedded_as_a_subset(ctx, clock, tmp_path):
    report = ctx.reports.daily(supervisor(ctx), DAY)
    path = tmp_path / "r.pdf"
    write_pdf(report, path)
    reader = PdfReader(str(path))
    fonts = list(reader.pages[0]["/Resources"]["/Font"].values())
    descendants = [f.get_object()["/DescendantFonts"][0].get_object() for f in fonts
                   if f.get_object()["/Subtype"] == "/Type0"]
    assert descendants, "no CID font: Chinese would not be embedded"
    assert all("/FontFile2" in d["/FontDescriptor"].get_object() for d in descendants)  # embedded, not referenced
    assert path.stat().st_size < 150_000  # a subset: the whole WenQuanYi Micro Hei is about 5 MB


def test_an_empty_day_prints_a_zero_report(ctx, chinese, tmp_path):
    path = tmp_path / "r.pdf"
    write_pdf(ctx.reports.daily(supervisor(ctx), DAY), path)
    _reader, words = pdf_words(path)
    assert "零报告" in words and "当天无发热、无重点地区来人、无预警。" in words
    assert adjacent(words, "登记总数", "0")
    assert "当天没有记录在岗的班次。" in words


def test_the_appendix_is_on_a_page_of_its_own_with_ids_masked(ctx, clock, chinese, tmp_path):
    make_day(ctx, clock)
    path = tmp_path / "r.pdf"
    write_pdf(ctx.reports.daily(supervisor(ctx), DAY, appendix=True), path)
    reader = PdfReader(str(path))
    assert len(reader.pages) == 2
    first, second = (page.extract_text() for page in reader.pages)
    assert FEVER_NAME not in first and "附件：需跟进人员（仅限负责人）" in second
    assert FEVER_NAME in second and KEY_AREA_NAME in second
    assert HUBEI_ID not in second and HUBEI_ID[:6] + "********" + HUBEI_ID[-4:] in second


def test_no_chinese_font_is_a_clear_error(monkeypatch, qapp):
    assert chinese_font_family()  # this machine has one (packaging/debian-packages.txt)
    monkeypatch.setattr(QFontDatabase, "families", staticmethod(lambda *args: ["DejaVu Sans"]))
    monkeypatch.setattr(QFontDatabase, "writingSystems", staticmethod(lambda *args: []))
    with pytest.raises(NoChineseFont) as caught:
        report_render.chinese_font_family()
    assert "fonts-wqy-microhei" in caught.value.message()
