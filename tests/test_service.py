"""tanu's services run as their systemd units say (deploy/systemd/, deploy/tanu.env), each a
separate process with the unit's own command line — only the install folder, the state folder
and the port are this test's: the Prefect server, `tanu serve` (deployments and the watcher),
`tanu stand-in` for the issuers, and a worker of the `tanu` pool.

Files are dropped as teachers drop them, one dropped again and one moved back from failed/; the
Prefect server is stopped in the middle and started again; every file is taken exactly once
within a bound. Then a sitting is opened, a record that is not filled in is refused before
anything is resumed, the filled one is recorded through the API, and the documents are found
in the Registrar's outbox."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import pytest

from flows.demo.pipeline import build_inbox

ROOT = Path(__file__).resolve().parent.parent
BOUND = 90.0  # seconds within which a file dropped is taken
STARTUP = 240.0  # a fresh Prefect server creates its database first


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Place:
    """This test's stand-ins for the unit files' paths and port."""

    state: Path
    port: int

    def here(self, text: str) -> str:
        return (
            text.replace("/opt/tanu", str(ROOT))
            .replace("/var/lib/tanu", str(self.state))
            .replace("4200", str(self.port))
        )

    def env(self) -> dict[str, str]:
        """deploy/tanu.env as systemd reads it (KEY=value lines), over a bare environment."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TANU_", "PREFECT_"))}
        for line in (ROOT / "deploy" / "tanu.env").read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                key, _, value = line.partition("=")
                env[key] = self.here(value)
        return env

    def unit(self, name: str) -> tuple[list[str], Path]:
        """A unit's ExecStart and WorkingDirectory."""
        fields: dict[str, str] = {}
        for line in (ROOT / "deploy" / "systemd" / name).read_text(encoding="utf-8").splitlines():
            key, sep, value = line.partition("=")
            if sep and not line.startswith("#"):
                fields[key.strip()] = value.strip()
        assert fields["EnvironmentFile"] == "/etc/tanu/tanu.env"
        assert fields["UMask"] == "0077"
        command = shlex.split(self.here(fields["ExecStart"]))
        return command, Path(self.here(fields["WorkingDirectory"]))


class Service:
    """One process as its unit starts it (umask 0077, its own process group), its output in a
    log file."""

    def __init__(self, place: Place, name: str, env: dict[str, str], unit: str = "") -> None:
        self.name = name
        self.command, self.cwd = place.unit(unit) if unit else ([], place.state)
        self.env = env
        self.log = place.state / f"{name}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, command: list[str] | None = None) -> Service:
        self.cwd.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                command or self.command,
                cwd=self.cwd,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                umask=0o077,
                start_new_session=True,
            )
        return self

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        with _suppress_lookup():
            os.killpg(self.process.pid, signal.SIGKILL)  # what it started, if anything is left
        self.process = None

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


class _suppress_lookup:
    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, *_: object) -> bool:
        return kind is ProcessLookupError


def _until(what: str, check: Callable[[], Any], seconds: float, *logs: Service) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            found = check()
        except httpx.HTTPError:
            found = None
        if found:
            return found
        time.sleep(0.5)
    tails = "\n".join(f"--- {s.name}\n{s.text()[-3000:]}" for s in logs)
    raise AssertionError(f"not within {seconds:.0f} s: {what}\n{tails}")


@pytest.fixture
def place(tmp_path: Path) -> Iterator[Place]:
    yield Place(tmp_path / "state", _free_port())


