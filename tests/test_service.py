"""tanu's services run as their systemd units say (deploy/systemd/, deploy/tanu.env), each a
separate process with the unit's own command line — only the install folder, the state folder
and the port are this test's: the Prefect server, `tanu serve` (deployments and the watcher),
`tanu stand-in` for the issuers, and a worker of the `tanu` pool.

Files are dropped as teachers drop them, one dropped again and one moved back from failed/; the
Prefect server is stopped in the middle and started again; every file is taken exactly once
within a bound. Then a sitting is opened, a record that is not filled in is refused before
anything is resumed, the filled one is recorded through the API, and the documents are found
in the Registrar's outbox; a case on which a sitting's vote took no decision is on the next
sitting's agenda; the night is on its schedule, and a run of it writes its report."""

from __future__ import annotations

import contextlib
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
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from flows.demo.issuer_stand_in import DEMO_CERTIFICATES
from flows.demo.pipeline import build_inbox

pytestmark = pytest.mark.long

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
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)  # what it started, if anything is left
        self.process = None

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


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


@dataclass
class Running:
    """The services started as their units say, for the tests of this module."""

    place: Place
    env: dict[str, str]
    server: Service
    serve: Service
    services: tuple[Service, ...]

    @property
    def api(self) -> str:
        return self.env["PREFECT_API_URL"]

    @property
    def var(self) -> Path:
        return Path(self.env["TANU_VAR_DIR"])

    def healthy(self) -> bool:
        return httpx.get(f"{self.api}/health", timeout=5).status_code == 200

    def served(self, deployment: str) -> bool:
        return httpx.get(f"{self.api}/deployments/name/{deployment}", timeout=5).is_success

    def runs_of(self, name: str) -> list[dict[str, Any]]:
        body = {"deployments": {"name": {"any_": [name]}}, "limit": 200}
        answer = httpx.post(f"{self.api}/flow_runs/filter", json=body, timeout=10)
        answer.raise_for_status()
        return list(answer.json())

    def state(self, run_id: str) -> str:
        return str(httpx.get(f"{self.api}/flow_runs/{run_id}", timeout=5).json()["state_type"])

    def tanu(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [TANU, *args], env=self.env, capture_output=True, text=True, check=False, timeout=900
        )

    def open_sitting(self, number: str) -> str:
        opened = self.tanu("sitting", "open", "--commission", "FIT-2026", "--number", number)
        assert opened.returncode == 0, opened.stderr
        [run] = [r for r in self.runs_of("sitting") if r["parameters"]["number"] == number]
        run_id = str(run["id"])
        _until(
            f"sitting {number} waits for its record",
            lambda: self.state(run_id) == "PAUSED",
            120,
            self.serve,
        )
        return run_id


TANU = str(ROOT / ".venv" / "bin" / "tanu")
# the stand-in answers for the demo's two certificates and these two (tests/ drop them)
THIRD = ("coursera", "QWERTY123456", "Aliya Saduakassova", "Machine Learning", "2026-11-10")
FOURTH = ("coursera", "ZXCVBN987654", "Yerlan Zhumabekov", "Machine Learning", "2026-11-10")


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    place = Place(tmp_path_factory.mktemp("service") / "state", _free_port())
    for folder in ("var", "prefect", "tmp"):  # as the README's IT section makes them
        (place.state / folder).mkdir(parents=True, mode=0o700)
    env = place.env()
    certificates = place.state.parent / "certificates.yaml"
    demo = "\n".join(
        f"  - {{platform: {c.platform}, id: '{c.id}', learner: {c.learner}, course: {c.course},"
        f" issued_on: {c.issued_on}, grade: {c.grade}}}"
        for c in DEMO_CERTIFICATES
    )
    ours = "\n".join(
        f"  - {{platform: {platform}, id: {ident}, learner: {learner}, course: {course},"
        f" issued_on: {day}}}"
        for platform, ident, learner, course, day in (THIRD, FOURTH)
    )
    certificates.write_text(f"certificates:\n{demo}\n{ours}\n", encoding="utf-8")
    stand_in = Service(place, "stand-in", env)
    stand_in.start(
        [TANU, "stand-in", "--port", str(_free_port()), "--certificates", str(certificates)]
    )
    server = Service(place, "prefect-server", env, "tanu-prefect-server.service")
    serve = Service(place, "tanu-serve", env, "tanu-serve.service")
    run = Running(place, env, server, serve, (stand_in, server, serve))
    try:
        exported = _until(
            "the stand-in prints what to export",
            lambda: re.search(r"export TANU_ISSUER_STAND_INS=(\S+)", stand_in.text()),
            30,
            stand_in,
        )
        env["TANU_ISSUER_STAND_INS"] = exported.group(1)  # as a trial's operator adds it
        server.start()
        _until("the Prefect server answers", run.healthy, STARTUP, server)
        serve.start()
        for deployment in ("tanu-file/file", "tanu-sitting/sitting"):
            _until(f"tanu serve serves {deployment}", partial(run.served, deployment), 120, serve)
        _until("the watcher beats", (run.var / "run" / "watcher.heartbeat").exists, 60, serve)
        yield run
    finally:
        for service in reversed(run.services):
            service.stop()


