"""One helper for all long work: run a function off the UI thread, with progress, cancel,
and callbacks on the UI thread that never deliver stale results.

Borrowed from Anki's QueryOp (the job never touches widgets; success and failure
come back on the UI thread) and Orange3's TaskState (cooperative cancellation;
starting a task with the same key cancels the older one, whose result is then
dropped, because results for inputs no longer on screen are worse than none).
"""
from __future__ import annotations

import itertools
import queue
import threading
import time
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from desktop.qtcompat import emit
from desktop.review import Cancelled


DRAIN_BUDGET = 0.03      # seconds of UI-thread time per turn of the event loop


class TaskContext:
    """Handed to the job: report progress and partial results, and notice cancellation."""

    def __init__(self, task: "Task", post: Callable[[tuple], None]):
        self._task, self._post = task, post
        self._last_emit = 0.0

    @property
    def cancelled(self) -> bool:
        return self._task.cancel_event.is_set()

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled()

    def progress(self, fraction: float, message: str = "") -> None:
        """Also the cancellation point for core code that only takes a progress callback."""
        self.check()
        now = time.monotonic()
        if fraction >= 1.0 or now - self._last_emit > 0.05:   # the UI needs no more than ~20 updates/s
            self._last_emit = now
            self._post(("progress", self._task.id, float(fraction), message))

    def partial(self, value: Any) -> None:
        self.check()
        self._post(("partial", self._task.id, value, None))


@dataclass(eq=False)
class Task:
    id: int
    key: str | None
    title: str
    visible: bool
    on_done: Callable | None = None
    on_error: Callable | None = None
    on_partial: Callable | None = None
    on_cancel: Callable | None = None
    is_current: Callable[[], bool] | None = None
    cancel_event: threading.Event = field(default_factory=threading.Event)
    superseded: bool = False      # cancelled because a newer task with the same key started
    fraction: float = 0.0
    message: str = ""
    started: float = field(default_factory=time.monotonic)

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()


class _Bridge(QObject):
    wake = Signal()     # carries no Python object across threads: the events wait in a queue


class TaskRunner(QObject):
    """Starts jobs on daemon threads (a cancelled training must not hold up quitting)."""

    changed = Signal()            # tasks started, progressed or ended: progress widgets refresh
    idle = Signal()               # no task left
    message = Signal(str)         # a line for the status bar

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._tasks: dict[int, Task] = {}
        self._events: queue.SimpleQueue = queue.SimpleQueue()
        self._bridge = _Bridge()
        self._bridge.wake.connect(self._drain, Qt.QueuedConnection)

    # ------------------------------------------------------------ public
    def run(self, job: Callable[[TaskContext], Any], *, key: str | None = None, title: str = "",
            visible: bool = False, on_done: Callable | None = None, on_error: Callable | None = None,
            on_partial: Callable | None = None, on_cancel: Callable | None = None,
            is_current: Callable[[], bool] | None = None) -> Task:
        if key is not None:
            for other in list(self._tasks.values()):
                if other.key == key:
                    other.superseded = True
                    other.cancel()
        task = Task(next(self._ids), key, title, visible, on_done, on_error, on_partial, on_cancel, is_current)
        self._tasks[task.id] = task
        context = TaskContext(task, self._post)
        threading.Thread(target=self._work, args=(task, job, context), name=f"task-{task.id}-{key or title}",
                         daemon=True).start()
        emit(self.changed)
        return task

    def tasks(self) -> list[Task]:
        return list(self._tasks.values())

    def visible_task(self) -> Task | None:
        """The oldest visible task still running: what the progress area shows and Cancel stops."""
        shown = [t for t in self._tasks.values() if t.visible and not t.cancelled]
        return shown[0] if shown else None

    def busy(self) -> bool:
        return bool(self._tasks)

    def cancel(self, key: str | None = None) -> None:
        for task in list(self._tasks.values()):
            if key is None or task.key == key:
                task.cancel()

    # ------------------------------------------------------------ worker side
    def _post(self, event: tuple) -> None:
        self._events.put(event)
        emit(self._bridge.wake)

    def _work(self, task: Task, job, context: TaskContext) -> None:
        try:
            value = job(context)
        except (Cancelled, KeyboardInterrupt):
            self._post(("cancelled", task.id, None, None))
        except BaseException as exc:   # reported on the UI thread; the worker never shows anything itself
            self._post(("error", task.id, exc, traceback.format_exc()))
        else:
            self._post(("done", task.id, value, None))

    # ------------------------------------------------------------ UI side
    @Slot()
    def _drain(self) -> None:
        """Handle queued events for at most a few milliseconds, then let the window paint and take
        input: a fast worker must never keep the UI thread busy (a folder of files can arrive
        faster than the window adds them)."""
        deadline = time.monotonic() + DRAIN_BUDGET
        while time.monotonic() < deadline:
            try:
                event = self._events.get_nowait()
            except queue.Empty:
                return
            self._on_event(event)
        if not self._events.empty():
            QTimer.singleShot(0, self._drain)

    def _on_event(self, event) -> None:
        kind, task_id, value, extra = event
        task = self._tasks.get(task_id)
        if task is None:
            return
        if kind == "progress":
            task.fraction, task.message = value, extra or task.message
            emit(self.changed)
            return
        if kind == "partial":
            if not task.cancelled and self._current(task) and task.on_partial:
                task.on_partial(value)
            return
        del self._tasks[task_id]
        try:
            if kind == "done" and not task.cancelled and self._current(task):
                if task.on_done:
                    task.on_done(value)
            elif kind == "error" and not task.cancelled:
                if task.on_error:
                    task.on_error(value, extra)
                else:
                    emit(self.message, f"{task.title or 'Background work'} failed: {value}")
            elif (kind == "cancelled" or task.cancelled) and not task.superseded:
                if task.on_cancel:
                    task.on_cancel()
                if task.visible:
                    emit(self.message, f"{task.title or 'Background work'}: cancelled")
        finally:
            emit(self.changed)
            if not self._tasks:
                emit(self.idle)

    @staticmethod
    def _current(task: Task) -> bool:
        return task.is_current is None or bool(task.is_current())
