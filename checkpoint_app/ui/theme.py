"""Look: a normal mode for indoors and a large-font, high-contrast mode for outdoors."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

log = logging.getLogger("checkpoint.ui")

BASE = """
QLabel[role="error"] { color: #b00020; font-weight: bold; }
QLabel[role="hint"] { color: #2a5d8f; }
QLabel[state="ok"] { color: #1b5e20; font-weight: bold; }
QLabel[state="warn"] { color: #8a4b00; background: #fff3cd; font-weight: bold; padding: 2px; }
QLabel[state="alarm"] { color: #ffffff; background: #b00020; font-weight: bold; padding: 2px; }
QPushButton#save_button { font-weight: bold; padding: 4px 18px; }
QLineEdit:focus, QComboBox:focus, QCheckBox:focus, QPushButton:focus { border: 2px solid #1565c0; }
"""

LARGE = """
QWidget { background: #ffffff; color: #000000; }
QLineEdit, QComboBox, QDateEdit, QPlainTextEdit { border: 2px solid #000000; background: #ffffff; }
QLineEdit:focus, QComboBox:focus, QCheckBox:focus, QPushButton:focus { border: 3px solid #0033cc; background: #fffbe0; }
QPushButton { border: 2px solid #000000; padding: 4px 12px; background: #f0f0f0; }
QHeaderView::section { background: #000000; color: #ffffff; font-weight: bold; }
QTableView { gridline-color: #000000; alternate-background-color: #f2f2f2; }
"""

CJK_FAMILIES = ["Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Source Han Sans SC"]


def apply(app: QApplication, large: bool) -> None:
    font = QFont(app.font())
    font.setFamilies(CJK_FAMILIES + [app.font().family()])
    font.setPointSizeF(14.0 if large else 10.5)
    app.setFont(font)
    app.setStyleSheet(BASE + (LARGE if large else ""))


def app_icon() -> Any:
    """The app's icon (resources/icons/checkpoint-<size>.png): the window's and the
    taskbar's. Empty when the files are missing (a warning, not a failure)."""
    from PySide6.QtGui import QIcon

    from checkpoint_app.ui.i18n import icons_dir

    icon = QIcon()
    for path in sorted(icons_dir().glob("checkpoint-*.png")):
        icon.addFile(str(path))
    if icon.isNull():
        log.warning("no app icon in %s", icons_dir())
    return icon
