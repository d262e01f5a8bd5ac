"""Schemas of the data the university edits: platforms, programmes, syllabi, learners,
commissions and the academic calendar. Plain validated values; the files are read in
:mod:`flows.datafiles`, which names the file and entry of every error.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from recognition.iin import iin_problem

CODE = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
_CYRILLIC_NAME = re.compile(r"^[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі' -]+$")
_LATIN_NAME = re.compile(r"^[A-Za-z' -]+$")


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class ComponentKind(StrEnum):
    """Kinds of educational component (3(4), 4.7)."""

    COMPULSORY = "compulsory"  # міндетті компонент
    UNIVERSITY = "university"  # ЖОО компоненті
    ELECTIVE = "elective"  # таңдау бойынша компонент
    DIPLOMA = "diploma"  # дипломдық жұмыс / жоба


class Level(StrEnum):
    BACHELOR = "bachelor"
    MASTER = "master"
    DOCTORATE = "doctorate"

    @property
    def kk(self) -> str:
        return {"bachelor": "бакалавриат", "master": "магистратура", "doctorate": "докторантура"}[
            self.value
        ]


class VerifyUrl(Model):
    """A verification address; ``{id}`` stands for the certificate ID. An address marked
    ``printed_only`` is an older form read from documents, never the one a check uses."""

    kind: str = Field(default="course", pattern=r"^[a-z][a-z-]*$")
    template: str = Field(pattern=r"^https://[^/]+/.*\{id\}")
    marker: str = Field(default="", description="words in the document that select this kind")
    printed_only: bool = False


class IdForm(Model):
    """One form of a platform's certificate IDs (platforms change them over the years)."""

    form: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    pattern: str = Field(min_length=1, description="regular expression of the whole ID")
    alphabet: str = Field(
        default="",
        description="the characters an ID may hold, when the pattern allows letters and digits "
        "that OCR confuses (O/0, I/1): those readings are flagged",
    )


class Platform(Model):
    """An organisation or platform; recognisable only while on the recognised list (1.1).

    The detection fields (``aliases``, ``hosts``, ``certificate_ids``, ``verify_urls``,
    ``date_order``) tell the extractors how to read its documents.
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    organisation: str
    recognised_from: date
    recognised_until: date | None = None
    basis: str = Field(min_length=1, description="why it is on the list: order, decision")
    aliases: list[str] = Field(default=[], description="names that identify it in a document")
    hosts: list[str] = Field(default=[], description="its own web hosts (verification pages)")
    certificate_ids: list[IdForm] = Field(default=[], description="forms of its certificate IDs")
    verify_urls: list[VerifyUrl] = []
    date_order: Literal["mdy", "dmy"] = Field(
        default="dmy", description="how its numeric dates with slashes are written"
    )
    verifier: str | None = Field(default=None, description="online check adapter, if any")
    generators: list[str] = Field(
        default=[], description="software the platform makes its PDFs with (tampering check)"
    )

    @model_validator(mode="after")
    def _period(self) -> Platform:
        if self.recognised_until and self.recognised_until < self.recognised_from:
            raise ValueError("recognised_until is before recognised_from")
        for form in self.certificate_ids:
            try:
                re.compile(form.pattern)
            except re.error as exc:
                raise ValueError(
                    f"certificate_ids: {form.form}: not a regular expression: {exc}"
                ) from exc
        for url in self.verify_urls:
            host = url.template.split("/")[2]
            if host not in self.hosts:
                raise ValueError(f"verify_urls: host {host} is not among hosts")
        if self.verify_urls and not self.certificate_ids:
            raise ValueError("verify_urls need certificate_ids")
        if self.verify_urls and all(u.printed_only for u in self.verify_urls):
            raise ValueError("verify_urls: one address must be usable for the check")
        return self

    def recognised_on(self, day: date) -> bool:
        return self.recognised_from <= day and (
            self.recognised_until is None or day <= self.recognised_until
        )


class Component(Model):
    code: str = Field(pattern=CODE)
    name_kk: str = Field(min_length=2)
    credits: int = Field(gt=0, le=60)
    hours: int = Field(gt=0)
    kind: ComponentKind


class Programme(Model):
    """An educational programme and its curriculum; 4.6 counts against ``total_credits``."""

    code: str = Field(pattern=CODE)
    name_kk: str
    level: Level
    faculty: str = Field(pattern=CODE)
    total_credits: int = Field(gt=0)
    components: list[Component] = Field(min_length=1)

    @model_validator(mode="after")
    def _curriculum_adds_up(self) -> Programme:
        codes = [c.code for c in self.components]
        duplicate = {c for c in codes if codes.count(c) > 1}
        if duplicate:
            raise ValueError(f"component codes appear twice: {', '.join(sorted(duplicate))}")
        listed = sum(c.credits for c in self.components)
        if listed != self.total_credits:
            raise ValueError(
                f"components add up to {listed} credits but total_credits is {self.total_credits}"
            )
        return self

    def component(self, code: str) -> Component:
        for c in self.components:
            if c.code == code:
                return c
        raise KeyError(f"programme {self.code} has no component {code}")


class Checkpoint(Model):
    due: date
    min_progress_percent: int = Field(ge=0, le=100)


class Syllabus(Model):
    """A component's syllabus for one academic period: 5.3 counts against ``ends_on``."""

    programme: str = Field(pattern=CODE)
    component: str = Field(pattern=CODE)
    academic_period: str = Field(pattern=r"^\d{4}-\d{4}-[12]$")
    starts_on: date
    ends_on: date
    checkpoints: list[Checkpoint] = []

    @model_validator(mode="after")
    def _dates(self) -> Syllabus:
        if self.ends_on < self.starts_on:
            raise ValueError("ends_on is before starts_on")
        previous = -1
        for cp in sorted(self.checkpoints, key=lambda c: c.due):
            if not self.starts_on <= cp.due <= self.ends_on:
                raise ValueError(f"checkpoint {cp.due} lies outside the period")
            if cp.min_progress_percent < previous:
                raise ValueError(f"checkpoint {cp.due} asks less progress than an earlier one")
            previous = cp.min_progress_percent
        return self


