"""``tanu bench nightly``: the night's re-check over a ledger of ``items`` stored certificates
(the ledger only grows: recognition is lifelong, 4.3), against the issuer stand-in on
127.0.0.1 answering each check after ``latency`` seconds.

The ledger, made fresh in a SQLite file: the learners of data/learners.yaml, one case per five
certificates, a tenth of the cases undecided; every certificate with its verdict and the
issuer's answer (30 days old; for undecided cases, half of them a day old); 1% of the verdicts
*pending* (the issuer was unreachable).
The night then asks again for the pending ones and for the undecided cases' certificates, and
assesses the undecided cases again. It runs in a process of its own (its peak memory is its
own), which counts every file it reads: the night reads none.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from rich.console import Console
from sqlalchemy import insert

from flows.bench.measure import Figure, run_child
from flows.datafiles import Catalog
from flows.demo.evidence import coursera_certificate
from flows.demo.issuer_stand_in import StandInCertificate, answering, issuer_server
from flows.store import ledger
from flows.store.db.engine import open_database
from flows.store.db.models import CaseRow, EvidenceRow, IssuerCheckRow, VerdictRow

PENDING_SHARE = 0.01
OPEN_SHARE = 0.1
PER_CASE = 5


def certificate_id(n: int) -> str:
    return f"NB{n:010d}"


def build_ledger(catalog: Catalog, url: str, items: int, certificate: Path) -> list[str]:
    """The ledger described in the module docstring; the IDs the issuer will be asked for."""
    rng = random.Random(7)
    learners = sorted(catalog.learners.values(), key=lambda x: x.id)
    month_ago = datetime.now(UTC) - timedelta(days=30)
    yesterday = datetime.now(UTC) - timedelta(days=1)
    fields = {
        "kind": "certificate", "platform": "coursera", "course_title": "Machine Learning",
        "issued_on": "2026-11-10", "text_source": "pdf-text", "warnings": [],
    }  # fmt: skip
    asked: list[str] = []
    with open_database(url)() as session:
        for learner in learners:
            ledger.ensure_learner(session, learner)
        session.commit()
        cases, evidence, verdicts, checks = [], [], [], []
        for n in range(items):
            learner = learners[n % len(learners)]
            programme = catalog.programmes[learner.programme]
            case_id = n // PER_CASE + 1
            undecided = case_id % round(1 / OPEN_SHARE) == 0
            if n % PER_CASE == 0:
                cases.append(
                    {
                        "id": case_id, "learner_id": learner.id, "programme": programme.code,
                        "component": programme.components[n % 20].code,
                        "purpose": "full-replacement", "education": "non-formal",
                        "platform": "coursera", "correspondence": "same",
                        "submitted_on": date(2026, 11, 12), "documents": "application,"
                        "identity-document,certificate",
                        "status": "ready" if undecided else "recognised", "created_at": month_ago,
                    }
                )  # fmt: skip
            ident = certificate_id(n)
            pending = rng.random() < PENDING_SHARE
            # an undecided case's answer is old for half of them (waiting more than a week)
            stale = undecided and n % 2 == 0
            if pending or stale:
                asked.append(ident)
            name = learner.name_latin.title()
            evidence.append(
                {
                    "id": n + 1, "learner_id": learner.id, "case_id": case_id,
                    "sha256": f"{n:064x}", "kind": "certificate",
                    "original_name": f"{ident}.pdf", "stored_path": str(certificate),
                    "issued_on": date(2026, 11, 10), "arrived_at": month_ago,
                    "platform": "coursera", "certificate_id": ident,
                    "fields": json.dumps(
                        {**fields, "learner_name": name, "certificate_id": ident,
                         "check_url": f"https://coursera.org/verify/{ident}"}
                    ),
                }
            )  # fmt: skip
            verdicts.append(
                {
                    "evidence_id": n + 1, "learner_id": learner.id, "component": None,
                    "status": "pending" if pending else "verified", "findings": "[]",
                    "created_at": month_ago,
                }
            )  # fmt: skip
            checks.append(
                {
                    "platform": "coursera", "certificate_id": ident,
                    "outcome": "unreachable" if pending else "verified", "reason": "",
                    "checked_at": month_ago if stale or not undecided else yesterday,
                }
            )  # fmt: skip
        for table, rows in (
            (CaseRow, cases), (EvidenceRow, evidence), (VerdictRow, verdicts),
            (IssuerCheckRow, checks),
        ):  # fmt: skip
            session.execute(insert(table), rows)
        session.commit()
    return asked


def run(
    catalog: Catalog, console: Console, *, items: int, latency: float, data_dir: Path
) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="tanu-bench-nightly-") as tmp:
        work = Path(tmp)
        url = f"sqlite:///{work / 'ledger.sqlite'}"
        name = "Aliya Saduakassova"
        certificate = coursera_certificate(work / "certificate.pdf", name, certificate_id(0))
        asked = build_ledger(catalog, url, items, certificate)
        answer = answering(stand_in_certificates(catalog, asked), latency)
        with issuer_server(answer=answer) as server:
            done = run_child(
                [sys.executable, "-m", "flows.bench.nightly_child", url, server.base,
                 str(data_dir)]
            )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"the nightly run failed: {done.stderr[-800:]}")
        result = json.loads(done.stdout.strip().splitlines()[-1])
    seconds = result["seconds"]
    console.print(
        f"nightly: {items} certificates in the ledger, {len(asked)} asked again "
        f"(issuer answering in {latency * 1000:.0f} ms), {result['reassessed']} cases assessed "
        f"again: {seconds:.1f} s, files read {result['files_read']}, peak {done.peak_mib:.0f} MiB"
    )
    scale = items / 10_000  # the targets are stated for 10,000 items
    return [
        Figure(
            "nightly", f"the night over {items} stored items", f"{seconds:.1f} s",
            f"{len(asked)} checks × {latency * 1000:.0f} ms = {len(asked) * latency:.1f} s "
            "of issuer time",
            f"≤ {60 * scale:.0f} s", seconds <= 60 * scale,
        ),
        Figure("nightly", "files read (OCR) at night", str(result["files_read"]), "", "0",
               result["files_read"] == 0),
        Figure("nightly", "peak memory", f"{done.peak_mib:.0f} MiB", "", "< 1024 MiB",
               done.peak_mib < 1024),
    ]  # fmt: skip


def stand_in_certificates(catalog: Catalog, idents: Sequence[str]) -> list[StandInCertificate]:
    """What the issuer says about each of these certificates of :func:`build_ledger`."""
    learners = sorted(catalog.learners.values(), key=lambda x: x.id)
    return [
        StandInCertificate(
            platform="coursera", id=ident, learner=learners[int(ident[2:]) % len(learners)]
            .name_latin.title(), course="Machine Learning", issued_on=date(2026, 11, 10),
        )
        for ident in idents
    ]  # fmt: skip
