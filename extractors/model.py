"""What extraction returns. The JSON names are a stable interface: other programs read them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class EvidenceKind(StrEnum):
    CERTIFICATE = "certificate"
    SCREENSHOT = "screenshot"
    IDENTITY_DOCUMENT = "identity-document"
    APPLICATION = "application"
    OTHER = "other"


class TextSource(StrEnum):
    PDF_TEXT = "pdf-text"  # the PDF's own text layer
    OCR = "ocr"  # Tesseract on an image or a rendered page


FIELD_NAMES = (
    "kind",
    "platform",
    "learner_name",
    "course_title",
    "issued_on",
    "certificate_id",
    "verify_url",
    "hours",
    "grade_percent",
    "progress_percent",
)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a document's text with how sure the reader is of it (1.0 for a text layer)."""

    text: str
    confidence: float
    page: int = 0


@dataclass(slots=True)
class DocumentText:
    lines: list[Line]
    source: TextSource
    barcodes: list[str] = field(default_factory=list)  # QR and barcode payloads
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(slots=True)
class Extraction:
    """The fields of one document; a field is None when it could not be read with confidence."""

    kind: EvidenceKind
    platform: str | None = None
    learner_name: str | None = None
    course_title: str | None = None
    issued_on: date | None = None
    certificate_id: str | None = None
    verify_url: str | None = None
    hours: float | None = None
    grade_percent: float | None = None
    progress_percent: float | None = None
    text_source: TextSource = TextSource.PDF_TEXT
    confidence: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def value(self, name: str) -> Any:
        return getattr(self, name)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in FIELD_NAMES:
            v = getattr(self, name)
            out[name] = (
                v.isoformat() if isinstance(v, date) else (v.value if isinstance(v, StrEnum) else v)
            )
        out["text_source"] = self.text_source.value
        out["confidence"] = {k: round(v, 3) for k, v in self.confidence.items()}
        out["warnings"] = list(self.warnings)
        return out
