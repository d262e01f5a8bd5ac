"""Reading the data files the university edits, with errors that name file, entry and field.

Layout of the data folder (``TANU_DATA_DIR``, ``data/`` by default)::

    regulation/parameters.yaml      dated parameters of the regulation (4.6, 5.7, 5.9)
    regulation/grading-scales.yaml  grading scales, versioned by date (4.1, 5.7)
    platforms.yaml                  the recognised list (1.1)
    programmes/*.yaml               one programme and its curriculum per file
    syllabi.yaml                    periods and checkpoints (5.3)
    learners.yaml                   learners
    commissions.yaml                faculty commissions (4.5, 5.9)
    calendar.yaml                   academic years and vacations (5.12)
    university.yaml                 the university's names, president, city (documents)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from flows.errors import DataError, Problem
from recognition.catalog import (
    AcademicCalendar,
    Commission,
    Learner,
    Platform,
    Programme,
    Syllabus,
    University,
)
from recognition.grading import GradingScale, ScaleVersion
from recognition.parameters import RegulationParameters

M = TypeVar("M", bound=BaseModel)


class StrictLoader(yaml.SafeLoader):
    """YAML as the university's data files need it: a key given twice is an error (not the
    last one silently winning), and dates stay text so that their check (2026-02-30) names
    the file, entry and field instead of failing inside the YAML reader."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str | Any) -> Any:
    """A YAML text or stream read with :class:`StrictLoader`."""
    return yaml.load(text, Loader=StrictLoader)


def read_model(path: Path, model: type[M], where: str, then: str) -> M:
    """A YAML file given to a command (a sitting's record, the stand-in's certificates) read
    into ``model``; what is wrong with it named by field, with ``where`` and what to do."""
    try:
        return model.model_validate(load_yaml(path.read_text(encoding="utf-8")))
    except yaml.YAMLError as exc:
        raise DataError([Problem(path, "", "", f"not valid YAML: {exc}")], where, then) from exc
    except ValidationError as exc:
        raise DataError(
            [Problem(path, "", ".".join(str(p) for p in e["loc"]), e["msg"]) for e in exc.errors()],
            where,
            then,
        ) from exc


@dataclass(frozen=True)
class Catalog:
    """All the data files, validated and cross-checked."""

    parameters: RegulationParameters
    scales: dict[str, GradingScale]
    platforms: dict[str, Platform]
    programmes: dict[str, Programme]
    syllabi: dict[tuple[str, str], list[Syllabus]]
    learners: dict[str, Learner]
    commissions: dict[str, Commission]  # by faculty
    calendar: AcademicCalendar
    university: University

    def commission_for(self, programme: Programme) -> Commission:
        return self.commissions[programme.faculty]

    def scale_for(self, programme: Programme, day: date) -> ScaleVersion:
        """The grading scale of the programme's commission in force on ``day`` (5.7)."""
        return self.scales[self.commission_for(programme).grading_scale].at(day)


