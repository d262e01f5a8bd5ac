"""What the watcher does with a ready file: a ``tanu-file`` flow run on the Prefect server, or,
while the server cannot be reached, the file taken here in this process (a teacher's file
never waits for the server). After a failure the server is asked again after a pause that
doubles up to a limit; the first file it accepts again ends the pause.

Each sighting of a stable file is its own run: intake's claim (an atomic rename) decides what
is taken, so a file dropped again, or moved back from ``failed/``, is taken again — Prefect's
idempotency on the file's bytes would hand back the old run and skip it."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from uuid import UUID

from flows.intake.folders import readable

log = logging.getLogger(__name__)

StartRun = Callable[[Path, Path], UUID]  # (var root, file) → the flow run started
TakeHere = Callable[[Path, Path], str]  # (var root, file) → the outcome, taken in-process


@dataclass
class Dispatcher:
    root: Path
    start_run: StartRun
    take_here: TakeHere
    first_pause: float = 5.0
    longest_pause: float = 300.0
    clock: Callable[[], float] = time.monotonic
    _retry_at: float = field(default=0.0, init=False)
    _pause: float = field(default=0.0, init=False)

    def __call__(self, path: Path) -> str:
        """Hand the file on; what became of it, for the log: ``run <id>`` or the outcome."""
        name = readable(path.name)
        if self.clock() >= self._retry_at:
            try:
                run_id = self.start_run(self.root, path)
            except Exception as exc:  # the server away, or refusing: the file is taken here
                self._pause = min(self.longest_pause, max(self.first_pause, self._pause * 2))
                self._retry_at = self.clock() + self._pause
                log.warning(
                    "watcher: the Prefect server did not take %s (%s: %s); files are taken "
                    "here, the server asked again in %.0f s",
                    name,
                    type(exc).__name__,
                    exc,
                    self._pause,
                )
            else:
                if self._pause:
                    log.info("watcher: the Prefect server is back")
                self._pause = 0.0
                log.info("watcher: %s → flow run %s", name, run_id)
                return f"run {run_id}"
        outcome = self.take_here(self.root, path)
        log.info("watcher: %s taken here: %s", name, outcome)
        return outcome
