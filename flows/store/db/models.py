"""Tables of the ledger (SQLAlchemy 2). Schema changes go through Alembic migrations.

Rows are appended, not rewritten: a case's findings and decisions are kept as they were made,
and ``recognised_credits`` is the lifelong ledger of 4.3 that the cap (4.6) is counted from.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class LearnerRow(Base):
    __tablename__ = "learners"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))
    name_latin: Mapped[str] = mapped_column(String(200))
    programme: Mapped[str] = mapped_column(String(32))


class EvidenceRow(Base):
    """A file handed in; ``arrived_at`` is the submission time that deadlines count from (5.3)."""

    __tablename__ = "evidence"
    __table_args__ = (UniqueConstraint("learner_id", "sha256", name="uq_evidence_learner_sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    learner_id: Mapped[str] = mapped_column(ForeignKey("learners.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    original_name: Mapped[str] = mapped_column(String(500))
    stored_path: Mapped[str | None] = mapped_column(String(1000))
    issued_on: Mapped[date | None] = mapped_column(Date)
    arrived_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    platform: Mapped[str | None] = mapped_column(String(64))
    certificate_id: Mapped[str | None] = mapped_column(String(128), index=True)
    fields: Mapped[str | None] = mapped_column(Text)  # the extraction, as `tanu extract --json`


class CaseRow(Base):
    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    learner_id: Mapped[str] = mapped_column(ForeignKey("learners.id"), index=True)
    programme: Mapped[str] = mapped_column(String(32))
    component: Mapped[str] = mapped_column(String(32))
    purpose: Mapped[str] = mapped_column(String(32))
    education: Mapped[str] = mapped_column(String(32))
    platform: Mapped[str | None] = mapped_column(String(64))
    correspondence: Mapped[str] = mapped_column(String(16))
    earlier_score: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    submitted_on: Mapped[date] = mapped_column(Date)
    documents: Mapped[str | None] = mapped_column(Text)  # kinds handed in, comma separated
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    findings: Mapped[list[FindingRow]] = relationship(
        back_populates="case", order_by="FindingRow.id"
    )
    decisions: Mapped[list[DecisionRow]] = relationship(
        back_populates="case", order_by="DecisionRow.id"
    )


class FindingRow(Base):
    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"))
    stage: Mapped[str] = mapped_column(String(16))  # assessment | decision
    clause: Mapped[str] = mapped_column(String(16))
    rule: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    reason_kk: Mapped[str] = mapped_column(Text)
    reason_en: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    case: Mapped[CaseRow] = relationship(back_populates="findings")


class SittingRow(Base):
    """A sitting of a faculty commission; its protocol number and date (5.9)."""

    __tablename__ = "sittings"
    __table_args__ = (UniqueConstraint("commission_id", "number", name="uq_sittings_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    commission_id: Mapped[str] = mapped_column(String(32))
    number: Mapped[str] = mapped_column(String(32))
    held_on: Mapped[date] = mapped_column(Date)
    members: Mapped[int] = mapped_column(Integer)
    present: Mapped[int] = mapped_column(Integer)
    present_members: Mapped[str | None] = mapped_column(Text)  # member ids, comma separated


class DecisionRow(Base):
    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    sitting_id: Mapped[int | None] = mapped_column(ForeignKey("sittings.id"))
    decided_on: Mapped[date] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(16))
    score: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    points: Mapped[int | None] = mapped_column(Integer)
    letter: Mapped[str | None] = mapped_column(String(3))
    gpa: Mapped[Decimal | None] = mapped_column(Numeric(3, 2))
    traditional_kk: Mapped[str | None] = mapped_column(String(32))
    votes_for: Mapped[int | None] = mapped_column(Integer)
    votes_against: Mapped[int | None] = mapped_column(Integer)
    abstained: Mapped[int | None] = mapped_column(Integer)
    chair_vote: Mapped[str | None] = mapped_column(String(16))
    casting_vote: Mapped[bool] = mapped_column(Boolean, default=False)
    interview: Mapped[str | None] = mapped_column(Text)  # interview or written test (5.6)
    reviewed: Mapped[bool | None] = mapped_column(Boolean)  # 5.6 review as recorded; None: silent
    # the commission's reason for recognising although the evidence did not pass its checks
    override: Mapped[str | None] = mapped_column(Text)
    clauses: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    case: Mapped[CaseRow] = relationship(back_populates="decisions")


class RecognisedCreditRow(Base):
    """The lifelong ledger (4.3): one row per recognised component, never rewritten; it belongs
    to the learner, and a re-count (:class:`RecountRow`) carries it into another programme as
    a new row (``carried_from``). A row whose decision a correction annulled stays, and no
    longer counts (:class:`CorrectionRow`); the component may then be recognised again, so one
    component may have several rows, at most one of them current (ledger.record_decision
    refuses a second)."""

    __tablename__ = "recognised_credits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    learner_id: Mapped[str] = mapped_column(ForeignKey("learners.id"), index=True)
    programme: Mapped[str] = mapped_column(String(32))
    component: Mapped[str] = mapped_column(String(32))
    education: Mapped[str] = mapped_column(String(32))
    credits: Mapped[int] = mapped_column(Integer)
    hours: Mapped[int] = mapped_column(Integer)
    points: Mapped[int] = mapped_column(Integer)
    letter: Mapped[str] = mapped_column(String(3))
    gpa: Mapped[Decimal] = mapped_column(Numeric(3, 2))
    recognised_on: Mapped[date] = mapped_column(Date)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"), unique=True)
    # the decision that first recognised it: itself, or for a re-counted row the decision of
    # the row it was carried from (an annulment of that decision releases both)
    origin_decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"), index=True)
    carried_from: Mapped[int | None] = mapped_column(ForeignKey("recognised_credits.id"))
    recount_id: Mapped[int | None] = mapped_column(ForeignKey("recounts.id"))
    source: Mapped[str] = mapped_column(Text)  # protocol reference, or the re-count's basis


class RecountRow(Base):
    """The Registrar's re-count of a learner's earlier recognitions into the programme the
    learner was transferred or re-admitted to (4.2, 4.3, 5.13): when, on what basis, and what
    was not carried and why (JSON findings). The carried rows point to it."""

    __tablename__ = "recounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    learner_id: Mapped[str] = mapped_column(ForeignKey("learners.id"), index=True)
    programme: Mapped[str] = mapped_column(String(32))  # the new programme
    recounted_on: Mapped[date] = mapped_column(Date)
    basis: Mapped[str] = mapped_column(Text)  # the order that transferred the learner
    findings: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CorrectionRow(Base):
    """A decision annulled or amended afterwards, by the Appeals Commission or the faculty
    commission itself (its number, date and reason). Appended, never deleted: an annulment
    releases the decision's credits from the cap (4.6) and the transcript; an amendment gives
    the grade that replaces the decision's."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # annulled | amended
    body: Mapped[str] = mapped_column(String(16))  # appeals | commission
    number: Mapped[str] = mapped_column(String(32))
    decided_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    score: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))  # an amendment's new grade
    points: Mapped[int | None] = mapped_column(Integer)
    letter: Mapped[str | None] = mapped_column(String(3))
    gpa: Mapped[Decimal | None] = mapped_column(Numeric(3, 2))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class IssuerCheckRow(Base):
    """The issuer's last answer about a certificate, with its time (the cache of checks)."""

    __tablename__ = "issuer_checks"
    __table_args__ = (
        UniqueConstraint("platform", "certificate_id", name="uq_issuer_checks_certificate"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    platform: Mapped[str] = mapped_column(String(64))
    certificate_id: Mapped[str] = mapped_column(String(128))
    outcome: Mapped[str] = mapped_column(String(16))
    url: Mapped[str | None] = mapped_column(String(500))
    record: Mapped[str | None] = mapped_column(Text)  # what the issuer stated, JSON
    reason: Mapped[str] = mapped_column(Text, default="")
    checked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class VerdictRow(Base):
    """One verdict per verification of an evidence item, with every check (JSON findings)."""

    __tablename__ = "verdicts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence.id"), index=True)
    learner_id: Mapped[str] = mapped_column(ForeignKey("learners.id"))
    component: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    findings: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
