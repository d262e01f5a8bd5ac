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
    MIXED = "pdf-text+ocr"  # a text layer, with what it lacks (words drawn as shapes) OCRed


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


@dataclass(slots=True)
class Extraction:
    """The fields of one document; a field is None when it could not be read with confidence,
    and then ``warnings`` says why (every empty field has a warning that names it)."""

    kind: EvidenceKind
    platform: str | None = None
    learner_name: str | None = None
    course_title: str | None = None
    issued_on: date | None = None
    certificate_id: str | None = None
    verify_url: str | None = None  # as printed on the document (a scheme added when missing)
    hours: float | None = None
    grade_percent: float | None = None
    progress_percent: float | None = None
    text_source: TextSource = TextSource.PDF_TEXT
    confidence: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # For the issuer check, not printed as such: the platform's canonical address for the ID,
    # other readings of an ID whose characters OCR cannot tell apart (O/0, I/1, S/5), and addresses
    # the file carries in QR codes and link annotations.
    check_url: str | None = None
    id_alternates: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # how each field was found
    # where each value was read (page, box): not part of the JSON; a second look uses it
    boxes: dict[str, tuple[int, tuple[float, float, float, float]]] = field(default_factory=dict)

    def value(self, name: str) -> Any:
        return getattr(self, name)

    def warn(self, name: str, reason: str) -> None:
        """A warning about one field, written "field: reason"."""
        text = f"{name}: {reason}"
        if text not in self.warnings:
            self.warnings.append(text)

    def has_warning(self, name: str) -> bool:
        return any(w.startswith(f"{name}:") for w in self.warnings)

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
        out["check_url"] = self.check_url
        out["id_alternates"] = list(self.id_alternates)
        out["links"] = list(self.links)
        out["sources"] = dict(self.sources)
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Extraction:
        """The extraction :meth:`to_json` wrote (stored with the evidence): the nightly
        re-check reads it instead of reading the file again. Boxes are not kept."""
        issued = data.get("issued_on")
        return cls(
            kind=EvidenceKind(data["kind"]),
            platform=data.get("platform"),
            learner_name=data.get("learner_name"),
            course_title=data.get("course_title"),
            issued_on=date.fromisoformat(issued) if issued else None,
            certificate_id=data.get("certificate_id"),
            verify_url=data.get("verify_url"),
            hours=data.get("hours"),
            grade_percent=data.get("grade_percent"),
            progress_percent=data.get("progress_percent"),
            text_source=TextSource(data.get("text_source", TextSource.PDF_TEXT.value)),
            confidence=dict(data.get("confidence", {})),
            warnings=list(data.get("warnings", [])),
            check_url=data.get("check_url"),
            id_alternates=list(data.get("id_alternates", [])),
            links=list(data.get("links", [])),
            sources=dict(data.get("sources", {})),
        )