def hand_in(running: Running, learner_id: str, certificate: tuple[str, ...]) -> None:
    """A teacher drops a learner's Coursera certificate for MLB3215 with its manifest; it is
    taken within the bound."""
    from flows.demo.evidence import coursera_certificate
    from flows.demo.pipeline import MANIFEST

    folder = running.var / "inbox" / "6B06101" / "MLB3215" / learner_id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manifest.yaml").write_text(MANIFEST, encoding="utf-8")
    _, ident, learner, _, _ = certificate
    pdf = coursera_certificate(folder / f"{learner_id}-certificate.pdf", learner, ident)
    _until(
        f"{pdf.name} taken",
        lambda: (pdf.name, "processed") in outcomes(running.serve),
        BOUND,
        running.serve,
    )


def outcomes(serve: Service) -> list[tuple[str, str]]:
    """Each file's outcome as the service logged it (flow runs' lines included)."""
    return re.findall(r"intake: (\S+) of L-\d+: (\w+)", serve.text())


def test_the_services_run_as_their_units_say(running: Running) -> None:
    run, var, serve = running, running.var, running.serve
    inbox = var / "inbox"
    worker = Service(run.place, "worker", run.env, "tanu-worker.service")
    try:
        # the teachers' files: two certificates with their manifests, a damaged scan, junk
        build_inbox(inbox)
        kept = {".DS_Store", "manifest.yaml"}  # junk stays; the manifest is read, not taken
        dropped = [p for p in inbox.rglob("*") if p.is_file() and p.name not in kept]
        sightings = Counter(p.name for p in dropped)

        def taken(name: str) -> bool:  # its outcome logged as often as it was dropped
            return Counter(n for n, _ in outcomes(serve))[name] >= sightings[name]

        for path in dropped:
            _until(f"{path.name} taken", partial(taken, path.name), BOUND, serve)
        certificate = next(p for p in dropped if p.name == "coursera-certificate.pdf")
        damaged = next(p for p in dropped if p.name == "scan-damaged.pdf")
        _until("each file has its flow run", lambda: len(run.runs_of("file")) >= len(dropped), 60)

        assert sorted(outcomes(serve)) == [
            ("coursera-certificate.pdf", "processed"),
            ("scan-damaged.pdf", "failed"),
            ("stepik-sertifikat.pdf", "processed"),
        ], serve.text()[-5000:]

        # the same certificate dropped again, and the damaged scan moved back from failed/
        archived = next((var / "archive").rglob("coursera-certificate.pdf"))
        shutil.copy(archived, certificate)
        failed = next((var / "failed").rglob("scan-damaged.pdf"))
        os.rename(failed, damaged)
        for path in (certificate, damaged):
            sightings[path.name] += 1
            _until(f"{path.name} taken again", partial(taken, path.name), BOUND, serve)

        # the Prefect server goes away: a file dropped meanwhile is taken by the watcher itself
        run.server.stop()
        away = certificate.with_name("coursera-copy.pdf")
        shutil.copy(archived, away)
        sightings[away.name] += 1
        _until("a file taken while the server is away", partial(taken, away.name), BOUND, serve)
        assert "watcher: coursera-copy.pdf taken here" in serve.text()
        assert serve.running(), serve.text()[-3000:]
        # ... and back: the next file is a flow run again
        run.server.start()
        _until("the Prefect server answers again", run.healthy, STARTUP, run.server)
        back = certificate.with_name("coursera-after.pdf")
        shutil.copy(archived, back)
        sightings[back.name] += 1
        _until("a file taken after the server is back", partial(taken, back.name), BOUND, serve)
        _until(
            "the file after the restart has its flow run",
            lambda: any(r["parameters"]["path"] == str(back) for r in run.runs_of("file")),
            60,
            serve,
        )

        # every sighting taken exactly once: one outcome line each in the service's log
        lines = outcomes(serve)
        assert Counter(name for name, _ in lines) == sightings, lines
        assert ("coursera-certificate.pdf", "duplicate") in lines
        assert ("scan-damaged.pdf", "failed") in lines
        assert [p for p in inbox.rglob("*") if p.is_file() and p.name not in kept] == []
        assert [p for p in (var / "claims").rglob("*") if p.is_file()] == []
        assert serve.running()

        # a worker of the tanu pool (further machines) joins with its unit's command line
        worker.start()
        _until(
            "the worker is in the tanu pool",
            lambda: httpx.post(
                f"{run.api}/work_pools/tanu/workers/filter", json={}, timeout=5
            ).json(),
            120,
            worker,
        )

        # the sitting: opened, a record not filled in refused before anything is resumed,
        # the filled one recorded through the API, the documents in the outbox
        sitting = run.open_sitting("41")
        record = run.place.state / "decisions.yaml"
        which = ("--commission", "FIT-2026", "--number", "41")
        made = run.tanu("sitting", "template", *which, "--out", str(record))
        assert made.returncode == 0, made.stderr
        refused = run.tanu("sitting", "record", "--file", str(record))
        assert refused.returncode != 0 and "Traceback" not in refused.stderr, refused.stderr
        assert "votes" in refused.stderr and "resumed" not in refused.stdout
        assert run.state(sitting) == "PAUSED" and not (var / "outbox" / "FIT-2026-41").exists()
        text = record.read_text(encoding="utf-8")
        assert text.count("- case:") == 2, text
        text = text.replace("votes: {for: ,", "votes: {for: 7,").replace(
            "    score:\n", "    score: 86\n"
        )
        record.write_text(text, encoding="utf-8")
        recorded = run.tanu("sitting", "record", "--file", str(record))
        assert recorded.returncode == 0, recorded.stdout + recorded.stderr
        assert "resumed the waiting sitting run" in recorded.stdout
        assert run.state(sitting) == "COMPLETED"
        outbox = var / "outbox" / "FIT-2026-41"
        assert (outbox / "manifest.json").exists()
        assert len(list(outbox.glob("*.docx"))) >= 3, sorted(p.name for p in outbox.iterdir())
        assert serve.running()
    finally:
        worker.stop()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [  # a closed network: no background connections, no sandbox as root
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _browser_or_skip() -> None:
    """`make test` installs Debian's Chromium and Playwright (TANU_REQUIRE_BROWSER=1 there)."""
    missing = not Path(CHROMIUM).exists()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = True
    if missing:
        if os.environ.get("TANU_REQUIRE_BROWSER"):
            pytest.fail("Chromium or Playwright is missing (scripts/setup.sh test installs them)")
        pytest.skip("no Chromium or Playwright here (`make test` installs them)")


def test_the_secretary_records_a_sitting_in_the_prefect_ui(running: Running) -> None:
    """Headless Chromium opens the suspended sitting run in the Prefect UI: the form shows the
    agenda and comes pre-filled; a vote that does not add up is refused and the run waits again
    with the reason in its form; the corrected record completes the run and the documents
    reach the outbox. A screenshot of the form goes to TANU_SCREENSHOT_DIR (docs/ when made
    for the README), else beside the test's files."""
    _browser_or_skip()
    from playwright.sync_api import Locator, Page, sync_playwright

    hand_in(running, "L-0001", THIRD)
    run_id = running.open_sitting("42")
    ui = running.api.removesuffix("/api")
    shots = Path(os.environ.get("TANU_SCREENSHOT_DIR") or running.place.state)

    def refusal_shown() -> bool:
        key = "suspended-record-2-description"
        return httpx.get(f"{running.api}/flow_runs/{run_id}/input/{key}", timeout=5).is_success

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1300, "height": 1400})

        def form() -> Locator:
            page.goto(f"{ui}/runs/flow-run/{run_id}")
            page.get_by_role("button", name="Resume").click()
            dialog = page.get_by_role("dialog")
            dialog.get_by_text("Held On").wait_for()
            return dialog

        def fill(dialog: Locator, page: Page, votes_for: str) -> None:
            def field(label: str) -> Locator:
                return dialog.locator(
                    ".schema-form-property:has(> .p-label__header "
                    f'.schema-form-property__label:text-is("{label}"))'
                )

            score = field("Score (Optional)")
            if score.get_by_role("button", name="float").get_attribute("aria-selected") != "true":
                score.get_by_role("button", name="float").click()
            score.locator("input").fill("86")
            field("For").locator("input").fill(votes_for)
            resumed = page.get_by_text("Flow run resumed").first
            oops = page.get_by_text("Something went wrong")
            try:
                # as a secretary would: the UI's own error (its server's SQLite busy on a loaded
                # machine) is met by pressing Submit once more
                for _ in range(3):
                    errors = oops.count()
                    dialog.get_by_role("button", name="Submit").click()
                    deadline = time.monotonic() + 30
                    while (
                        time.monotonic() < deadline
                        and not resumed.is_visible()
                        and oops.count() <= errors
                    ):
                        page.wait_for_timeout(250)
                    if resumed.is_visible():
                        break
                resumed.wait_for(timeout=5_000)
            finally:
                page.screenshot(path=str(running.place.state / "submitted.png"))

        dialog = form()
        case = dialog.get_by_text("L-0001 Сәдуақасова Әлия", exact=False).first  # the agenda
        case.scroll_into_view_if_needed()
        box = case.bounding_box()
        assert box is not None and box["height"] > 0  # shown, not squeezed away
        assert dialog.locator('.schema-form-property__label:text-is("Case")').count() == 1
        page.screenshot(path=str(shots / "sitting-form.png"))
        fill(dialog, page, "6")  # 6 of 7 present: does not add up
        _until("the refused record's form", refusal_shown, 120, running.serve)
        _until("the run waits again", lambda: running.state(run_id) == "PAUSED", 60)
        dialog = form()
        reason = dialog.get_by_text("the record was refused", exact=False).first
        reason.scroll_into_view_if_needed()
        assert "does not add up" in dialog.inner_text()
        fill(dialog, page, "7")
        _until(
            "the sitting run completes",
            lambda: running.state(run_id) in {"COMPLETED", "FAILED", "CRASHED"},
            300,
            running.serve,
        )
        browser.close()
    assert running.state(run_id) == "COMPLETED", running.serve.text()[-3000:]
    outbox = running.var / "outbox" / "FIT-2026-42"
    assert (outbox / "manifest.json").exists()
    assert len(list(outbox.glob("*.docx"))) >= 3, sorted(p.name for p in outbox.iterdir())