def test_the_services_run_as_their_units_say(place: Place) -> None:
    env = place.env()
    api = env["PREFECT_API_URL"]
    var = Path(env["TANU_VAR_DIR"])
    inbox = var / "inbox"
    tanu = str(ROOT / ".venv" / "bin" / "tanu")

    stand_in_port = _free_port()
    stand_in = Service(place, "stand-in", env)
    stand_in.start([tanu, "stand-in", "--port", str(stand_in_port)])
    exported = _until(
        "the stand-in prints what to export",
        lambda: re.search(r"export TANU_ISSUER_STAND_INS=(\S+)", stand_in.text()),
        30,
        stand_in,
    )
    env["TANU_ISSUER_STAND_INS"] = exported.group(1)  # as a trial's operator would add it

    server = Service(place, "prefect-server", env, "tanu-prefect-server.service")
    serve = Service(place, "tanu-serve", env, "tanu-serve.service")
    worker = Service(place, "worker", env, "tanu-worker.service")
    services = (stand_in, server, serve, worker)

    def healthy() -> bool:
        return httpx.get(f"{api}/health", timeout=5).status_code == 200

    def runs_of(name: str) -> list[dict[str, Any]]:
        body = {"deployments": {"name": {"any_": [name]}}, "limit": 200}
        answer = httpx.post(f"{api}/flow_runs/filter", json=body, timeout=10)
        answer.raise_for_status()
        return list(answer.json())

    def taken(path: Path) -> bool:
        return not path.exists()

    def served(deployment: str) -> bool:
        return httpx.get(f"{api}/deployments/name/{deployment}", timeout=5).is_success

    try:
        server.start()
        _until("the Prefect server answers", healthy, STARTUP, server)
        serve.start()
        heartbeat = var / "run" / "watcher.heartbeat"
        for deployment in ("tanu-file/file", "tanu-sitting/sitting"):
            _until(
                f"tanu serve serves {deployment}",
                partial(served, deployment),
                120,
                serve,
            )
        _until("the watcher beats", heartbeat.exists, 60, serve)

        # the teachers' files: two certificates with their manifests, a damaged scan, junk
        build_inbox(inbox)
        kept = {".DS_Store", "manifest.yaml"}  # junk stays; the manifest is read, not taken
        dropped = [p for p in inbox.rglob("*") if p.is_file() and p.name not in kept]
        for path in dropped:
            _until(f"{path.name} taken", partial(taken, path), BOUND, serve)
        sightings = Counter(p.name for p in dropped)
        certificate = next(p for p in dropped if p.name == "coursera-certificate.pdf")
        damaged = next(p for p in dropped if p.name == "scan-damaged.pdf")
        _until("each file has its flow run", lambda: len(runs_of("file")) >= len(dropped), 60)

        # the same certificate dropped again, and the damaged scan moved back from failed/
        archived = next((var / "archive").rglob("coursera-certificate.pdf"))
        shutil.copy(archived, certificate)
        failed = next((var / "failed").rglob("scan-damaged.pdf"))
        os.rename(failed, damaged)
        for path in (certificate, damaged):
            sightings[path.name] += 1
            _until(f"{path.name} taken again", partial(taken, path), BOUND, serve)

        # the Prefect server goes away: a file dropped meanwhile is taken by the watcher itself
        server.stop()
        away = certificate.with_name("coursera-copy.pdf")
        shutil.copy(archived, away)
        sightings[away.name] += 1
        _until("a file taken while the server is away", lambda: taken(away), BOUND, serve)
        assert "watcher: coursera-copy.pdf taken here" in serve.text()
        assert serve.running(), serve.text()[-3000:]
        # ... and back: the next file is a flow run again
        server.start()
        _until("the Prefect server answers again", healthy, STARTUP, server)
        back = certificate.with_name("coursera-after.pdf")
        shutil.copy(archived, back)
        sightings[back.name] += 1
        _until("a file taken after the server is back", lambda: taken(back), BOUND, serve)
        _until(
            "the file after the restart has its flow run",
            lambda: any(r["parameters"]["path"] == str(back) for r in runs_of("file")),
            60,
            serve,
        )

        # every sighting taken exactly once: one outcome line each in the service's log
        lines = re.findall(r"intake: (\S+) of (L-\d+): (\w+)", serve.text())
        assert Counter(name for name, _, _ in lines) == sightings, lines
        outcomes = {(n, o) for n, _, o in lines}
        assert ("coursera-certificate.pdf", "duplicate") in outcomes
        assert ("scan-damaged.pdf", "failed") in outcomes
        assert [p for p in inbox.rglob("*") if p.is_file() and p.name not in kept] == []
        assert [p for p in (var / "claims").rglob("*") if p.is_file()] == []
        assert serve.running()

        # a worker of the tanu pool (further machines) joins with its unit's command line
        worker.start()
        _until(
            "the worker is in the tanu pool",
            lambda: httpx.post(f"{api}/work_pools/tanu/workers/filter", json={}, timeout=5).json(),
            120,
            worker,
        )

        # the sitting: opened, a record not filled in refused before anything is resumed,
        # the filled one recorded through the API, the documents in the outbox
        def tanu_cli(*args: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [tanu, *args], env=env, capture_output=True, text=True, check=False, timeout=900
            )

        opened = tanu_cli("sitting", "open", "--commission", "FIT-2026", "--number", "41")
        assert opened.returncode == 0, opened.stderr
        [sitting] = [r for r in runs_of("sitting") if r["parameters"]["number"] == "41"]

        def state() -> str:
            run = httpx.get(f"{api}/flow_runs/{sitting['id']}", timeout=5).json()
            return str(run["state_type"])

        _until("the sitting waits for its record", lambda: state() == "PAUSED", 120, serve)
        record = place.state / "decisions.yaml"
        which = ("--commission", "FIT-2026", "--number", "41")
        made = tanu_cli("sitting", "template", *which, "--out", str(record))
        assert made.returncode == 0, made.stderr
        refused = tanu_cli("sitting", "record", "--file", str(record))
        assert refused.returncode != 0 and "Traceback" not in refused.stderr, refused.stderr
        assert "votes" in refused.stderr and "resumed" not in refused.stdout
        assert state() == "PAUSED" and not (var / "outbox" / "FIT-2026-41").exists()
        text = record.read_text(encoding="utf-8")
        assert text.count("- case:") == 2, text
        text = text.replace("votes: {for: ,", "votes: {for: 7,").replace(
            "    score:\n", "    score: 86\n"
        )
        record.write_text(text, encoding="utf-8")
        recorded = tanu_cli("sitting", "record", "--file", str(record))
        assert recorded.returncode == 0, recorded.stdout + recorded.stderr
        assert "resumed the waiting sitting run" in recorded.stdout
        assert state() == "COMPLETED"
        outbox = var / "outbox" / "FIT-2026-41"
        assert (outbox / "manifest.json").exists()
        assert len(list(outbox.glob("*.docx"))) >= 3, sorted(p.name for p in outbox.iterdir())
        assert serve.running()
    finally:
        for service in reversed(services):
            service.stop()
