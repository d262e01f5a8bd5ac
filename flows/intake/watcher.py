"""Watching the inbox: a startup scan, file events (watchfiles), a periodic rescan as a safety
net, and the stability wait before a file is handed on. What happens to a ready file is the
caller's: ``tanu serve`` hands it to :class:`flows.intake.dispatch.Dispatcher` (a ``tanu-file``
flow run, or taken here while the server is away); tests take it directly."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import watchfiles

from flows.intake.folders import Stability, is_junk, private_dir

HEARTBEAT = Path("run") / "watcher.heartbeat"  # under var/: touched while the watcher runs
BEAT_SECONDS = 10.0


def _files(inbox: Path) -> set[Path]:
    return {p for p in inbox.rglob("*") if p.is_file() and not is_junk(p)}


def watch(
    inbox: Path,
    on_ready: Callable[[Path], object],
    *,
    stable_seconds: float,
    rescan_seconds: float,
    stop: threading.Event | None = None,
) -> None:
    """Call ``on_ready`` once for each file that has stopped changing; runs until ``stop``."""
    stop = stop or threading.Event()
    inbox.mkdir(parents=True, exist_ok=True)
    stability = Stability(stable_seconds)
    pending = _files(inbox)  # the startup scan
    last_scan = time.monotonic()
    heartbeat = inbox.parent / HEARTBEAT  # `tanu doctor` reads it
    private_dir(heartbeat.parent)
    last_beat = 0.0
    tick = max(50, int(stable_seconds * 1000 / 3))
    for changes in watchfiles.watch(
        inbox,
        stop_event=stop,
        yield_on_timeout=True,
        rust_timeout=tick,
        debounce=tick,
        step=min(tick, 50),
    ):
        for change, name in changes:
            path = Path(name)
            if change is not watchfiles.Change.deleted and path.is_file() and not is_junk(path):
                pending.add(path)
        if time.monotonic() - last_beat >= BEAT_SECONDS:
            heartbeat.touch(mode=0o600)
            last_beat = time.monotonic()
        if time.monotonic() - last_scan >= rescan_seconds:  # the safety net
            pending |= _files(inbox)
            last_scan = time.monotonic()
        for path in sorted(pending):
            if not path.exists():
                pending.discard(path)
            elif stability.stable(path):
                pending.discard(path)
                on_ready(path)
