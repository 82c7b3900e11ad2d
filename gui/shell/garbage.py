"""Python's cycle collector runs in whichever thread happens to allocate when a threshold is
crossed, and the window's background reads and long jobs run in worker threads. A Qt object
caught in a reference cycle and collected there is destroyed in the wrong thread, and the
window crashes later (seen as segmentation faults inside event filters while a long job
ran). So the app collects cycles itself, in the GUI thread only, on a timer, with Python's
own thresholds; reference counting still frees everything else at once."""
from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_EVERY_MS = 500


class GuiThreadGarbageCollector(QObject):
    """Turns Python's automatic collection off and does the same work from the GUI thread's
    event loop. Keep it alive as long as the application (it is parented to it)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_when_due)
        self._timer.start(CHECK_EVERY_MS)

    def collect_when_due(self) -> None:
        """Collect the oldest generation whose count passed its threshold, as Python would."""
        counts = gc.get_count()
        generation = -1
        for candidate in range(3):
            if counts[candidate] > self._thresholds[candidate]:
                generation = candidate
        if generation >= 0:
            gc.collect(generation)
