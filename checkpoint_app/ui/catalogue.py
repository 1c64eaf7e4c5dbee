"""The app's Qt Linguist catalogue for the command line: the same .qm file and the same
messages as the window, without any application object (a QTranslator answers on its
own; installing one would need a QCoreApplication, and in the test process that would
stand in the way of the QApplication the widgets need).

The language follows the system's (LC_ALL, then LC_MESSAGES, then LANG, as POSIX
orders them): Chinese (zh*) gives zh_CN, anything else English.
"""

from __future__ import annotations

import os
from typing import Mapping

from PySide6.QtCore import QTranslator

from checkpoint_app.core.problems import CONTEXT as PROBLEMS_CONTEXT
from checkpoint_app.core.problems import Problem

from checkpoint_app.ui.i18n import LANGUAGES, translations_dir


def system_language(environ: Mapping[str, str] = os.environ) -> str:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    return "en"


class Catalogue:
    """Messages in one language; English (the source text) when none is loaded."""

    def __init__(self, language: str):
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        self.language = language
        self._translator: QTranslator | None = None
        if language != "en":
            translator = QTranslator()
            if translator.load(f"checkpoint_{language}", str(translations_dir())):
                self._translator = translator

    @property
    def loaded(self) -> bool:
        return self.language == "en" or self._translator is not None

    def translate(self, context: str, text: str) -> str:
        if self._translator is not None:
            return self._translator.translate(context, text) or text
        return text

    def problem(self, found: Problem) -> str:
        return self.translate(PROBLEMS_CONTEXT, found.template).format(**found.params)
