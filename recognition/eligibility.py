"""Who and what can be recognised: the recognised list (1.1), the component's kind (4.7), a
component recognised once is not recognised again (4.3, 5.11), and an application is decided in
the programme the learner studies (4.2)."""

from __future__ import annotations

from datetime import date

from recognition.case import CaseRequest, Education
from recognition.catalog import Component, ComponentKind, Platform
from recognition.findings import Finding, Status, finding
from recognition.kazakh import numeric_date

_KIND_KK = {
    ComponentKind.COMPULSORY: "міндетті компонент",
    ComponentKind.UNIVERSITY: "ЖОО компоненті",
    ComponentKind.ELECTIVE: "таңдау бойынша компонент",
    ComponentKind.DIPLOMA: "дипломдық жұмыс / жоба",
}


def check_platform(request: CaseRequest, platform: Platform | None, day: date) -> list[Finding]:
    """1.1: non-formal outcomes only from an organisation or platform on the recognised list,
    on the day the document was submitted."""
    if request.education is not Education.NON_FORMAL:
        return []
    if request.platform is None:
        return [
            finding(
                "1.1",
                "platform.listed",
                Status.MISSING,
                "Білім берген ұйым немесе платформа көрсетілмеген.",
                "The organisation or platform is not given.",
            )
        ]
    if platform is None or not platform.recognised_on(day):
        return [
            finding(
                "1.1",
                "platform.listed",
                Status.REFUSED,
                f"«{request.platform}» {numeric_date(day)} танылған ұйымдардың тізбесінде жоқ.",
                f"{request.platform!r} is not on the list of recognised organisations on "
                f"{day.isoformat()}.",
            )
        ]
    return [
        finding(
            "1.1",
            "platform.listed",
            Status.OK,
            f"{platform.name} танылған ұйымдардың тізбесінде ({platform.basis}).",
            f"{platform.name} is on the recognised list ({platform.basis}).",
        )
    ]


def check_component(request: CaseRequest, component: Component) -> list[Finding]:
    """4.7: compulsory, university and elective components can be recognised from non-formal
    learning; diploma work or projects never."""
    kind_kk = _KIND_KK[component.kind]
    if request.education is Education.NON_FORMAL and component.kind is ComponentKind.DIPLOMA:
        return [
            finding(
                "4.7",
                "component.kind",
                Status.REFUSED,
                f"{component.name_kk} — {kind_kk}: бейресми білім беру арқылы алынған нәтижелер "
                "дипломдық жобалауға танылмайды.",
                f"{component.code} is diploma work/project: never recognised from non-formal "
                "learning.",
            )
        ]
    return [
        finding(
            "4.7",
            "component.kind",
            Status.OK,
            f"{component.name_kk} — {kind_kk}: тануға болады.",
            f"{component.code} is of kind {component.kind.value}: recognisable.",
        )
    ]


def check_not_yet_recognised(request: CaseRequest, component: Component) -> list[Finding]:
    """4.3 and 5.11: a component recognised earlier stays recognised; it is not counted twice."""
    if component.code in request.already_recognised:
        return [
            finding(
                "5.11",
                "component.already-recognised",
                Status.REFUSED,
                f"{component.name_kk} бұрын қайта есептелген; білім алушы оны оқудан босатылған.",
                f"{component.code} was already recognised earlier; the learner is exempt from it.",
            )
        ]
    return []


def check_programme(request: CaseRequest, studies: str) -> list[Finding]:
    """4.2: an application is for a component of the learner's programme. A learner
    transferred since it was filed (``studies``, the programme the learner is in now) cannot
    have it decided: it is filed again for the new programme, and what was already recognised
    is carried by the Registrar's re-count. Nothing is found when the programme is the same."""
    if not studies or studies == request.programme:
        return []
    return [
        finding(
            "4.2",
            "case.programme",
            Status.MISSING,
            f"Өтініш {request.programme} бағдарламасының пәніне берілген, ал білім алушы "
            f"{studies} бағдарламасына ауыстырылған: өтінішті {studies} бағдарламасы бойынша "
            "қайта беру қажет.",
            f"The application is for a component of {request.programme}, but the learner has "
            f"been transferred to {studies}: file it again for {studies}.",
        )
    ]