class _Reader:
    """Collects every problem instead of stopping at the first, so one run lists them all."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        # ids of entries already reported invalid, so references to them are not reported again
        self.broken: set[tuple[str, str]] = set()

    def problem(self, path: Path, entry: str, field: str, message: str) -> None:
        self.problems.append(Problem(self._shown(path), entry, field, message))

    def _shown(self, path: Path) -> Path:
        try:
            return path.relative_to(self.root.parent)
        except ValueError:
            return path

    def yaml(self, path: Path) -> Any:
        if not path.is_file():
            self.problem(path, "", "", "file is missing")
            return None
        try:
            with path.open(encoding="utf-8") as fh:
                return load_yaml(fh)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"line {mark.line + 1}" if mark is not None else ""
            self.problem(path, where, "", f"not valid YAML: {getattr(exc, 'problem', exc)}")
        except UnicodeDecodeError:
            self.problem(path, "", "", "not UTF-8 text")
        return None

    def model(self, model: type[M], raw: Any, path: Path, entry: str) -> M | None:
        try:
            return model.model_validate(raw)
        except ValidationError as exc:
            for err in exc.errors():
                field = ".".join(str(p) for p in err["loc"])
                self.problem(path, entry, field, err["msg"].removeprefix("Value error, "))
            return None

    def entries(self, model: type[M], path: Path, key: str, label: Callable[[M], str]) -> list[M]:
        """The list under ``key``, each entry validated on its own and named by its id."""
        raw = self.yaml(path)
        if raw is None:
            return []
        if not isinstance(raw, dict) or not isinstance(raw.get(key), list):
            self.problem(path, "", key, f"expected a list under '{key}:'")
            return []
        items: list[M] = []
        for index, item in enumerate(raw[key]):
            ident = item.get("id") if isinstance(item, dict) else None
            entry = f"{key}[{index}]" + (f" (id {ident})" if ident else "")
            parsed = self.model(model, item, path, entry)
            if parsed is not None:
                items.append(parsed)
            elif ident:
                self.broken.add((key, str(ident)))
        seen: set[str] = set()
        for item in items:
            name = label(item)
            if name in seen:
                self.problem(path, f"{key} ({name})", "", "listed twice")
            seen.add(name)
        return items


def load_catalog(data_dir: Path) -> Catalog:
    """Read and cross-check every data file; raise :class:`DataError` listing all problems."""
    r = _Reader(data_dir)
    reg = data_dir / "regulation"

    params_raw = r.yaml(reg / "parameters.yaml")
    parameters = (
        r.model(RegulationParameters, params_raw, reg / "parameters.yaml", "")
        if params_raw is not None
        else None
    )
    scales = {
        s.id: s
        for s in r.entries(GradingScale, reg / "grading-scales.yaml", "scales", lambda s: s.id)
    }
    platforms = {
        p.id: p
        for p in r.entries(Platform, data_dir / "platforms.yaml", "platforms", lambda p: p.id)
    }
    programmes: dict[str, Programme] = {}
    prog_dir = data_dir / "programmes"
    files = sorted(prog_dir.glob("*.yaml")) if prog_dir.is_dir() else []
    if not files:
        r.problem(prog_dir, "", "", "no programme files (*.yaml)")
    for path in files:
        raw = r.yaml(path)
        if raw is None:
            continue
        programme = r.model(
            Programme,
            raw,
            path,
            f"programme {raw.get('code', '?')}" if isinstance(raw, dict) else "",
        )
        if programme is None:
            if isinstance(raw, dict) and raw.get("code"):
                r.broken.add(("programmes", str(raw["code"])))
            continue
        if programme.code in programmes:
            r.problem(path, f"programme {programme.code}", "code", "another file has this code")
        programmes[programme.code] = programme

    syllabus_path = data_dir / "syllabi.yaml"
    syllabus_list = r.entries(
        Syllabus,
        syllabus_path,
        "syllabi",
        lambda s: f"{s.programme}/{s.component}/{s.academic_period}",
    )
    learner_path = data_dir / "learners.yaml"
    learners = {lr.id: lr for lr in r.entries(Learner, learner_path, "learners", lambda x: x.id)}
    commission_path = data_dir / "commissions.yaml"
    commission_list = r.entries(Commission, commission_path, "commissions", lambda c: c.id)
    uni_raw = r.yaml(data_dir / "university.yaml")
    university = (
        r.model(University, uni_raw, data_dir / "university.yaml", "")
        if uni_raw is not None
        else None
    )
    cal_raw = r.yaml(data_dir / "calendar.yaml")
    calendar = (
        r.model(AcademicCalendar, cal_raw, data_dir / "calendar.yaml", "")
        if cal_raw is not None
        else None
    )

    # Cross-references between files.
    syllabi: dict[tuple[str, str], list[Syllabus]] = {}
    for s in syllabus_list:
        entry = f"syllabus {s.programme}/{s.component}"
        programme_found = programmes.get(s.programme)
        if ("programmes", s.programme) in r.broken:
            pass  # already reported
        elif programme_found is None:
            r.problem(syllabus_path, entry, "programme", f"no programme {s.programme}")
        elif s.component not in {c.code for c in programme_found.components}:
            r.problem(syllabus_path, entry, "component", f"not in programme {s.programme}")
        syllabi.setdefault((s.programme, s.component), []).append(s)
    for lr in learners.values():
        if lr.programme not in programmes and ("programmes", lr.programme) not in r.broken:
            r.problem(learner_path, f"learner {lr.id}", "programme", f"no programme {lr.programme}")
    commissions: dict[str, Commission] = {}
    for c in commission_list:
        if c.grading_scale not in scales and ("scales", c.grading_scale) not in r.broken:
            r.problem(
                commission_path,
                f"commission {c.id}",
                "grading_scale",
                f"no grading scale {c.grading_scale!r}",
            )
        if c.faculty in commissions:
            r.problem(
                commission_path,
                f"commission {c.id}",
                "faculty",
                f"faculty {c.faculty} already has commission {commissions[c.faculty].id}",
            )
        commissions[c.faculty] = c
    for p in programmes.values():
        if p.faculty not in commissions and commission_list:
            r.problem(
                prog_dir / f"{p.code}.yaml",
                f"programme {p.code}",
                "faculty",
                f"no commission for faculty {p.faculty} in commissions.yaml",
            )

    if r.problems or parameters is None or calendar is None or university is None:
        raise DataError(r.problems)
    return Catalog(
        parameters=parameters,
        scales=scales,
        platforms=platforms,
        programmes=programmes,
        syllabi=syllabi,
        learners=learners,
        commissions=commissions,
        calendar=calendar,
        university=university,
    )


def summary(catalog: Catalog) -> Iterable[tuple[str, int]]:
    yield "grading scales", len(catalog.scales)
    yield "platforms", len(catalog.platforms)
    yield "programmes", len(catalog.programmes)
    yield "syllabi", sum(len(v) for v in catalog.syllabi.values())
    yield "learners", len(catalog.learners)
    yield "commissions", len(catalog.commissions)
    yield "academic years", len(catalog.calendar.years)