def test_a_case_without_a_decision_comes_to_the_next_sitting(running: Running) -> None:
    """As processes, after the sittings above: a sitting whose vote takes no decision on a
    case (neither a majority nor a tie, 5.9) completes, and the next sitting's agenda lists
    the case again (that sitting deciding it: tests/test_sitting.py)."""
    hand_in(running, "L-0002", FOURTH)
    on_the_agenda = "# L-0002 Жұмабеков Ерлан Асқарұлы — MLB3215"
    run_id = running.open_sitting("43")
    record = running.place.state / "decisions-43.yaml"
    made = running.tanu(
        "sitting", "template", "--commission", "FIT-2026", "--number", "43", "--out", str(record)
    )
    assert made.returncode == 0, made.stderr
    text = record.read_text(encoding="utf-8")
    assert on_the_agenda in text, text
    text = text.replace(  # 3 of the 7 present: no majority, no tie
        "votes: {for: , against: 0, abstained: 0}", "votes: {for: 3, against: 2, abstained: 2}"
    )
    text = text.replace("    score:\n", "    score: 81\n")
    record.write_text(text.replace("    reviewed:\n", "    reviewed: true\n"), encoding="utf-8")
    recorded = running.tanu("sitting", "record", "--file", str(record))
    assert recorded.returncode == 0, recorded.stdout + recorded.stderr
    assert "L-0002 MLB3215: no-decision" in recorded.stdout, recorded.stdout
    assert running.state(run_id) == "COMPLETED"
    following = running.tanu("sitting", "template", "--commission", "FIT-2026", "--number", "44")
    assert following.returncode == 0, following.stderr
    assert on_the_agenda in following.stdout, following.stdout
    assert running.serve.running()


