"""Verifying one evidence file for a learner: extract, ask the issuer (cached), check identity,
deadlines, reuse and tampering, and store the evidence and its verdict in the database."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from extractors.model import EvidenceKind, Extraction
from extractors.pipeline import Extractor
from flows.cases.casework import syllabus_for
from flows.datafiles import Catalog
from flows.errors import UsageError
from flows.intake.folders import sha256_of
from flows.settings import Settings
from flows.store import ledger
from flows.store.db.models import EvidenceRow, IssuerCheckRow, VerdictRow
from recognition.case import Purpose
from recognition.catalog import Learner, Platform
from verifiers.fetch import FetchPolicy, IssuerFetcher
from verifiers.issuers import (
    Claim,
    IssuerAnswer,
    IssuerOutcome,
    IssuerRecord,
    IssuerResult,
    ask_issuer,
    ask_with_alternates,
    judge,
)
from verifiers.reuse import EarlierEvidence, check_reuse
from verifiers.tampering import pdf_facts, tampering_signals
from verifiers.verdict import Verdict, build_verdict


def issuer_max_age(settings: Settings) -> timedelta:
    """How old an issuer's answer may be before it is asked again."""
    return timedelta(days=settings.issuer_max_age_days)


def make_fetcher(
    catalog: Catalog, settings: Settings, client: httpx.Client, policy: FetchPolicy | None = None
) -> IssuerFetcher:
    hosts = frozenset(h for p in catalog.platforms.values() for h in p.hosts)
    policy = policy or FetchPolicy(min_interval=settings.issuer_interval_seconds)
    return IssuerFetcher(client, hosts, settings.issuer_stand_ins, policy)


@dataclass(frozen=True)
class Verification:
    evidence_id: int
    sha256: str
    verdict: Verdict

    def as_json(self) -> dict[str, Any]:
        issuer = self.verdict.issuer
        return {
            "evidence_id": self.evidence_id,
            "sha256": self.sha256,
            "status": self.verdict.status.value,
            "fields": self.verdict.extraction.to_json(),
            "issuer": None
            if issuer is None
            else {
                "outcome": issuer.outcome.value,
                "url": issuer.url,
                "differences": list(issuer.differences),
                "reason": issuer.reason,
            },
            "checks": [f.as_dict() for f in self.verdict.findings],
        }


