"""What a document is: a certificate, a screenshot of a course page, an ID card, an
application — or something else, and then the reason is given."""

from __future__ import annotations

import re

from extractors.anchors import ocr_tolerant
from extractors.model import EvidenceKind

_I = re.IGNORECASE
_IDENTITY = re.compile(
    r"ЖЕКЕ\s+КУӘЛІК|УДОСТОВЕРЕНИЕ\s+ЛИЧНОСТИ|IDENTITY\s+CARD|\bPASSPORT\b|\bПАСПОРТ\b", _I
)
_APPLICATION = re.compile(r"\bөтініш\b", _I)
_APPLICATION_BODY = re.compile(r"президент|сұраймын|прошу", _I)
_CERT_WORDS = re.compile(  # Kazakh words, and accented ones, as OCR may read them too
    ocr_tolerant(
        r"certificate|certif(?:y|ies)|successfully\s+complet(?:ed|ing)|has\s+(?:satisfactorily\s+)?completed|completed\s+by|"
        r"for\s+completing|(?:badge|credential)\s+(?:was\s+)?(?:issued|awarded)|"
        r"statement\s+of\s+accomplishment|awarded|diploma|сертификат|свидетельство|диплом|"
        r"удостоверение\s+о|подтверждает|удостоверяется|успешно|сәтті\s+аяқта|куәлік|"
        r"прош(?:ёл|ел|ла)(?:\(а\))?\s+(?:обучение|курс|повышение|профессиональную)|освоил|"
        r"(?:курсынан|курстан|оқудан|бағдарламасынан|бағдарламадан)\s+(?:сәтті\s+)?өтті|біліктіліг?\w*\s+арттыр|аяқтады|"
        r"certificado|certifica|certificat|completad[oa]\s+por|atteste|zertifikat|bescheinigt|"
        r"сертифікат|свідоцтво|успішно|con\s+éxito|avec\s+succès|com\s+êxito|"
        r"erfolgreich\s+abgeschlossen|başarıyla|sertifika|conclusão|sátti\s+aıaqta|"
        r"constancia|attestation|attestato|si\s+attesta|ha\s+completato|leistungsnachweis|"
        r"teilnahmebest[äa]tigung|teilgenommen|concluiu\s+o|por\s+haber\s+(?:aprobado|completado|acreditado)"
    ),
    _I,
)
_SCREEN_WORDS = re.compile(
    ocr_tolerant(
        r"grade\s+received|to\s+pass|latest\s+submission|your\s+grade|submitted|submission|"
        r"\bquiz\b|assignment|\bweek\s+\d|\bmodule\s+\d|progress|\bdue\b|attempt|next\s+item|"
        r"retake|\bpassed\b|\bweight\b|overview|discussion\s+forums|course\s+info|\blesson\b|"
        r"\d\s*%\s*(?:complete|completed|done)\b|my\s+learning|"
        r"прогресс|пройдено|выполнено|модуль\s+\d|\bурок|шаг(?:ов|и)?\b|баллов|материалов|"
        r"продолжить|содержание|задани[яе]|оценка\s+за|\bтест\b|попытк|"
        r"курс(?:тың)?\s+барысы|оқу\s+барысы|бағалау|\d\s*-\s*апта|\bапта\s+\d|\bсабақ|тапсырма|орындалды|аяқталды|пройден\s+на|\bтем[аы]\s+\d|не\s+начат|"
        r"мои\s+курсы|my\s+courses|курстарым|(?:средний|текущий)\s+балл|текущая\s+оценка|"
        r"ағымдағы\s+баға|current\s+grade|passing\s+grade|dashboard|\d\s*%\s+of\s+the\s+steps|"
        r"вы\s+прошли|мо[её]\s+обучение|прогрес\b|мої\s+курси|тиждень\s+\d|аяқтадыңыз"
        # Spanish, Portuguese, French and German course pages
        r"|calificación|\bnota\s+geral|aprobado\b|aprovado\b|progreso|progresso|progression|"
        r"fortschritt|mi\s+aprendizaje|meu\s+aprendizado|mis\s+cursos|meus\s+cursos|"
        r"mes\s+cours|meine\s+kurse|tableau\s+de\s+bord|(?:semana|semaine|woche|sección|"
        r"secci[oó]n|clase|aula|leçon|lektion)\s+\d|cuestionario|questionário|"
        r"note\s+actuelle|has\s+completado"
    ),
    _I,
)


def classify(text: str, from_image: bool, named: bool) -> tuple[EvidenceKind, float, str]:
    """The kind, how sure, and what decided it. ``named``: a learner's name was found after a
    certificate's wording ("This is to certify that …")."""
    if _IDENTITY.search(text):
        return EvidenceKind.IDENTITY_DOCUMENT, 0.9, "identity document wording"
    if _APPLICATION.search(text) and _APPLICATION_BODY.search(text):
        return EvidenceKind.APPLICATION, 0.9, "an application's wording"
    cert = len(_CERT_WORDS.findall(text)) + (3 if named else 0)
    shot = len(_SCREEN_WORDS.findall(text))
    if shot >= 2 and shot > cert:
        return EvidenceKind.SCREENSHOT, 0.85 if cert == 0 else 0.7, "a course page's wording"
    if cert >= 1:
        return EvidenceKind.CERTIFICATE, 0.92 if cert >= 2 else 0.75, "a certificate's wording"
    if from_image and shot >= 1:
        return EvidenceKind.SCREENSHOT, 0.6, "a course page's wording"
    if not text.strip():
        return EvidenceKind.OTHER, 0.5, "no text could be read"
    return (
        EvidenceKind.OTHER,
        0.5,
        "neither a certificate's wording (certify, completed, сертификат …) nor a course "
        "page's (progress, grade, quiz …)",
    )
