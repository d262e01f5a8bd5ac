"""Signs that a PDF was edited after the platform made it. They go to the commission as
warnings, never as refusals: a re-saved PDF can be innocent, the commission decides.

- the producer or creator is not the platform's generator (an office editor, an online PDF
  editor) — the platform's generators are data (``generators`` in platforms.yaml);
- incremental updates: content appended after the file was first written;
- a creation date before the completion date it certifies.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from recognition.findings import Finding, Status, finding

# Tools that edit PDFs rather than make certificates.
EDITORS = re.compile(
    r"word|libreoffice|openoffice|writer|acrobat(?! distiller)|foxit|nitro|pdfescape|sejda|"
    r"smallpdf|ilovepdf|pdf24|pdfelement|inkscape|photoshop|gimp|canva|google docs|"
    r"microsoft|wps|pdf-xchange|pdfsam|pdffiller|dochub",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PdfFacts:
    producer: str
    creator: str
    created: datetime | None
    modified: datetime | None
    revisions: int  # 1 for a file written once; more for each incremental update


def pdf_facts(path: Path) -> PdfFacts | None:
    try:
        reader = PdfReader(path)
        meta: Mapping[str, object] = reader.metadata or {}
        raw = path.read_bytes()
    except (PdfReadError, OSError, ValueError):
        return None
    created = _date_of(reader, "creation_date")
    modified = _date_of(reader, "modification_date")
    return PdfFacts(
        producer=str(meta.get("/Producer", "") or ""),
        creator=str(meta.get("/Creator", "") or ""),
        created=created,
        modified=modified,
        revisions=_revisions(raw),
    )


def _date_of(reader: PdfReader, name: str) -> Any:
    """A date of the PDF's metadata; one that is not a date is no date (the file is still
    checked: a maker writes dates as its software does, a forger as he can)."""
    try:
        return getattr(reader.metadata, name, None) if reader.metadata else None
    except ValueError:
        return None


def _revisions(raw: bytes) -> int:
    """How many times the file was written: one %%EOF per writing, except that a linearized
    ("fast web view") file is written with two from the start."""
    eofs = len(re.findall(rb"%%EOF", raw))
    linearized = b"/Linearized" in raw[:2048]
    return max(1, eofs - (1 if linearized else 0))


def tampering_signals(
    facts: PdfFacts, generators: list[str], completed_on: date | None
) -> list[Finding]:
    """Warnings about one PDF; an empty list when nothing looks edited."""
    found: list[Finding] = []
    tools = f"{facts.producer} {facts.creator}".strip()
    known = [g for g in generators if g.lower() in tools.lower()]
    if tools and EDITORS.search(tools) and not known:
        found.append(
            _warn(
                "tamper.editor",
                f"PDF-ті платформа емес, өңдеу бағдарламасы жасаған: {tools}.",
                f"The PDF was made by an editing tool, not the platform: {tools}.",
            )
        )
    elif generators and tools and not known:
        found.append(
            _warn(
                "tamper.producer",
                f"PDF-ті жасаған бағдарлама платформаға тән емес: {tools}.",
                f"The PDF's producer is not one the platform uses: {tools}.",
            )
        )
    if facts.revisions > 1:
        found.append(
            _warn(
                "tamper.incremental",
                f"PDF жасалғаннан кейін {facts.revisions - 1} рет толықтырылған.",
                f"The PDF was updated {facts.revisions - 1} time(s) after it was first written.",
            )
        )
    if facts.created and completed_on and facts.created.date() < completed_on:
        found.append(
            _warn(
                "tamper.dates",
                f"PDF {facts.created.date():%d.%m.%Y} ж. жасалған, ал курс "
                f"{completed_on:%d.%m.%Y} ж. аяқталған.",
                f"The PDF was created on {facts.created.date().isoformat()}, before "
                f"the completion date it shows ({completed_on.isoformat()}).",
            )
        )
    if not found:
        found.append(
            finding(
                "4.4",
                "tamper",
                Status.OK,
                "PDF өңделгені байқалмайды.",
                "No sign that the PDF was edited.",
            )
        )
    return found


def _warn(rule: str, kk: str, en: str) -> Finding:
    return finding("4.4", rule, Status.WARNING, kk, en)
