"""A guard against a PySide6 defect that would crash the application.

PySide6 6.12.0 returns the bool result of Signal.emit() without taking a
reference to it: every emit() from Python lowers the reference count of True
by one, and after a few thousand signals the interpreter aborts
("bool_dealloc: deallocating True or False"). pyproject.toml excludes that
release; this guard keeps the window alive if it is installed anyway.
"""
from __future__ import annotations

import ctypes
import sys
from functools import lru_cache

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    ping = Signal()


@lru_cache(maxsize=1)
def emit_drops_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.ping.emit()
    drift = sys.getrefcount(True) - before
    if drift < 0:
        for _ in range(-drift):       # give back what the probe itself took
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return drift < 0


def emit(signal, *args) -> None:
    """signal.emit(*args), compensating for the reference the defective release drops."""
    result = signal.emit(*args)
    if emit_drops_a_reference() and isinstance(result, bool):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
