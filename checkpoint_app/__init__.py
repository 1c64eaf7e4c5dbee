"""Checkpoint Register (卡口登记): offline gate register with temperature screening."""

__version__ = "0.1.0"