@dataclass
class Verifier:
    catalog: Catalog
    session: Session
    extractor: Extractor
    fetcher: IssuerFetcher | None
    max_age: timedelta  # flows.settings: issuer_max_age_days
    day_of: Callable[[datetime], date]  # flows.settings: Settings.day_of (the university's day)
    # answers asked ahead, at once, for a batch (:meth:`ask_ahead`), used once each
    _ahead: dict[tuple[str, str], IssuerAnswer] = field(default_factory=dict)

    def ask_ahead(self, extractions: Sequence[Extraction], at_once: int) -> None:
        """Ask the issuers about these certificates ``at_once`` at a time (the fetcher keeps
        each host's interval); the verifications that follow use the answers instead of
        asking one after another. Only the HTTP requests run in threads: the database
        stays with the caller's thread."""
        if self.fetcher is None:
            return
        wanted = {}
        for e in extractions:
            url = e.check_url or e.verify_url
            if e.kind is EvidenceKind.CERTIFICATE and e.certificate_id and e.platform and url:
                wanted[(e.platform, e.certificate_id)] = url
        fetcher = self.fetcher

        def ask(key: tuple[str, str]) -> IssuerAnswer:
            return ask_issuer(fetcher, self.catalog.platforms[key[0]], wanted[key], key[1])

        with ThreadPoolExecutor(max(1, at_once)) as pool:
            self._ahead.update(zip(wanted, pool.map(ask, wanted), strict=True))

    def verify(
        self,
        path: Path,
        learner_id: str,
        component: str | None = None,
        purpose: Purpose | None = None,
        arrived_at: datetime | None = None,
        stored: tuple[str, Extraction] | None = None,
    ) -> Verification:
        """Verify ``path`` for ``learner_id``. ``stored``: the file's SHA-256 and extraction as
        the store holds them (the nightly re-check), so the file is not read again."""
        learner = self.catalog.learners.get(learner_id)
        if learner is None:
            raise UsageError(f"no learner {learner_id!r} in data/learners.yaml")
        arrived = arrived_at or datetime.now(UTC)
        digest, extraction = stored or (sha256_of(path), self.extractor.extract(path))
        earlier = self._earlier(digest, extraction)
        ledger.ensure_learner(self.session, learner)
        row = self._store_evidence(path, learner_id, digest, extraction, arrived)
        syllabus = (
            syllabus_for(self.catalog, learner.programme, component, self.day_of(arrived))
            if component
            else None
        )
        issuer = self._issuer(extraction, learner)
        tamper = []
        if path.suffix.lower() == ".pdf" and (facts := pdf_facts(path)) is not None:
            platform = self.catalog.platforms.get(extraction.platform or "")
            tamper = tampering_signals(
                facts, platform.generators if platform else [], extraction.issued_on
            )
        verdict = build_verdict(
            extraction,
            learner,
            issuer=issuer,
            syllabus=syllabus,
            submitted_on=self.day_of(arrived),
            partial=bool(purpose and purpose.partial_mooc),
            reuse=check_reuse(
                learner_id,
                digest,
                extraction.platform,
                extraction.certificate_id,
                row.arrived_at,
                row.id,
                earlier,
            ),
            tampering=tamper,
        )
        self.session.add(
            VerdictRow(
                evidence_id=row.id,
                learner_id=learner_id,
                component=component,
                status=verdict.status.value,
                findings=json.dumps([f.as_dict() for f in verdict.findings], ensure_ascii=False),
                created_at=datetime.now(UTC),
            )
        )
        self.session.flush()
        return Verification(row.id, digest, verdict)

    # -- steps ---------------------------------------------------------------------------
    def _earlier(self, digest: str, extraction: Extraction) -> list[EarlierEvidence]:
        conditions = [EvidenceRow.sha256 == digest]
        if extraction.certificate_id:
            conditions.append(EvidenceRow.certificate_id == extraction.certificate_id)
        rows = self.session.scalars(select(EvidenceRow).where(or_(*conditions)))
        return [
            EarlierEvidence(
                r.learner_id, r.sha256, r.certificate_id, r.platform, r.arrived_at, r.id
            )
            for r in rows
        ]

    def _store_evidence(
        self, path: Path, learner_id: str, digest: str, extraction: Extraction, arrived: datetime
    ) -> EvidenceRow:
        existing = self.session.scalar(
            select(EvidenceRow).where(
                EvidenceRow.learner_id == learner_id, EvidenceRow.sha256 == digest
            )
        )
        if existing is not None:  # the same learner, the same file: the same evidence
            return existing
        row = EvidenceRow(
            learner_id=learner_id,
            sha256=digest,
            kind=extraction.kind.value,
            original_name=path.name,
            stored_path=str(path),
            issued_on=extraction.issued_on,
            arrived_at=arrived,
            platform=extraction.platform,
            certificate_id=extraction.certificate_id,
            fields=json.dumps(extraction.to_json(), ensure_ascii=False),
        )
        self.session.add(row)
        self.session.flush()
        return row

    def _issuer(self, extraction: Extraction, learner: Learner) -> IssuerResult | None:
        check_url = extraction.check_url or extraction.verify_url
        if (
            extraction.kind is not EvidenceKind.CERTIFICATE
            or not extraction.certificate_id
            or not extraction.platform
            or not check_url
        ):
            return None
        platform = self.catalog.platforms[extraction.platform]
        claim = Claim(
            extraction.certificate_id,
            check_url,
            extraction.learner_name,
            extraction.course_title,
            extraction.issued_on,
            extraction.grade_percent,
            learner.full_name,
            learner.name_latin,
        )

        def ask(url: str, ident: str) -> IssuerAnswer:
            return self._answer(platform, url, ident)

        return judge(
            ask_with_alternates(ask, check_url, claim.certificate_id, extraction.id_alternates),
            claim,
        )

    def _answer(self, platform: Platform, url: str, ident: str) -> IssuerAnswer:
        """The issuer's answer, from the cache while it is fresh, else asked and cached."""
        cached = self.session.scalar(
            select(IssuerCheckRow).where(
                IssuerCheckRow.platform == platform.id, IssuerCheckRow.certificate_id == ident
            )
        )
        if (
            cached is not None
            and cached.outcome not in ("unreachable", "refused")
            and _aware(cached.checked_at) > datetime.now(UTC) - self.max_age
        ):
            return IssuerAnswer(
                IssuerOutcome(cached.outcome),
                cached.url,
                _record_from_json(cached.record),
                cached.reason,
            )
        if self.fetcher is None:
            return IssuerAnswer(
                IssuerOutcome.UNREACHABLE, url, reason="no network access is configured"
            )
        answer = self._ahead.pop((platform.id, ident), None) or ask_issuer(
            self.fetcher, platform, url, ident
        )
        if cached is None:
            cached = IssuerCheckRow(platform=platform.id, certificate_id=ident)
            self.session.add(cached)
        cached.outcome = answer.outcome.value
        cached.url = answer.url
        cached.record = _record_to_json(answer.record)
        cached.reason = answer.reason
        cached.checked_at = datetime.now(UTC)
        self.session.flush()
        return answer


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _record_to_json(record: IssuerRecord | None) -> str | None:
    if record is None:
        return None
    data = asdict(record)
    data["completed_on"] = record.completed_on.isoformat() if record.completed_on else None
    return json.dumps(data, ensure_ascii=False)


def _record_from_json(text: str | None) -> IssuerRecord | None:
    if not text:
        return None
    data = json.loads(text)
    day = data.get("completed_on")
    return IssuerRecord(
        data.get("name"),
        data.get("course"),
        date.fromisoformat(day) if day else None,
        data.get("grade"),
    )
