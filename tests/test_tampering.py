"""Tampering signals on PDFs: warnings for the commission, never refusals."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from pypdf import PdfWriter

from flows.demo.evidence import coursera_certificate
from recognition.findings import Status
from verifiers.tampering import PdfFacts, _revisions, pdf_facts, tampering_signals


def test_a_platform_pdf_shows_nothing(tmp_path: Path) -> None:
    facts = pdf_facts(
        coursera_certificate(tmp_path / "c.pdf", "Aliya Saduakassova", "QWERTY123456")
    )
    assert facts is not None and facts.revisions == 1
    [ok] = tampering_signals(facts, ["Skia/PDF"], date(2026, 11, 10))
    assert ok.status is Status.OK


def test_editor_incremental_update_and_early_creation(tmp_path: Path) -> None:
    pdf = coursera_certificate(
        tmp_path / "e.pdf", "Aliya Saduakassova", "QWERTY123456", producer="iLovePDF"
    )
    writer = PdfWriter(pdf, incremental=True)
    writer.add_metadata({"/Title": "edited"})
    writer.write(pdf)
    facts = pdf_facts(pdf)
    assert facts is not None and facts.revisions == 2
    signals = {f.rule: f.status for f in tampering_signals(facts, ["Skia/PDF"], None)}
    assert signals == {"tamper.editor": Status.WARNING, "tamper.incremental": Status.WARNING}
    early = PdfFacts("Skia/PDF m120", "", datetime(2024, 1, 1), None, 1)
    [dates] = tampering_signals(early, ["Skia/PDF"], date(2024, 3, 1))
    assert dates.rule == "tamper.dates" and dates.status is Status.WARNING
    unknown = PdfFacts("SomeGenerator 1.0", "", None, None, 1)
    [producer] = tampering_signals(unknown, ["Skia/PDF"], None)
    assert producer.rule == "tamper.producer"


def test_a_linearized_pdf_is_not_an_incremental_update() -> None:
    linearized = b"%PDF-1.7\n1 0 obj <</Linearized 1>> endobj\n...%%EOF\n...%%EOF\n"
    assert _revisions(linearized) == 1
    updated = b"%PDF-1.7\n1 0 obj <</Type/Catalog>> endobj\n...%%EOF\n...%%EOF\n"
    assert _revisions(updated) == 2
