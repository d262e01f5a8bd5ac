"""Kazakh documents: rendered from a real sitting in the database, opened back with
python-docx; hostile values stay literal; the template check; PDF copies by LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session

from flows.datafiles import Catalog
from flows.demo.scenarios import load_scenarios, run_scenario
from flows.documents import assemble
from flows.documents.batch import sitting_documents
from flows.documents.contexts import TranscriptContext, TranscriptRow
from flows.documents.render import TEMPLATES, check_templates, render, soffice, to_pdf
from flows.store.db.models import CaseRow, SittingRow
from recognition.kazakh import MONTHS, initials, long_date, numeric_date

TANU = str(Path(sys.executable).parent / "tanu")
DEMO = Path(__file__).resolve().parent.parent / "data" / "demo" / "scenarios.yaml"


def text_of(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


@pytest.mark.parametrize(
    ("month", "form"),
    list(
        zip(
            range(1, 13),
            [
                "қаңтардағы",
                "ақпандағы",
                "наурыздағы",
                "сәуірдегі",
                "мамырдағы",
                "маусымдағы",
                "шілдедегі",
                "тамыздағы",
                "қыркүйектегі",
                "қазандағы",
                "қарашадағы",
                "желтоқсандағы",
            ],
            strict=True,
        )
    ),
)
def test_dates_in_the_official_form(month: int, form: str) -> None:
    assert long_date(date(2026, month, 25)) == f"2026 жылғы 25 {form}"
    assert long_date(date(2026, month, 25), attributive=False) == (
        f"2026 жылғы 25 {MONTHS[month - 1]}"
    )


def test_numeric_dates_and_initials() -> None:
    assert numeric_date(date(2026, 11, 25)) == "25.11.2026 ж."
    assert initials("Сәдуақасова Әлия Нұрланқызы") == "Сәдуақасова Ә. Н."


@pytest.fixture
def sitting(catalog: Catalog, session: Session) -> SittingRow:
    """The demo's cap scenario, decided into the test database."""
    [scenario] = [s for s in load_scenarios(DEMO) if s.sitting and s.sitting.number == "13"]
    run_scenario(scenario, catalog, session)
    session.commit()
    row = session.scalar(select(SittingRow).where(SittingRow.number == "13"))
    assert row is not None
    return row


