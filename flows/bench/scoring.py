"""Scoring extraction against the corpus's truth: accuracy per field and per form, and values
given where the truth has none (each one a potential wrong approval)."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from extractors.model import FIELD_NAMES, Extraction


def _norm_text(value: Any) -> str:
    text = unicodedata.normalize("NFC", str(value)).casefold()
    text = re.sub(r"[«»“”\"']", "", text)
    return re.sub(r"\s+", " ", text).strip(" .,:;")


def same(name: str, got: Any, want: Any) -> bool:
    if want is None or got is None:
        return got is None and want is None
    if name in ("hours", "grade_percent", "progress_percent"):
        return abs(float(got) - float(want)) < 1e-6
    if name == "issued_on":
        return str(got) == str(want)
    if name in ("certificate_id", "verify_url", "platform", "kind"):
        return str(got) == str(want)
    return _norm_text(got) == _norm_text(want)


@dataclass
class Score:
    correct: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    total: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    invented: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    mistakes: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def add(self, name: str, truth: dict[str, Any], got: Extraction | None) -> None:
        form = str(truth["form"])
        for f in FIELD_NAMES:
            want = truth.get(f)
            value = None if got is None else got.to_json()[f]
            if want is None:
                if value is not None:
                    self.invented[(form, f)] += 1
                    self.mistakes.append(f"{name}: {f} = {value!r}, the truth has none")
                continue
            self.total[(form, f)] += 1
            if same(f, value, want):
                self.correct[(form, f)] += 1
            else:
                self.mistakes.append(f"{name}: {f} = {value!r}, expected {want!r}")

    def accuracy(self, forms: set[str] | None = None, field_name: str | None = None) -> float:
        keys = [
            k
            for k in self.total
            if (forms is None or k[0] in forms) and (field_name is None or k[1] == field_name)
        ]
        total = sum(self.total[k] for k in keys)
        return sum(self.correct[k] for k in keys) / total if total else 1.0

    def invented_count(self, forms: set[str] | None = None) -> int:
        return sum(n for k, n in self.invented.items() if forms is None or k[0] in forms)

    def forms(self) -> list[str]:
        return sorted({k[0] for k in self.total})
