"""Scoring extraction against a corpus's truth: accuracy per field and per form, values given
where the truth has none (each one a potential wrong approval), and how well the confidence
predicts correctness.

Two corpora, one rule for both (the rule of ``../shared/tools/score-real``): names and titles
compare without case, quotes and extra spaces; addresses without scheme and ``www.``; numbers
within 0.01; a list in the truth means any of its forms is right.

- the generated corpus: ``X.truth.json`` beside each file, every field present (null: not on
  the page);
- the real corpus: one ``truth.json`` keyed by file name, only the fields printed (a field
  absent is not on the page).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractors.model import FIELD_NAMES, Extraction

SCORED = FIELD_NAMES[1:]  # kind is reported, not scored: the truth says it for every file
CONFIDENCE_BINS = ((0.0, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.01))


@dataclass(frozen=True)
class Case:
    path: Path
    form: str
    truth: dict[str, Any]  # field → expected value (a list: any of them); absent: not printed


def load_real(folder: Path) -> list[Case]:
    data = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    return [
        Case(folder / name, str(entry["truth"]["form"]), dict(entry["truth"]))
        for name, entry in sorted(data.items())
    ]


def load_generated(folder: Path) -> list[Case]:
    cases = []
    for truth_path in sorted(folder.glob("*.truth.json")):
        stem = truth_path.name.removesuffix(".truth.json")
        files = [p for p in folder.glob(f"{stem}.*") if not p.name.endswith(".truth.json")]
        if len(files) != 1:
            continue
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        present = {k: v for k, v in truth.items() if v is not None}
        cases.append(Case(files[0], str(truth["form"]), present))
    return cases


def _norm_text(value: Any) -> str:
    text = unicodedata.normalize("NFC", str(value)).casefold()
    text = re.sub(r"[«»“”\"'`]", "", text)
    return re.sub(r"\s+", " ", text).strip(" .,:;")


def _norm_url(value: Any) -> str:
    text = re.sub(r"^https?://", "", str(value).strip().rstrip("/"), flags=re.IGNORECASE)
    text = re.sub(r"^www\.", "", text, flags=re.IGNORECASE)
    host, _, path = text.partition("/")
    return host.lower() + "/" + path


def same(name: str, want: Any, got: Any) -> bool:
    """Whether ``got`` is the expected value of field ``name``."""
    if isinstance(want, list):
        return any(same(name, w, got) for w in want)
    if got is None or want is None:
        return got is None and want is None
    if name in ("hours", "grade_percent", "progress_percent"):
        try:
            return abs(float(want) - float(got)) < 0.01
        except (TypeError, ValueError):
            return False
    if name == "verify_url":
        return _norm_url(want) == _norm_url(got)
    if name in ("certificate_id", "issued_on", "platform", "kind"):
        return str(want).strip() == str(got).strip()
    return _norm_text(want) == _norm_text(got)


@dataclass
class Score:
    correct: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    total: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    invented: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    calibration: list[tuple[float, bool, str]] = field(default_factory=list)  # conf, right, field
    mistakes: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    warnings_missing: list[str] = field(default_factory=list)  # empty fields without a warning
    other_without_reason: list[str] = field(default_factory=list)

    def add(self, case: Case, got: Extraction | None) -> None:
        name = case.path.name
        data = got.to_json() if got is not None else None
        for f in SCORED:
            want = case.truth.get(f)
            value = None if data is None else data[f]
            if data is not None and value is not None:
                conf = float(data["confidence"].get(f, 0.0))
                self.calibration.append((conf, want is not None and same(f, want, value), f))
            if want is None:
                if value is not None:
                    self.invented[(case.form, f)] += 1
                    self.mistakes.append(f"{name}: {f} = {value!r}, the truth has none")
                continue
            self.total[(case.form, f)] += 1
            if same(f, want, value):
                self.correct[(case.form, f)] += 1
            else:
                self.mistakes.append(f"{name}: {f} = {value!r}, expected {want!r}")
        if got is not None:
            for f in FIELD_NAMES:
                if got.value(f) is None and not got.has_warning(f):
                    self.warnings_missing.append(f"{name}: {f}")
            if got.kind.value == "other" and not got.has_warning("kind"):
                self.other_without_reason.append(name)

    def accuracy(self, forms: set[str] | None = None, field_name: str | None = None) -> float:
        keys = [
            k
            for k in self.total
            if (forms is None or k[0] in forms) and (field_name is None or k[1] == field_name)
        ]
        total = sum(self.total[k] for k in keys)
        return sum(self.correct[k] for k in keys) / total if total else 1.0

    def counts(self, forms: set[str] | None = None) -> tuple[int, int]:
        keys = [k for k in self.total if forms is None or k[0] in forms]
        return sum(self.correct[k] for k in keys), sum(self.total[k] for k in keys)

    def invented_count(self, forms: set[str] | None = None) -> int:
        return sum(n for k, n in self.invented.items() if forms is None or k[0] in forms)

    def forms(self) -> list[str]:
        return sorted({k[0] for k in self.total})

    def calibration_table(self) -> list[tuple[str, int, int]]:
        """Per confidence band: (band, values right, values given)."""
        rows = []
        for lo, hi in CONFIDENCE_BINS:
            inside = [ok for conf, ok, _ in self.calibration if lo <= conf < hi]
            rows.append((f"{lo:.2f}–{min(hi, 1.0):.2f}", sum(inside), len(inside)))
        return rows

    def sure_right(self, threshold: float = 0.9) -> tuple[int, int]:
        """Values given with confidence ≥ ``threshold``: how many right, of how many."""
        sure = [ok for conf, ok, _ in self.calibration if conf >= threshold]
        return sum(sure), len(sure)
