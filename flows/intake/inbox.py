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

import logging
import os
import shutil
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from extractors.errors import ExtractionError
from extractors.model import EvidenceKind
from flows.cases.casework import assess_request, case_request
from flows.datafiles import Catalog, load_yaml
from flows.errors import TanuError
from flows.intake.folders import (
    Folders,
    Stability,
    free_name,
    inbox_entries,
    move_entry,
    private_dir,
    readable,
    reason_file,
    recover_claims,
    sha256_of,
    worker_id,
    write_private,
)
from flows.intake.verification import Verifier
from flows.store import ledger
from flows.store.db.models import CaseRow, EvidenceRow, LearnerRow
from recognition.case import Document, DocumentKind, Education, Purpose

log = logging.getLogger(__name__)
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


class Refused(TanuError):
    """A file tanu does not read: a link, a FIFO, a device."""


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
    most_put_backs: int | None = None  # flows.settings: intake.most_put_backs (None: no limit)
    _new_copy: Path | None = field(default=None, init=False)  # the store copy this take made

    def ready_files(self) -> list[Path]:
        """Files in the inbox that are complete and not junk (links and FIFOs included: they
        are refused with a reason). Files a dead worker had claimed come back first."""
        for path in recover_claims(self.folders, self.most_put_backs):
            log.warning("intake: %s put back into the inbox (its worker died)", path.name)
        return [p for p in inbox_entries(self.folders.inbox) if self.stability.stable(p)]

    def settled_files(self) -> list[Path]:
        """One pass's files: looked at, the stability wait, looked at again."""
        self.ready_files()
        self.stability.sleep(self.stability.seconds)
        return self.ready_files()

    def run_once(self) -> list[Taken]:
        return [self.take(path) for path in self.ready_files()]

    def take(self, path: Path) -> Taken:
        """One file, whatever it holds: processed and archived, or kept in ``failed/`` with a
        reason a teacher can read. Never raises: the pass goes on. Logged with the file, the
        learner's id and the outcome (the operator's line; no name, IIN or field read)."""
        taken = self._take(path)
        parts = path.relative_to(self.folders.inbox).parts
        log.info(
            "intake: %s of %s: %s%s%s",
            readable(path.name),
            parts[2] if len(parts) > 3 else "no learner folder",
            taken.outcome,
            f", case {taken.case_id}" if taken.case_id is not None else "",
            " (reason beside it in failed/)" if taken.outcome == "failed" else "",
        )
        return taken

    def _take(self, path: Path) -> Taken:
        relative = path.relative_to(self.folders.inbox)
        name = readable(path.name)
        self._new_copy = None
        arrived = self.stability.arrived(path)
        # The claim: one atomic rename decides which worker takes the file; the others skip it.
        claimed = self.folders.claims / worker_id() / relative
        try:
            private_dir(claimed.parent)
            os.rename(path, claimed)
        except FileNotFoundError:
            return Taken(path, "skipped", path, "taken by another worker")
        try:
            result = self._process(claimed, relative, path, arrived)
            self.session.commit()  # the result is stored: only now may the original leave
        except OperationalError as exc:  # the database busy or a deadlock: not the file's fault
            self.session.rollback()
            if self._new_copy is not None:
                self._new_copy.unlink(missing_ok=True)
            log.warning("intake: %s taken again on the next pass: %s", name, exc.orig)
            os.rename(claimed, free_name(path))
            return Taken(path, "again", path, "the database was busy; taken on the next pass")
        except ExtractionError as exc:  # it names the stored copy: say the teacher's name
            return self._failed(claimed, relative, f"{name}: {getattr(exc, 'reason', exc)}", path)
        except (TanuError, ValidationError, OSError, yaml.YAMLError) as exc:
            return self._failed(claimed, relative, f"{name}: {exc}", path)
        except Exception as exc:  # a fault of tanu: said as such, the details in the log
            log.exception("intake: unexpected error on %s", name)
            return self._failed(
                claimed,
                relative,
                f"{name}: an unexpected error in tanu ({type(exc).__name__}: {exc}); the file "
                "is kept; the operator's log has the details",
                path,
            )
        try:
            return self._move(claimed, relative, self.folders.archive, result, path)
        except OSError as exc:  # stored and committed: the original waits among the claims
            log.error("intake: %s is stored but could not be archived: %s", name, exc)
            return result

    def _failed(self, claimed: Path, relative: Path, reason: str, original: Path) -> Taken:
        self.session.rollback()
        if self._new_copy is not None:  # no orphan copies of failed files in the store
            self._new_copy.unlink(missing_ok=True)
        try:
            return self._fail(claimed, relative, reason, original)
        except OSError as exc:  # the file vanished or cannot be moved: say so, go on
            log.error("intake: %s could not be moved to failed/: %s", readable(claimed.name), exc)
            return Taken(original, "failed", claimed, f"{reason} (not moved: {exc})")

    # -- steps ---------------------------------------------------------------------------
    def _process(self, path: Path, relative: Path, original: Path, arrived: datetime) -> Taken:
        """``path``: the claimed file; ``original``: where it was in the inbox."""
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            raise Refused("a link to another file: tanu reads only files put in the inbox itself")
        if not stat.S_ISREG(mode):
            raise Refused("not a regular file (a FIFO, a socket or a device): nothing to read")
        if len(relative.parts) != 4:
            raise TanuError("put files in inbox/<programme>/<component>/<learner>/")
        programme_code, component_code, learner_id, _ = relative.parts
        learner = self.catalog.learners.get(learner_id)
        programme = self.catalog.programmes.get(programme_code)
        if learner is None:
            raise TanuError(f"no learner {learner_id!r} in data/learners.yaml")
        if programme is None or learner.programme != programme_code:
            raise TanuError(
                f"learner {learner_id} studies {learner.programme}, not {programme_code!r} "
                f"(data/learners.yaml): put the file under inbox/{learner.programme}/"
                f"<component>/{learner_id}/"
            )
        if component_code not in {c.code for c in programme.components}:
            raise TanuError(f"programme {programme_code} has no component {component_code!r}")
        manifest = self._manifest(original.parent)
        digest = sha256_of(path)
        known = self.session.scalar(
            select(EvidenceRow).where(
                EvidenceRow.learner_id == learner_id, EvidenceRow.sha256 == digest
            )
        )
        if known is not None and known.case_id is not None and not self._withdrawn(known.case_id):
            return Taken(
                original, "duplicate", original, "the same file was taken before", known.case_id
            )
        # known without a case (checked by `tanu verify` alone), or of an application the
        # learner withdrew and now hands in again: taken now into the open case
        stored = self._store(path, digest)
        verification = self.verifier.verify(
            stored,
            learner_id,
            component_code,
            manifest.purpose,
            arrived,
        )
        evidence = self.session.get(EvidenceRow, verification.evidence_id)
        assert evidence is not None
        evidence.original_name = readable(original.name)
        # One case per learner and component, whatever the workers: the learner's row is
        # locked until this commit (PostgreSQL; SQLite lets one writer in at a time anyway),
        # so a second worker looks for the open case only after the first has stored it.
        # FOR NO KEY UPDATE: the evidence rows inserted above hold KEY SHARE on the learner
        # (their foreign key); FOR UPDATE would wait on each other's and deadlock.
        self.session.execute(
            select(LearnerRow).where(LearnerRow.id == learner_id).with_for_update(key_share=True)
        )
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
        return Taken(original, "processed", original, verification.verdict.status.value, case.id)

    def _manifest(self, folder: Path) -> Manifest:
        for name in ("manifest.yaml", "manifest.yml"):
            if (folder / name).is_file():
                raw = load_yaml((folder / name).read_text(encoding="utf-8")) or {}
                return Manifest.model_validate(raw)
        return Manifest()

    def _store(self, path: Path, digest: str) -> Path:
        """A copy named by its hash, for tanu's user only; the original stays in the inbox until
        the commit. Read without following a link; the temporary name is unique per process."""
        suffix = readable(path.suffix).lower().encode("ascii", "replace").decode()
        target = self.folders.store / digest[:2] / f"{digest}{suffix}"
        if not target.exists():
            private_dir(target.parent)
            temporary = target.with_name(f"{target.name}.{os.getpid()}.partial")
            source = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
            with os.fdopen(source, "rb") as src:
                if not stat.S_ISREG(os.fstat(src.fileno()).st_mode):
                    raise Refused("not a regular file: nothing to read")
                fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
                    dst.flush()
                    os.fsync(dst.fileno())
            temporary.replace(target)
            self._new_copy = target
        return target

    def _withdrawn(self, case_id: int) -> bool:
        case = self.session.get(CaseRow, case_id)
        return case is not None and case.status == ledger.WITHDRAWN

    def _open_case(self, learner_id: str, component: str) -> CaseRow | None:
        """The learner's case for the component not yet decided, if any."""
        return self.session.scalars(
            select(CaseRow)
            .where(
                CaseRow.learner_id == learner_id,
                CaseRow.component == component,
                CaseRow.status.in_(ledger.UNDECIDED),
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
        today = self.verifier.day_of(datetime.now(UTC))
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

    def _move(
        self, path: Path, relative: Path, folder: Path, taken: Taken, original: Path
    ) -> Taken:
        target = free_name(folder / relative)
        private_dir(target.parent)
        move_entry(path, target)
        return Taken(original, taken.outcome, target, taken.reason, taken.case_id)

    def _fail(self, path: Path, relative: Path, reason: str, original: Path) -> Taken:
        return Taken(original, "failed", to_failed(self.folders, path, relative, reason), reason)


def to_failed(folders: Folders, path: Path, relative: Path, reason: str) -> Path:
    """``path`` moved to ``failed/<relative>`` with ``reason`` in a file beside it."""
    target = free_name(folders.failed / relative)
    private_dir(target.parent)
    move_entry(path, target)
    write_private(reason_file(target), f"{reason}\n")
    return target


def fail_batch(
    folders: Folders, paths: Sequence[str], error: BaseException
) -> list[tuple[Path, Path, str]]:
    """The files of a batch whose task failed for good (its retries spent), moved from the
    inbox to ``failed/`` with the reason beside each: never left waiting without a word. A
    file already taken (archived, or claimed by a worker) is not touched. Returns (file,
    where it is now, reason)."""
    out = []
    for name in paths:
        path = Path(name)
        if not path.exists():
            continue
        reason = (
            f"{readable(path.name)}: its batch failed in tanu ({type(error).__name__}: "
            f"{error}); the file is kept: move it back into its folder to try again"
        )
        try:
            target = to_failed(folders, path, path.relative_to(folders.inbox), reason)
        except OSError as exc:
            log.error("intake: %s could not be moved to failed/: %s", readable(path.name), exc)
            target = path
        out.append((path, target, reason))
    return out
