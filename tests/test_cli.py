"""The command line as a user runs it: the installed ``tanu`` in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

TANU = str(Path(sys.executable).parent / "tanu")


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TANU_VAR_DIR": str(tmp_path), "COLUMNS": "120"}
    env.pop("TANU_DATABASE_URL", None)
    return subprocess.run([TANU, *args], capture_output=True, text=True, env=env, check=False)


def test_case_assess_json_with_a_vote(tmp_path: Path) -> None:
    out = _run(
        tmp_path,
        "case",
        "assess",
        "--learner",
        "L-0001",
        "--component",
        "MLB3215",
        "--platform",
        "coursera",
        "--score",
        "87,5",
        "--for",
        "5",
        "--against",
        "1",
        "--present",
        "6",
        "--submitted",
        "2026-11-20",
        "--json",
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["status"] == "ready" and data["destination"] == "registrar"
    decision = data["decision"]
    assert decision["outcome"] == "recognised"
    assert (decision["grade"]["letter"], decision["grade"]["points"]) == ("B+", 88)
    assert {"5.9", "5.7", "4.6"} <= set(decision["clauses"])
    assert all({"clause", "status", "reason_kk", "reason_en"} <= f.keys() for f in data["findings"])


def test_case_assess_table_names_clauses(tmp_path: Path) -> None:
    out = _run(
        tmp_path,
        "case",
        "assess",
        "--learner",
        "L-0004",
        "--component",
        "DIP4401",
        "--platform",
        "coursera",
        "--submitted",
        "2026-11-20",
    )
    assert out.returncode == 0, out.stderr
    assert "4.7" in out.stdout and "refused" in out.stdout and "дипломдық" in out.stdout
    # the commission's unanimous vote cannot recognise what a rule refuses: not recognised
    # (4.7), not "no decision" (5.5)
    voted = _run(
        tmp_path,
        *("case", "assess", "--learner", "L-0004", "--component", "DIP4401"),
        *("--platform", "coursera", "--submitted", "2026-11-20", "--json"),
        *("--score", "90", "--for", "7", "--present", "7"),
    )
    decision = json.loads(voted.stdout)["decision"]
    assert decision["outcome"] == "not-recognised"
    assert [(f["clause"], f["status"]) for f in decision["findings"]] == [("4.7", "refused")]


def test_case_assess_clear_errors(tmp_path: Path) -> None:
    unknown = _run(tmp_path, "case", "assess", "--learner", "L-9999", "--component", "X")
    assert unknown.returncode == 2 and "no learner 'L-9999'" in unknown.stderr
    bad_vote = _run(
        tmp_path,
        "case",
        "assess",
        "--learner",
        "L-0001",
        "--component",
        "MLB3215",
        "--platform",
        "coursera",
        "--score",
        "80",
        "--for",
        "9",
    )
    assert bad_vote.returncode == 2 and "the vote does not add up" in bad_vote.stderr
    bad_score = _run(
        tmp_path,
        "case",
        "assess",
        "--learner",
        "L-0001",
        "--component",
        "MLB3215",
        "--platform",
        "coursera",
        "--score",
        "101",
        "--for",
        "7",
    )
    assert bad_score.returncode == 2 and "outside the 100-point scale" in bad_score.stderr
    case = ["case", "assess", "--learner", "L-0001", "--component", "MLB3215"]
    alone = _run(tmp_path, *case, "--platform", "coursera", "--score", "150")
    assert alone.returncode == 2 and "outside the 100-point scale" in alone.stderr
    unvoted = _run(tmp_path, *case, "--platform", "coursera", "--score", "87")
    assert unvoted.returncode == 2 and "give the vote too" in unvoted.stderr
    word = _run(tmp_path, *case, "--score", "abc", "--for", "7", "--present", "7")
    assert word.returncode == 2 and "is not a number" in word.stderr
    assert "class" not in word.stderr


def test_demo_prints_findings_with_clauses(tmp_path: Path) -> None:
    out = _run(tmp_path, "demo")
    assert out.returncode == 0, out.stdout + out.stderr
    text = out.stdout
    for needle in (
        "4.6",
        "4.7",
        "5.7",
        "5.9",
        "Кворум жоқ",
        "төрағаның дауысы шешуші",
        "scenarios decided as the regulation expects",
    ):
        assert needle in text, needle
    assert (tmp_path / "demo" / "tanu.sqlite").is_file()
    # the main job: inbox → intake → sitting → the Registrar's outbox
    outbox = tmp_path / "demo" / "outbox" / "FIT-2026-16"
    names = {p.name for p in outbox.iterdir()}
    assert {
        "manifest.json",
        "hattama-16.docx",
        "tizilim-16.docx",
        "transcript-L-0005.docx",
        "otinish-L-0005-DSC3216.docx",
    } <= names
    assert (
        tmp_path
        / "demo"
        / "failed"
        / "6B06101"
        / "SEC3214"
        / "L-0011"
        / "scan-damaged.pdf.reason.txt"
    ).is_file()
    assert (
        tmp_path
        / "demo"
        / "archive"
        / "6B06101"
        / "DSC3216"
        / "L-0005"
        / "coursera-certificate.pdf"
    ).is_file()
    assert "the Registrar's outbox" in text and "EOF marker" not in out.stderr


def test_verify_gives_a_verdict_with_all_checks_for_the_demo_evidence(tmp_path: Path) -> None:
    assert _run(tmp_path, "demo").returncode == 0
    # the demo's sitting is in the demo's own ledger: the command says where to look
    elsewhere = _run(tmp_path, "render", "protocol", "--sitting", "16")
    assert elsewhere.returncode == 2 and "the demo keeps its own ledger" in elsewhere.stderr
    evidence = tmp_path / "demo" / "evidence" / "coursera-saduakassova.pdf"
    env = {
        **os.environ,
        "TANU_VAR_DIR": str(tmp_path),
        "TANU_DATABASE_URL": f"sqlite:///{tmp_path / 'demo' / 'tanu.sqlite'}",
    }
    out = subprocess.run(
        [TANU, "verify", str(evidence), "--learner", "L-0001", "--component", "MLB3215", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    rules = {c["rule"] for c in data["checks"]}
    assert {"evidence.kind", "issuer", "identity", "tamper"} <= rules
    assert "reuse" not in rules  # L-0001 handed it in first: not the reuse …
    assert "reuse.later-copy" in rules  # … of L-0002, who handed in the same file later
    # the issuer's answer comes from the demo ledger's cache: no network is needed
    assert data["issuer"]["outcome"] == "verified"
    assert data["status"] == "verified"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["status", "--learner", "L-9999"], "no learner 'L-9999'"),
        (["verify", "{tmp}/missing.pdf", "--learner", "L-0001"], "missing.pdf: no such file"),
        (["verify", "{tmp}", "--learner", "L-0001"], "a folder, not a file"),
        (["sitting", "record", "--file", "{tmp}/none.yaml"], "none.yaml: no such file"),
    ],
)
def test_a_wrong_file_or_learner_is_a_message_not_a_traceback(
    tmp_path: Path, args: list[str], said: str
) -> None:
    out = subprocess.run(
        [TANU, *[a.format(tmp=tmp_path) for a in args]],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "TANU_VAR_DIR": str(tmp_path / "var"), "COLUMNS": "200"},
    )
    assert out.returncode == 2, out.stderr
    assert said in out.stderr and "Traceback" not in out.stderr


def test_the_issuer_stand_in_answers_for_its_certificates(tmp_path: Path) -> None:
    """`tanu stand-in` for trials without network: the certificates given are answered as
    their issuers' pages, by ID, whatever the platform's check path; others are not found."""
    import re
    import time

    import httpx

    given = tmp_path / "certificates.yaml"
    given.write_text(
        "certificates:\n"
        "  - {platform: edx, id: 0123abcd4567, learner: Dana Umbetova, course: R Basics,"
        " issued_on: 2026-11-02}\n",
        encoding="utf-8",
    )
    port = _free_port()
    server = subprocess.Popen(
        [TANU, "stand-in", "--port", str(port), "--certificates", str(given)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        lines = [server.stdout.readline()]
        while not lines[-1].startswith("export") and lines[-1]:
            lines.append(server.stdout.readline())
        export = lines[-1]
        assert re.search(rf"verify\.edx\.org=http://127\.0\.0\.1:{port}", export), lines
        deadline = time.monotonic() + 10
        while True:
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/cert/0123abcd4567", timeout=2)
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert "Dana Umbetova" in page.text and "November 02, 2026" in page.text
        assert httpx.get(f"http://127.0.0.1:{port}/cert/unknown", timeout=2).status_code == 404
    finally:
        server.terminate()
        server.wait(10)
    given.write_text("certificates:\n  - {platform: mooc, id: X1234}\n", encoding="utf-8")
    bad = _run(tmp_path, "stand-in", "--certificates", str(given))
    assert bad.returncode == 1 and "certificates.0.platform" in bad.stderr, bad.stderr
    assert "Traceback" not in bad.stderr


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_help_loads_no_heavy_modules() -> None:
    """`tanu --help` (and every command's start) imports only the command line: the database,
    Prefect, the PDF and image libraries and the data files' schemas are loaded by the commands
    that use them (the start-up time is in `tanu bench cli`)."""
    heavy: tuple[str, ...] = ("sqlalchemy", "alembic", "prefect", "pydantic_settings", "PIL")
    heavy += ("pypdf", "httpx")
    heavy += ("docxtpl", "pytesseract", "flows.datafiles", "flows.settings")
    code = (
        "import sys\nfrom flows.cli.main import main\n"
        "for argv in (['--help'], ['case', '--help'], ['learner', 'recount', '--help']):\n"
        "    try:\n        main(argv)\n    except SystemExit:\n        pass\n"
        f"print([m for m in {heavy!r} if m in sys.modules])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout[-500:]