def test_the_nightly_deployment_is_scheduled_and_runs(running: Running) -> None:
    """As processes: `tanu serve` serves the night on prefect.yaml's schedule (02:00 Almaty),
    and a run of it — as an operator starts one with `prefect deployment run` — is taken by the
    service, re-assesses the undecided case (L-0002's, after the sitting without a decision)
    and writes its report in var/reports/."""
    deployment = httpx.get(f"{running.api}/deployments/name/tanu-nightly/nightly", timeout=5)
    assert deployment.is_success, deployment.text
    [schedule] = deployment.json()["schedules"]
    assert schedule["active"], schedule
    assert (schedule["schedule"]["cron"], schedule["schedule"]["timezone"]) == (
        "0 2 * * *",
        "Asia/Almaty",
    )
    if ("L-0002-certificate.pdf", "processed") not in outcomes(running.serve):
        hand_in(running, "L-0002", FOURTH)  # this test alone: the undecided case made here
    reports = running.var / "reports"
    before = {p: p.stat().st_mtime_ns for p in reports.glob("nightly-*.txt")}
    started = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "prefect"), "deployment", "run", "tanu-nightly/nightly"],
        env=running.env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert started.returncode == 0, started.stdout + started.stderr
    uuid = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    run_id = re.search(rf"UUID: ({uuid})", started.stdout)
    assert run_id, started.stdout
    _until(
        "the night's run completes",
        lambda: running.state(run_id[1]) in {"COMPLETED", "FAILED", "CRASHED"},
        120,
        running.serve,
    )
    assert running.state(run_id[1]) == "COMPLETED", running.serve.text()[-3000:]
    # the scheduler has put the next nights on the calendar, each at 02:00 in Almaty
    almaty = ZoneInfo("Asia/Almaty")
    nights = [
        datetime.fromisoformat(r["expected_start_time"]).astimezone(almaty)
        for r in running.runs_of("nightly")
        if r["state_type"] == "SCHEDULED"
    ]
    assert nights and {(n.hour, n.minute) for n in nights} == {(2, 0)}, nights
    [report] = [p for p in reports.glob("nightly-*.txt") if before.get(p) != p.stat().st_mtime_ns]
    text = report.read_text(encoding="utf-8")
    assert "cases assessed again: 1\n" in text, text
    assert "error:" not in text, text
    assert re.search(r"^batch: 1 on \S+ \(process \d+\)", text, re.M), text
    assert running.serve.running()