def test_every_document_of_a_sitting(
    tmp_path: Path, catalog: Catalog, session: Session, sitting: SittingRow
) -> None:
    docs, _pdfs, _note = sitting_documents(catalog, session, sitting, tmp_path, pdf=False)
    names = sorted(p.name for p in docs)
    assert names == [
        "hattama-13.docx",
        "otinish-L-0003-BIG4302.docx",
        "otinish-L-0003-MLB3215.docx",
        "tizilim-13.docx",
        "transcript-L-0003.docx",
    ]
    protocol = text_of(tmp_path / "hattama-13" / "hattama-13.docx")
    for needle in (
        "ХАТТАМА № 13",
        "2026 жылғы 25 қараша",
        "факультет деканының 2026 жылғы 1 қыркүйектегі № 45-ө өкімі",
        "Сағынтаев Бақыт Жолдасұлы",
        "кворум бар",
        "кемінде 5 мүше қажет (үштен екісі)",  # the quorum parameter, in words
        "Құжаттардың пән бағдарламасына сәйкестігі (5.6): қаралды.",  # as the record says
        "Төлеуова Айгерім Серікқызы",
        "6 (алты) кредит, 180 (жүз сексен) сағат",
        "92 балл, A-, 3,67, өте жақсы, ECTS A",  # 5.7: the ECTS grade beside the letter
        "жақтап 7, қарсы 0, қалыс қалды 0",
        "ШЕШІМ: танылды",
        "ШЕШІМ: танылмады",
        "4.6",
        "Сағынтаев Б. Ж.",
        "Мұратова А. Е.",
    ):
        assert needle in protocol, needle
    transcript = text_of(tmp_path / "hattama-13" / "transcript-L-0003.docx")
    for needle in (
        "Транскриптке енгізу",
        "MLB3215",
        "Машиналық оқыту негіздері",
        "180",
        "A-",
        "3,67",
        "өте жақсы",
        "хаттама № 13, 25.11.2026 ж.",
        "оқудан босатылады",
    ):
        assert needle in transcript, needle
    header, *rows = Document(str(tmp_path / "hattama-13" / "transcript-L-0003.docx")).tables[0].rows
    ects = [c.text for c in header.cells].index("ECTS")
    assert [r.cells[ects].text for r in rows if "MLB3215" in r.cells[0].text] == ["A"]
    assert "BIG4302" not in transcript  # refused by the cap: not in the transcript
    register = text_of(tmp_path / "hattama-13" / "tizilim-13.docx")
    assert "Төлеуова А. С." in register and "танылмады" in register
    assert "Барлығы танылған кредиттер: 6" in register
    application = text_of(tmp_path / "hattama-13" / "otinish-L-0003-MLB3215.docx")
    for needle in (
        "Есенов Университеті Президенті",
        "Өтініш",
        # Appendix 1's own words, the small ones under the blanks too
        "(толық Тегі, Аты, Әкесінің аты)",
        "тұрғылықты мекен-жайы",
        "(тұрақты тұратын жерінің толық мекенжайы)",
        "(байланыс деректері, ұялы телефон нөмірі)",
        "білім беру арқылы алған оқу нәтижелерімді мойындауыңызды сұраймын",
        "(ұйымның / платформаның толық атауы)",
        "(транскрипт / сертификат / куәлік, №, берілген күні)",
        "түсу/аудару/қалпына келтіру үшін",
        "(білім беру бағдарламасының шифры және атауы)",
        "(бакалавриат/магистратура/докторантура)",
        "немесе пәндерді қайта тіркеу",
        "(Пәндердің атауы)",
        "(қолы)",
        "(уақыты)",
        "бейресми",
        "Coursera",
        "MLB3215 «Машиналық оқыту негіздері»",
        "жеке басын куәландыратын құжаттың",
        "2026 жылғы 2 қараша",
    ):
        assert needle in application, needle


def test_hostile_values_stay_literal(tmp_path: Path) -> None:
    """Without autoescape '<' breaks the XML and docxtpl drops the rest of the document."""
    hostile = TranscriptContext(
        university="Есенов Университеті",
        learner="{{ 7*7 }} Ivanov {% if 1 %}x{% endif %}",
        learner_id="L-0012",
        programme="6B06101",
        rows=[
            TranscriptRow(
                code="X1",
                name="R & Python <Advanced>",
                credits=5,
                hours=150,
                score="90",
                letter="A-",
                gpa="3,67",
                traditional="өте жақсы",
                ects="A",
                basis="хаттама № 1",
            )
        ],
        exemption="Соңғы жол.",
        date="2026 жылғы 25 қараша",
        registrar="Т. Г. А.",
    )
    out = render("transcript", hostile, tmp_path / "hostile.docx")
    text = text_of(out)
    assert "R & Python <Advanced>" in text
    assert "{{ 7*7 }} Ivanov {% if 1 %}x{% endif %}" in text and "49" not in text
    assert "Соңғы жол." in text and "Т. Г. А." in text  # the document goes on to its end


def test_the_template_check(tmp_path: Path) -> None:
    assert all(r.ok for r in check_templates())
    broken = tmp_path / "templates"
    shutil.copytree(TEMPLATES, broken)
    doc = Document(str(broken / "protocol.docx"))
    doc.add_paragraph("{{ rector_signature }}")
    doc.save(str(broken / "protocol.docx"))
    reports = {r.kind: r for r in check_templates(broken)}
    assert not reports["protocol"].ok and reports["protocol"].unknown == {"rector_signature"}
    doc = Document(str(broken / "register.docx"))
    for p in doc.paragraphs:
        if "total_credits" in p.text:
            for run in p.runs:
                run.text = run.text.replace("{{ total_credits }}", "")
    doc.save(str(broken / "register.docx"))
    assert check_templates(broken)[3].unused == {"total_credits"}


