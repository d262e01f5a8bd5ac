"""The watched folder: ``inbox/<programme>/<component>/<learner>/<files>``.

A file is taken only when it is stable (size and modification time unchanged for a while), then
hashed, copied into the store, read and checked (:mod:`flows.intake.verification`), and the
learner's case for the component is (re)assessed. The original leaves the inbox only after its
result is committed to the database: to ``archive/`` on success, to ``failed/`` with
``<name>.reason.txt`` beside it otherwise. A file seen again (same learner, same SHA-256) makes
no new case. OS junk and partial downloads are ignored. A ``manifest.yaml`` in the learner's
folder may give the purpose (``purpose: partial-replacement``) and documents handed in on paper
(``documents: [application, identity-document]``).

This is the work of one intake pass; the Prefect flows and the file watcher (issue 6) call it.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from extractors.errors import ExtractionError
from extractors.model import EvidenceKind
from flows.cases.casework import assess_request, case_request
from flows.datafiles import Catalog
from flows.errors import TanuError
from flows.intake.verification import Verifier, sha256_of
from flows.store import ledger
from flows.store.db.models import CaseRow, EvidenceRow
from recognition.case import Document, DocumentKind, Education, Purpose

JUNK_NAMES = {".ds_store", "thumbs.db", "desktop.ini", "manifest.yaml", "manifest.yml"}
PARTIAL = (".crdownload", ".part", ".partial", ".download", ".tmp", ".swp")
_KIND_TO_DOCUMENT = {
    EvidenceKind.CERTIFICATE: DocumentKind.CERTIFICATE,
    EvidenceKind.SCREENSHOT: DocumentKind.SCREENSHOT,
    EvidenceKind.IDENTITY_DOCUMENT: DocumentKind.IDENTITY_DOCUMENT,
    EvidenceKind.APPLICATION: DocumentKind.APPLICATION,
}


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    purpose: Purpose = Purpose.FULL_REPLACEMENT
    education: Education = Education.NON_FORMAL
    documents: list[DocumentKind] = []


@dataclass(frozen=True)
class Folders:
    inbox: Path
    store: Path
    archive: Path
    failed: Path

    @classmethod
    def under(cls, root: Path) -> Folders:
        return cls(root / "inbox", root / "store", root / "archive", root / "failed")

    def create(self) -> None:
        for folder in (self.inbox, self.store, self.archive, self.failed):
            folder.mkdir(parents=True, exist_ok=True)


def is_junk(path: Path) -> bool:
    name = path.name.lower()
    return name in JUNK_NAMES or name.startswith(("~$", ".")) or name.endswith(PARTIAL)


@dataclass
class Stability:
    """Remembers each file's size and mtime; a file is stable once they stay the same for
    ``seconds`` (a teacher's copy in progress, a browser still downloading)."""

    seconds: float  # flows.settings: intake.stable_seconds
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _seen: dict[Path, tuple[int, int, float]] = field(default_factory=dict)

    def stable(self, path: Path) -> bool:
        try:
            st = path.stat()
        except FileNotFoundError:
            self._seen.pop(path, None)
            return False
        now = self.clock()
        sig = (st.st_size, st.st_mtime_ns)
        previous = self._seen.get(path)
        if previous is None or previous[:2] != sig:
            self._seen[path] = (*sig, now)
            return False
        return now - previous[2] >= self.seconds


@dataclass(frozen=True)
class Taken:
    """What happened to one file."""

    path: Path
    outcome: str  # processed | duplicate | failed
    where: Path  # archive or failed location of the original
    reason: str = ""
    case_id: int | None = None


@dataclass
class Intake:
    catalog: Catalog
    session: Session
    verifier: Verifier
    folders: Folders
    stability: Stability

    def ready_files(self) -> list[Path]:
        """Files in the inbox that are complete and not junk."""
        files = sorted(p for p in self.folders.inbox.rglob("*") if p.is_file() and not is_junk(p))
        return [p for p in files if self.stability.stable(p)]

    def settled_files(self) -> list[Path]:
        """One pass's files: looked at, the stability wait, looked at again."""
        self.ready_files()
        self.stability.sleep(self.stability.seconds)
        return self.ready_files()

    def run_once(self) -> list[Taken]:
        return [self.take(path) for path in self.ready_files()]

    def take(self, path: Path) -> Taken:
        relative = path.relative_to(self.folders.inbox)
        try:
            result = self._process(path, relative)
        except ExtractionError as exc:  # it names the stored copy: say the teacher's name
            self.session.rollback()
            return self._fail(path, relative, f"{path.name}: {getattr(exc, 'reason', exc)}")
        except (TanuError, ValidationError, OSError, yaml.YAMLError) as exc:
            self.session.rollback()
            return self._fail(path, relative, f"{path.name}: {exc}")
        self.session.commit()  # the result is stored: only now may the original leave
        return self._move(path, relative, self.folders.archive, result)

    # -- steps ---------------------------------------------------------------------------
    def _process(self, path: Path, relative: Path) -> Taken:
        if len(relative.parts) != 4:
            raise TanuError("put files in inbox/<programme>/<component>/<learner>/")
        programme_code, component_code, learner_id, _ = relative.parts
        learner = self.catalog.learners.get(learner_id)
        programme = self.catalog.programmes.get(programme_code)
        if learner is None:
            raise TanuError(f"no learner {learner_id!r} in data/learners.yaml")
        if programme is None or learner.programme != programme_code:
            raise TanuError(f"learner {learner_id} does not study programme {programme_code!r}")
        if component_code not in {c.code for c in programme.components}:
            raise TanuError(f"programme {programme_code} has no component {component_code!r}")
        manifest = self._manifest(path.parent)
        digest = sha256_of(path)
        known = self.session.scalar(
            select(EvidenceRow).where(
                EvidenceRow.learner_id == learner_id, EvidenceRow.sha256 == digest
            )
        )
        if known is not None:
            return Taken(path, "duplicate", path, "the same file was taken before", known.case_id)
        stored = self._store(path, digest)
        verification = self.verifier.verify(
            stored,
            learner_id,
            component_code,
            manifest.purpose,
            datetime.fromtimestamp(path.stat().st_mtime, UTC),
        )
        evidence = self.session.get(EvidenceRow, verification.evidence_id)
        assert evidence is not None
        evidence.original_name = path.name
        case = self._assess(
            learner_id,
            programme_code,
            component_code,
            manifest,
            self._open_case(learner_id, component_code),
            evidence,
        )
        evidence.case_id = case.id
        self.session.flush()
        return Taken(path, "processed", path, verification.verdict.status.value, case.id)

    def _manifest(self, folder: Path) -> Manifest:
        for name in ("manifest.yaml", "manifest.yml"):
            if (folder / name).is_file():
                raw = yaml.safe_load((folder / name).read_text(encoding="utf-8")) or {}
                return Manifest.model_validate(raw)
        return Manifest()

    def _store(self, path: Path, digest: str) -> Path:
        """A copy named by its hash; the original stays in the inbox until the commit."""
        target = self.folders.store / digest[:2] / f"{digest}{path.suffix.lower()}"
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_suffix(target.suffix + ".partial")
            shutil.copyfile(path, temporary)
            with temporary.open("rb") as fh:
                os.fsync(fh.fileno())
            temporary.replace(target)
        return target

    def _open_case(self, learner_id: str, component: str) -> CaseRow | None:
        """The learner's case for the component not yet decided, if any."""
        return self.session.scalars(
            select(CaseRow)
            .where(
                CaseRow.learner_id == learner_id,
                CaseRow.component == component,
                CaseRow.status.in_(["ready", "incomplete", "waiting", "refused"]),
            )
            .order_by(CaseRow.id.desc())
        ).first()

    def _assess(
        self,
        learner_id: str,
        programme: str,
        component: str,
        manifest: Manifest,
        case: CaseRow | None,
        arrived: EvidenceRow,
    ) -> CaseRow:
        """Assess the case with all its evidence — what it had and what just arrived — and the
        manifest's paper documents."""
        earlier: list[EvidenceRow] = []
        if case is not None:
            earlier = list(
                self.session.scalars(select(EvidenceRow).where(EvidenceRow.case_id == case.id))
            )
        evidence = [e for e in earlier if e.id != arrived.id] + [arrived]
        kinds = {
            _KIND_TO_DOCUMENT[EvidenceKind(e.kind)]
            for e in evidence
            if EvidenceKind(e.kind) in _KIND_TO_DOCUMENT
        } | set(manifest.documents)
        certificate = next((e for e in reversed(evidence) if e.kind == "certificate"), None)
        today = datetime.now(UTC).date()
        request = case_request(
            self.catalog,
            learner_id,
            component,
            case.submitted_on if case else today,
            purpose=manifest.purpose,
            education=manifest.education,
            documents=[
                Document(
                    k,
                    certificate.issued_on
                    if certificate and k is DocumentKind.CERTIFICATE
                    else None,
                )
                for k in sorted(kinds)
            ],
            platform=certificate.platform if certificate else None,
            programme=programme,
        )
        assessment, _ = assess_request(self.catalog, self.session, request, today, record=False)
        return ledger.record_assessment(self.session, assessment, case)

    def _move(self, path: Path, relative: Path, folder: Path, taken: Taken) -> Taken:
        target = _free(folder / relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(path), target)
        return Taken(path, taken.outcome, target, taken.reason, taken.case_id)

    def _fail(self, path: Path, relative: Path, reason: str) -> Taken:
        target = _free(self.folders.failed / relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(path), target)
        target.with_name(target.name + ".reason.txt").write_text(reason + "\n", encoding="utf-8")
        return Taken(path, "failed", target, reason)


def _free(target: Path) -> Path:
    """The target, or with a number when a file of that name is already there."""
    n = 1
    candidate = target
    while candidate.exists():
        candidate = target.with_name(f"{target.stem}.{n}{target.suffix}")
        n += 1
    return candidate
