"""The watcher's hand-off while the Prefect server is away: the real Prefect client fails to
reach a closed port, and the file is taken here, in this process, by real intake (archived,
with its case); the server is asked again only after a pause that doubles. `tanu serve`
without a server address is refused with what to do."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from prefect.settings import PREFECT_API_URL, PREFECT_CLIENT_MAX_RETRIES, temporary_settings

from flows.datafiles import Catalog
from flows.demo.evidence import coursera_certificate as certificate
from flows.demo.issuer_stand_in import Route, coursera_page, issuer_server
from flows.intake.dispatch import Dispatcher
from flows.serving import start_file_run, taker
from flows.settings import Settings
from tests.test_intake import Clock

TANU = str(Path(sys.executable).parent / "tanu")


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def settings(tmp_path: Path, catalog: Catalog) -> Iterator[Settings]:
    with issuer_server() as server:
        server.routes["/verify/QWERTY123456"] = Route(
            body=coursera_page("Aliya Saduakassova", "Machine Learning", "Nov 10, 2026")
        )
        hosts = [h for p in catalog.platforms.values() for h in p.hosts]
        yield Settings.from_env(
            {
                "TANU_VAR_DIR": str(tmp_path / "var"),
                "TANU_ISSUER_STAND_INS": ",".join(f"{h}={server.base}" for h in hosts),
            }
        )


def test_files_are_taken_here_while_the_server_is_away(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    var = settings.var_dir
    folder = var / "inbox" / "6B06101" / "MLB3215" / "L-0001"
    folder.mkdir(parents=True)
    first = certificate(folder / "cert.pdf", "Aliya Saduakassova", "QWERTY123456")
    second = folder / "notes.pdf"
    second.write_bytes(b"%PDF-1.4 not really")
    clock = Clock()
    dispatch = Dispatcher(var, start_file_run, taker(settings), clock=clock)
    away = f"http://127.0.0.1:{_closed_port()}/api"
    caplog.set_level(logging.INFO, logger="flows.intake.dispatch")
    with temporary_settings({PREFECT_API_URL: away, PREFECT_CLIENT_MAX_RETRIES: 0}):
        assert dispatch(first).startswith("processed")
        assert dispatch(second).startswith("failed")  # within the pause: not asked again
        asked = [r for r in caplog.records if "did not take" in r.getMessage()]
        assert len(asked) == 1 and "asked again in 5 s" in asked[0].getMessage()
        clock.now += 6  # past the pause: asked again, still away, the pause doubled
        third = folder / "again.pdf"  # the teacher drops the same certificate again
        third.write_bytes(
            (var / "archive" / "6B06101" / "MLB3215" / "L-0001" / "cert.pdf").read_bytes()
        )
        assert dispatch(third).startswith("duplicate")
        asked = [r for r in caplog.records if "did not take" in r.getMessage()]
        assert len(asked) == 2 and "asked again in 10 s" in asked[1].getMessage()
    assert (var / "archive" / "6B06101" / "MLB3215" / "L-0001" / "cert.pdf").is_file()
    assert (var / "failed" / "6B06101" / "MLB3215" / "L-0001" / "notes.pdf").is_file()


def test_serve_without_a_server_address_says_what_to_do(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env |= {"TANU_VAR_DIR": str(tmp_path), "PREFECT_HOME": str(tmp_path / "prefect")}
    done = subprocess.run([TANU, "serve"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "PREFECT_API_URL is not set" in done.stderr and "Traceback" not in done.stderr


def test_serve_waits_for_the_server_then_ends_with_a_message(tmp_path: Path) -> None:
    """Started before its server answers (the services start together), `tanu serve` waits
    `prefect_wait_seconds`, then ends with a message (exit 1) for its supervisor to start it
    again — it once died at once with a traceback."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env |= {
        "TANU_VAR_DIR": str(tmp_path),
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PREFECT_API_URL": f"http://127.0.0.1:{_closed_port()}/api",
        "TANU_PREFECT_WAIT_SECONDS": "3",
    }
    started = time.monotonic()
    done = subprocess.run([TANU, "serve"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "did not answer within 3 s" in done.stderr and "Traceback" not in done.stderr
    assert "waiting for the Prefect server" in done.stderr
    assert time.monotonic() - started >= 3
