"""This laptop's display preferences: language and large print for outdoors.

They are kept with Qt's settings (an ini file in the data directory), not in the
station database: they belong to the screen, not to the register, and they must be
read before anything else loads so the first window is drawn in the right language
and size.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"


class DisplayPrefs:
    def __init__(self, data_dir: Path):
        self._settings = QSettings(str(Path(data_dir) / "display.ini"), QSettings.Format.IniFormat)

    @property
    def language(self) -> str:
        value = self._settings.value("language", DEFAULT_LANGUAGE)
        return value if value in LANGUAGES else DEFAULT_LANGUAGE

    @property
    def large_font(self) -> bool:
        return str(self._settings.value("large_font", "false")).lower() in ("true", "1")

    def save(self, language: str, large_font: bool) -> bool:
        """Store both; False if the file could not be written."""
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        self._settings.setValue("language", language)
        self._settings.setValue("large_font", bool(large_font))
        self._settings.sync()
        return self._settings.status() == QSettings.Status.NoError
