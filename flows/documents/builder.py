"""Builds the first versions of the DOCX templates with python-docx, so that no placeholder is
split across runs. After that the files in ``templates/`` are the source: staff edit them in
Word or LibreOffice, and ``tanu templates check`` keeps them in step with the code. Rebuilding
(``tanu templates build --force``) overwrites their edits."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

FONT = "Times New Roman"


def _doc(landscape: bool = False) -> DocxDocument:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    return doc


def _p(
    doc: DocxDocument, *runs: str, bold: bool = False, align: str = "left", size: int | None = None
) -> None:
    """A paragraph whose every run is whole: a placeholder never straddles two runs."""
    paragraph = doc.add_paragraph()
    paragraph.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    paragraph.paragraph_format.space_after = Pt(4)
    for text in runs:
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)


def _table(
    doc: DocxDocument, header: list[str], row: list[str], loop: str, widths: list[float]
) -> None:
    """A table whose middle row repeats for each item (docxtpl's ``{%tr for %}``)."""
    table = doc.add_table(rows=4, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)  # the grid, which LibreOffice reads
    for r in table.rows:
        for cell, width in zip(r.cells, widths, strict=True):
            cell.width = Cm(width)
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(10)
    table.rows[1].cells[0].paragraphs[0].add_run(f"{{%tr for {loop} %}}")
    for cell, text in zip(table.rows[2].cells, row, strict=True):
        cell.paragraphs[0].add_run(text).font.size = Pt(10)
    table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")


def _label(doc: DocxDocument, text: str, align: str = "center") -> None:
    """The form's small words under a filled-in blank, as Appendix 1 prints them."""
    paragraph = doc.add_paragraph()
    paragraph.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    paragraph.paragraph_format.space_after = Pt(4)
    run = paragraph.add_run(text)
    run.italic = True
    run.font.size = Pt(9)


def application() -> DocxDocument:
    """Appendix 1 of the regulation word for word, its blanks filled from the case and the
    form's words under each blank kept."""
    doc = _doc()
    _p(doc, "{{ university }} Президенті", align="right")
    _p(doc, "{{ full_name }}", align="right")
    _label(doc, "(толық Тегі, Аты, Әкесінің аты)", align="right")
    _p(doc, "тұрғылықты мекен-жайы ", "{{ address }}", align="right")
    _label(doc, "(тұрақты тұратын жерінің толық мекенжайы)", align="right")
    _p(doc, "{{ phone }}", align="right")
    _label(doc, "(байланыс деректері, ұялы телефон нөмірі)", align="right")
    _p(doc, "")
    _p(doc, "Өтініш", bold=True, align="center", size=14)
    _p(
        doc,
        "Сізден менің ",
        "{{ education }}",
        " білім беру арқылы алған оқу нәтижелерімді мойындауыңызды сұраймын ",
        "{{ organisation }}",
        ",",
        align="justify",
    )
    _label(doc, "(ұйымның / платформаның толық атауы)")
    _p(doc, "расталған ", "{{ document }}", align="justify")
    _label(doc, "(транскрипт / сертификат / куәлік, №, берілген күні)")
    _p(doc, "түсу/аудару/қалпына келтіру үшін ", "{{ purpose }}", align="justify")
    _label(doc, "(білім беру бағдарламасының шифры және атауы)")
    _label(doc, "(бакалавриат/магистратура/докторантура)")
    _p(doc, "немесе пәндерді қайта тіркеу ", "{{ disciplines }}", align="justify")
    _label(doc, "(Пәндердің атауы)")
    _p(doc, "")
    _p(doc, "Қосымшалар:")
    _p(doc, "{%p for a in attachments %}")
    _p(doc, "{{ loop.index }}) ", "{{ a }}", "{% if loop.last %}.{% else %};{% endif %}")
    _p(doc, "{%p endfor %}")
    _p(doc, "")
    _p(doc, "_________________                                        ", "{{ signed_on }}")
    _label(
        doc,
        "            (қолы)" + " " * 65 + "(уақыты)",
        "left",
    )
    return doc


def protocol() -> DocxDocument:
    doc = _doc()
    _p(doc, "{{ university }}", bold=True, align="center")
    _p(doc, "{{ faculty }}", " комиссиясының отырысы", bold=True, align="center")
    _p(doc, "ХАТТАМА № ", "{{ number }}", bold=True, align="center", size=14)
    _p(doc, "{{ city }}", "                                                  ", "{{ date }}")
    _p(
        doc,
        "Комиссия ",
        "{{ order }}",
        " бойынша құрылған, құрамы ",
        "{{ members_total }}",
        " мүше.",
        align="justify",
    )
    _p(doc, "Қатысқандар:", bold=True)
    _p(doc, "{%p for m in present %}")
    _p(doc, "{{ loop.index }}. ", "{{ m.name }}", " — ", "{{ m.position }}")
    _p(doc, "{%p endfor %}")
    _p(doc, "Қатыспағандар:", bold=True)
    _p(doc, "{% if not absent %}жоқ{% endif %}")
    _p(doc, "{%p for m in absent %}")
    _p(doc, "{{ loop.index }}. ", "{{ m.name }}", " — ", "{{ m.position }}")
    _p(doc, "{%p endfor %}")
    _p(doc, "{{ quorum }}", align="justify")
    _p(doc, "Күн тәртібі: бейресми білім беру арқылы алынған оқу нәтижелерін тану.", bold=True)
    _p(doc, "{%p for c in cases %}")
    _p(doc, "{{ c.number }}. ", "{{ c.learner }}", ", ", "{{ c.programme }}", bold=True)
    _p(doc, "Пән: ", "{{ c.discipline }}", ", ", "{{ c.credits }}", ".")
    _p(doc, "Дәлел: ", "{{ c.evidence }}", "; тексеру: ", "{{ c.verification }}", ".")
    _p(doc, "Құжаттардың пән бағдарламасына сәйкестігі (5.6): ", "{{ c.review }}", ".")
    _p(doc, "Сұхбат немесе жазбаша бақылау: ", "{{ c.interview }}", ".")
    _p(doc, "Баға: ", "{{ c.grade }}", ".")
    _p(doc, "Дауыс беру: ", "{{ c.votes }}", "{{ c.casting }}", ".")
    _p(
        doc,
        "ШЕШІМ: ",
        "{{ c.decision }}",
        " (Ережелердің ",
        "{{ c.clauses }}",
        " тармақтары).",
        bold=True,
    )
    _p(doc, "{%p endfor %}")
    _p(doc, "")
    _p(doc, "Комиссия төрағасы   _______________   ", "{{ chair }}")
    _p(doc, "Комиссия хатшысы    _______________   ", "{{ secretary }}")
    return doc


def transcript() -> DocxDocument:
    doc = _doc(landscape=True)
    _p(doc, "{{ university }}", bold=True, align="center")
    _p(doc, "Транскриптке енгізу", bold=True, align="center", size=14)
    _p(doc, "Білім алушы: ", "{{ learner }}", " (", "{{ learner_id }}", ")")
    _p(doc, "Білім беру бағдарламасы: ", "{{ programme }}")
    _table(
        doc,
        [
            "Коды",
            "Пәннің атауы",
            "Кредит",
            "Сағат",
            "Балл",
            "Әріптік баға",
            "Цифрлық баламасы",
            "Дәстүрлі баға",
            "ECTS",
            "Негіздеме",
        ],
        [
            "{{ r.code }}",
            "{{ r.name }}",
            "{{ r.credits }}",
            "{{ r.hours }}",
            "{{ r.score }}",
            "{{ r.letter }}",
            "{{ r.gpa }}",
            "{{ r.traditional }}",
            "{{ r.ects }}",
            "{{ r.basis }}",
        ],
        "r in rows",
        [2.2, 6.2, 1.6, 1.6, 1.4, 1.8, 2.2, 3.2, 1.4, 4.0],
    )
    _p(doc, "")
    _p(doc, "{{ exemption }}", align="justify")
    _p(doc, "Тіркеу кеңсесі   _______________   ", "{{ registrar }}", "     ", "{{ date }}")
    return doc


def register() -> DocxDocument:
    doc = _doc(landscape=True)
    _p(doc, "{{ university }}", bold=True, align="center")
    _p(doc, "Тіркеу кеңсесінің тізілімі", bold=True, align="center", size=14)
    _p(doc, "{{ title }}", align="center")
    _p(doc, "{{ date }}", align="right")
    _table(
        doc,
        ["№", "Білім алушы", "ББ", "Пән", "Кредит", "Баға", "Шешім", "Хаттама"],
        [
            "{{ r.number }}",
            "{{ r.learner }}",
            "{{ r.programme }}",
            "{{ r.discipline }}",
            "{{ r.credits }}",
            "{{ r.grade }}",
            "{{ r.decision }}",
            "{{ r.protocol }}",
        ],
        "r in rows",
        [1.0, 4.4, 2.3, 7.6, 1.9, 2.2, 3.0, 4.0],
    )
    _p(doc, "")
    _p(doc, "Барлығы танылған кредиттер: ", "{{ total_credits }}")
    return doc


def agenda() -> DocxDocument:
    doc = _doc(landscape=True)
    _p(doc, "{{ university }}", bold=True, align="center")
    _p(doc, "{{ commission }}", align="center")
    _p(doc, "Күн тәртібі", bold=True, align="center", size=14)
    _p(doc, "{{ title }}", align="center")
    _p(doc, "{{ date }}", align="right")
    _p(
        doc,
        "Бейресми білім беру арқылы алынған оқу нәтижелерін тану (Ережелердің 5.6–5.9-тармақтары).",
    )
    _table(
        doc,
        ["№", "Іс", "Білім алушы", "Пән", "Дәлел және тексеру", "Назар аударыңыз"],
        [
            "{{ r.number }}",
            "{{ r.case }}",
            "{{ r.learner }}",
            "{{ r.discipline }}",
            "{{ r.evidence }}",
            "{{ r.checks }}",
        ],
        "r in rows",
        [1.0, 1.2, 5.0, 6.0, 6.0, 7.2],
    )
    return doc


def correction() -> DocxDocument:
    doc = _doc()
    _p(doc, "{{ university }}", bold=True, align="center")
    _p(doc, "Комиссия шешіміне түзету туралы үзінді", bold=True, align="center", size=14)
    _p(doc, "Білім алушы: ", "{{ learner }}", " (", "{{ learner_id }}", ")")
    _p(doc, "Білім беру бағдарламасы: ", "{{ programme }}")
    _p(doc, "Пән: ", "{{ discipline }}")
    _p(doc, "Бастапқы шешім: ", "{{ original }}", ".", align="justify")
    _p(doc, "Түзету: ", "{{ correction }}", ".", align="justify")
    _p(doc, "Негіздеме: ", "{{ reason }}", ".", align="justify")
    _p(doc, "Транскриптке: ", "{{ transcript }}", ".", align="justify")
    _p(doc, "")
    _p(doc, "Тіркеу кеңсесі   _______________   ", "{{ registrar }}", "     ", "{{ date }}")
    return doc


BUILDERS = {
    "application": application,
    "protocol": protocol,
    "transcript": transcript,
    "register": register,
    "agenda": agenda,
    "correction": correction,
}


def build(folder: Path, force: bool = False) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in BUILDERS.items():
        path = folder / f"{name}.docx"
        if path.exists() and not force:
            continue
        make().save(str(path))
        written.append(path)
    return written
