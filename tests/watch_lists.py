"""Watchlists for the import tests: a mixed list (valid rows, bad rows, duplicates,
formula-looking cells) written as CSV in each encoding or as XLSX."""

from __future__ import annotations

from resident_lists import unique_id_number, write_csv, write_xlsx  # noqa: F401 - re-exported for the tests

HEADER = ["姓名", "身份证号", "房号", "类型", "开始日期", "结束日期", "原因"]
ID_A, ID_B = unique_id_number(101), unique_id_number(102)

MIXED = [
    ["居家隔离人员名单（2020年2月）"],  # a title row above the header
    HEADER + ["联系人"],
    ["李四", ID_A, "3栋5单元502室", "居家隔离", "2020/2/1", "2020年2月14日", "武汉返回", "x"],
    ["王五", "", "3-502", "", "2.3", "", "", ""],  # home quarantine by default, 14 days
    ["赵六", "'" + ID_B, "", "医学观察", "2020.2.1", "2月10日", "", ""],  # no room: the ID number
    ["", "", "1-1-101", "", "", "", "", "no name"],
    ["钱七", "", "1-1-102", "隔离", "", "", "", ""],  # unknown kind
    ["孙八", "", "1-1-103", "", "2020/2/10", "2020/2/3", "", ""],  # ends before it starts
    ["周九", ID_A, "1-1-104", "", "", "", "", ""],  # the ID number of line 3
    ["王五", "", "3号楼502", "", "", "", "", ""],  # the name and room of line 4
    ["=1+1", "", "1-1-105", "", "", "", "=2+3", ""],  # kept as text
    [],
    ["吴十", "", "1-1-106", "", "2020年2月30日", "", "", ""],  # no such day
]