def test_templates_check_command() -> None:
    out = subprocess.run([TANU, "templates", "check"], capture_output=True, text=True, check=False)
    assert out.returncode == 0 and "protocol.docx ok" in " ".join(out.stdout.split())


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed (make test does)")
def test_pdf_copies_in_one_libreoffice_call(
    tmp_path: Path, catalog: Catalog, session: Session, sitting: SittingRow
) -> None:
    docs, pdfs, note = sitting_documents(catalog, session, sitting, tmp_path)
    assert note is None and len(pdfs) == len(docs)
    text = PdfReader(pdfs[0]).pages[0].extract_text()
    assert "ХАТТАМА" in text and "қараша" in text


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed (make test does)")
def test_no_word_breaks_in_the_printed_documents(
    tmp_path: Path, catalog: Catalog, session: Session, sitting: SittingRow
) -> None:
    """What a registrar signs: each document of a sitting, converted to PDF by LibreOffice in
    the font it substitutes for Times New Roman, read back word by word — every word of the
    DOCX (paragraphs, every table cell, headers) is whole in the PDF: no table column so
    narrow that a header breaks inside a word ("Кред ит", "Бал л")."""
    import pypdfium2 as pdfium

    docs, pdfs, note = sitting_documents(catalog, session, sitting, tmp_path)
    assert note is None and len(pdfs) == len(docs) >= 4
    kinds = set()
    for docx, pdf in zip(sorted(docs), sorted(pdfs), strict=True):
        assert docx.stem == pdf.stem
        kinds.add(docx.stem.split("-")[0])
        words = text_of(docx).split()
        document = pdfium.PdfDocument(str(pdf))
        printed = set(" ".join(p.get_textpage().get_text_range() for p in document).split())
        broken = sorted({w for w in words if w not in printed})
        assert not broken, f"{docx.name}: broken or missing in the PDF: {broken}"
    assert {"hattama", "tizilim", "otinish", "transcript"} <= kinds, kinds


def test_application_from_a_case(catalog: Catalog, session: Session, sitting: SittingRow) -> None:
    case = session.scalars(select(CaseRow).where(CaseRow.component == "BIG4302")).one()
    ctx = assemble.application(catalog, session, case.id)
    assert ctx.purpose == "—" and "BIG4302" in ctx.disciplines and ctx.education == "бейресми"


def test_no_pdf_without_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    assert soffice() is None
    assert to_pdf([tmp_path / "x.docx"], tmp_path) == []


def test_render_commands_from_the_demo_ledger(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "TANU_VAR_DIR": str(tmp_path), "COLUMNS": "200"}
    env.pop("TANU_DATABASE_URL", None)
    assert subprocess.run([TANU, "demo"], capture_output=True, env=env, check=False).returncode == 0
    env["TANU_DATABASE_URL"] = f"sqlite:///{tmp_path / 'demo' / 'tanu.sqlite'}"
    out = tmp_path / "out"
    for args in (
        ["protocol", "--sitting", "13"],
        ["register", "--sitting", "13", "--sitting", "12"],
        ["transcript", "--learner", "L-0003"],
        ["application", "--case", "1"],
    ):
        run = subprocess.run(
            [TANU, "render", *args, "--out", str(out), "--no-pdf"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in out.glob("*.docx")) == [
        "hattama-13.docx",
        "otinish-case-1.docx",
        "tizilim.docx",
        "transcript-L-0003.docx",
    ]
    transcript = text_of(out / "transcript-L-0003.docx")
    assert transcript.count("хаттама №") == 9  # 8 earlier recognitions and MLB3215
    missing = subprocess.run(
        [TANU, "render", "protocol", "--sitting", "999", "--no-pdf"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert missing.returncode == 2 and "no sitting with protocol number" in missing.stderr
