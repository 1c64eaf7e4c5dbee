"""China's 34 provincial-level divisions, as codes, names and plate abbreviations.

Codes are the first two digits of GB/T 2260 administrative division codes, which are
also the first two digits of a resident ID number. `abbr` is the one-character
abbreviation on licence plates (鄂 for Hubei, 渝 for Chongqing).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

__all__ = ["Province", "PROVINCES", "province_by_code", "find_province", "province_choices"]


@dataclass(frozen=True)
class Province:
    """A provincial-level division (province, municipality, autonomous region, SAR)."""

    code: str  # "42"
    name: str  # "湖北省"
    short: str  # "湖北"
    abbr: str  # "鄂" (licence plates)
    english: str  # "Hubei"
    aliases: tuple[str, ...] = ()  # other accepted spellings (traditional abbreviations, …)


_TABLE: tuple[Province, ...] = (
    Province("11", "北京市", "北京", "京", "Beijing"),
    Province("12", "天津市", "天津", "津", "Tianjin"),
    Province("13", "河北省", "河北", "冀", "Hebei"),
    Province("14", "山西省", "山西", "晋", "Shanxi"),
    Province("15", "内蒙古自治区", "内蒙古", "蒙", "Inner Mongolia", ("Nei Mongol",)),
    Province("21", "辽宁省", "辽宁", "辽", "Liaoning"),
    Province("22", "吉林省", "吉林", "吉", "Jilin"),
    Province("23", "黑龙江省", "黑龙江", "黑", "Heilongjiang"),
    Province("31", "上海市", "上海", "沪", "Shanghai"),
    Province("32", "江苏省", "江苏", "苏", "Jiangsu"),
    Province("33", "浙江省", "浙江", "浙", "Zhejiang"),
    Province("34", "安徽省", "安徽", "皖", "Anhui"),
    Province("35", "福建省", "福建", "闽", "Fujian"),
    Province("36", "江西省", "江西", "赣", "Jiangxi"),
    Province("37", "山东省", "山东", "鲁", "Shandong"),
    Province("41", "河南省", "河南", "豫", "Henan"),
    Province("42", "湖北省", "湖北", "鄂", "Hubei"),
    Province("43", "湖南省", "湖南", "湘", "Hunan"),
    Province("44", "广东省", "广东", "粤", "Guangdong"),
    Province("45", "广西壮族自治区", "广西", "桂", "Guangxi"),
    Province("46", "海南省", "海南", "琼", "Hainan"),
    Province("50", "重庆市", "重庆", "渝", "Chongqing"),
    Province("51", "四川省", "四川", "川", "Sichuan", ("蜀",)),
    Province("52", "贵州省", "贵州", "贵", "Guizhou", ("黔",)),
    Province("53", "云南省", "云南", "云", "Yunnan", ("滇",)),
    Province("54", "西藏自治区", "西藏", "藏", "Tibet", ("Xizang",)),
    Province("61", "陕西省", "陕西", "陕", "Shaanxi", ("秦",)),
    Province("62", "甘肃省", "甘肃", "甘", "Gansu", ("陇",)),
    Province("63", "青海省", "青海", "青", "Qinghai"),
    Province("64", "宁夏回族自治区", "宁夏", "宁", "Ningxia"),
    Province("65", "新疆维吾尔自治区", "新疆", "新", "Xinjiang"),
    Province("71", "台湾省", "台湾", "台", "Taiwan", ("臺灣",)),
    Province("81", "香港特别行政区", "香港", "港", "Hong Kong", ("香港特別行政區",)),
    Province("82", "澳门特别行政区", "澳门", "澳", "Macau", ("Macao", "澳門", "澳門特別行政區")),
)

PROVINCES: dict[str, Province] = {p.code: p for p in _TABLE}


def _key(text: str) -> str:
    """Comparison key: NFKC (full-width digits), case-folded, without spaces."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def _build_index() -> dict[str, Province]:
    index: dict[str, Province] = {}
    for p in _TABLE:
        for spelling in (p.code, p.name, p.short, p.abbr, p.english, *p.aliases):
            key = _key(spelling)
            if index.setdefault(key, p) is not p:  # pragma: no cover - table sanity
                raise AssertionError(f"ambiguous province spelling {spelling!r}")
    return index


_INDEX = _build_index()


def province_by_code(code: str) -> Province | None:
    """The province with this two-digit code ("42"), or None."""
    return PROVINCES.get(code.strip())


def find_province(text: str) -> Province | None:
    """Find a province by code, full or short name, abbreviation or English name.

    Case-insensitive, ignores surrounding and inner spaces ("hong kong" == "HongKong").
    Returns None when nothing matches.
    """
    key = _key(text)
    return _INDEX.get(key) if key else None


def province_choices() -> list[Province]:
    """All provinces ordered by code, for drop-down lists."""
    return sorted(PROVINCES.values(), key=lambda p: p.code)