class Learner(Model):
    id: str = Field(pattern=CODE)
    iin: str = Field(repr=False)
    full_name: str = Field(description="surname, given name, patronymic in Cyrillic")
    name_latin: str = Field(description="as in the passport")
    programme: str = Field(pattern=CODE)
    address: str = ""
    phone: str = ""
    email: str = ""

    @field_validator("iin")
    @classmethod
    def _iin(cls, value: str) -> str:
        problem = iin_problem(value)
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("full_name")
    @classmethod
    def _cyrillic(cls, value: str) -> str:
        if not _CYRILLIC_NAME.match(value) or len(value.split()) < 2:
            raise ValueError("must be a surname and given name in Cyrillic (Kazakh letters kept)")
        return value

    @field_validator("name_latin")
    @classmethod
    def _latin(cls, value: str) -> str:
        if not _LATIN_NAME.match(value):
            raise ValueError("must be in Latin letters as in the passport")
        return value


class DeanOrder(Model):
    number: str = Field(min_length=1)
    date: date


class Member(Model):
    id: str = Field(pattern=CODE)
    name: str
    position_kk: str = ""


class Commission(Model):
    """A faculty commission (4.5); its membership is set by the dean's order."""

    id: str = Field(pattern=CODE)
    faculty: str = Field(pattern=CODE)
    faculty_name_kk: str
    dean_order: DeanOrder
    grading_scale: str
    members: list[Member] = Field(min_length=1)
    chair: str
    secretary: str = Field(description="a member id, or the secretary's name if not a member")

    @model_validator(mode="after")
    def _roles(self) -> Commission:
        ids = [m.id for m in self.members]
        if len(set(ids)) != len(ids):
            raise ValueError("a member is listed twice")
        if self.chair not in ids:
            raise ValueError(f"chair {self.chair!r} is not among the members")
        return self

    def member(self, member_id: str) -> Member:
        for m in self.members:
            if m.id == member_id:
                return m
        raise KeyError(f"commission {self.id} has no member {member_id}")


class Vacation(Model):
    name_kk: str
    starts_on: date
    ends_on: date


class AcademicYear(Model):
    year: str = Field(pattern=r"^\d{4}-\d{4}$")
    starts_on: date
    ends_on: date
    vacations: list[Vacation] = []

    @model_validator(mode="after")
    def _inside(self) -> AcademicYear:
        for v in self.vacations:
            if v.ends_on < v.starts_on:
                raise ValueError(f"vacation {v.name_kk!r} ends before it starts")
        return self


class AcademicCalendar(Model):
    years: list[AcademicYear] = Field(min_length=1)

    def vacations(self) -> list[Vacation]:
        return sorted((v for y in self.years for v in y.vacations), key=lambda v: v.starts_on)


class University(Model):
    """The university as its documents name it (university.yaml)."""

    name_kk: str
    full_name_kk: str
    president: str = Field(description="the addressee of applications (Appendix 1)")
    city_kk: str
    registrar_head: str = ""
