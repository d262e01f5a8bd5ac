"""From a document's layout to its fields: platform, kind, then every field from the anchors'
candidates, with the fallbacks a page's layout allows, each value with its confidence and how
it was found. A field left empty always says why."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from extractors.anchors import Reading
from extractors.clean import latin
from extractors.dates import written_order
from extractors.fields import values
from extractors.fields.anchoring import Candidate, Gap, PageAnchors, ocr_factor
from extractors.fields.identifiers import read_identifiers
from extractors.fields.issue_date import read_issue_date
from extractors.fields.kind import classify
from extractors.layout import Block, Document, Line, PageLayout, above, below
from extractors.model import FIELD_NAMES, EvidenceKind, Extraction
from extractors.platforms import PlatformMatcher, detect_platform, wording_text


@dataclass(frozen=True)
class ReaderSettings:
    min_confidence: float = 0.55  # a value read less surely is left empty, with a warning
    prominent: float = 1.3  # a fallback name or title is this much larger than body text


def read_fields(
    doc: Document,
    reading: Reading,
    matchers: Sequence[PlatformMatcher],
    settings: ReaderSettings | None = None,
    gaps: list[Gap] | None = None,
) -> Extraction:
    """The fields of a document. ``gaps``, when given, receives the regions where a label
    promises a value that is missing (the pipeline may read them again)."""
    settings = settings or ReaderSettings()
    text = doc.text
    guess = detect_platform(matchers, text, [*doc.links, *doc.barcodes], wording_text(doc))
    matcher = guess.matcher
    order = (matcher.platform.date_order if matcher else None) or written_order(text)
    platform_id = matcher.id if matcher else None
    pages = [
        PageAnchors(page, reading, reading.for_document(platform_id, False), order)
        for page in doc.pages
    ]
    found: dict[str, list[Candidate]] = defaultdict(list)
    for page in pages:
        for cand in page.candidates():
            found[cand.field].append(cand)
    named = any(c.conf >= 0.9 for c in found.get("learner_name", []))
    kind, kind_conf, kind_reason = classify(text, doc.from_image, named)
    if kind is EvidenceKind.SCREENSHOT:  # course pages have anchors of their own
        for layout in doc.pages:
            screens = PageAnchors(layout, reading, reading.screens, order, screen=True)
            for cand in screens.candidates():
                found[cand.field].append(cand)
    result = Extraction(kind=kind, text_source=doc.source, warnings=list(doc.warnings))
    result.links = list(dict.fromkeys([*doc.barcodes, *doc.links]))
    result.confidence["kind"] = kind_conf
    result.sources["kind"] = kind_reason
    if kind is EvidenceKind.OTHER:
        result.warn("kind", f"not read as a certificate or a screenshot: {kind_reason}")
    if matcher is not None:
        _set(result, Candidate("platform", matcher.id, guess.confidence, guess.how), settings)
    else:
        result.warn("platform", guess.how)
    persons = {str(c.value).casefold() for c in found.get("person", [])}
    if kind is EvidenceKind.CERTIFICATE:
        _set(result, _name(found["learner_name"], persons, pages, settings), settings)
        title = _choose(found["course_title"], result, "course_title")
        if title is None and not result.has_warning("course_title"):
            title = _title_near_heading(pages, reading, result.learner_name, matchers)
        if title is None and not result.has_warning("course_title") and _BADGE.search(text):
            title = _page_heading(pages, matchers, largest=True)  # a badge's page: its name
        _set(result, title, settings)
        day, notes = read_issue_date(doc, found["issued_on"], order)
        for note in notes:
            result.warnings.append(note)
        _set(result, day, settings)
        ids = read_identifiers(doc, matcher, found["certificate_id"], text, reading.verification)
        result.warnings += [w for w in ids.warnings if w not in result.warnings]
        _set(result, ids.certificate_id, settings)
        _set(result, ids.verify_url, settings)
        result.check_url = ids.check_url
        result.id_alternates = ids.alternates
        _set(result, _hours(found["hours"], doc), settings)
        _set(result, _choose(found["grade_percent"], result, "grade_percent"), settings)
    elif kind is EvidenceKind.SCREENSHOT:
        titles = _unrepeated(found["course_title"], doc)
        title = _choose(titles, result, "course_title")
        if title is None and not result.has_warning("course_title"):
            title = _page_heading(pages, matchers)
        _set(result, title, settings)
        _set(result, _choose(found["grade_percent"], result, "grade_percent"), settings)
        _set(result, _choose(found["progress_percent"], result, "progress_percent"), settings)
        name = _choose(found["learner_name"], result, "learner_name") or _account_name(doc, persons)
        _set(result, name, settings)
    if gaps is not None:  # where a label's value is missing or only guessed
        gaps.extend(
            g for page in pages for g in page.gaps if result.confidence.get(g.field, 0) < 0.85
        )
    _explain_empty(result)
    return result


# ------------------------------------------------------------------ choosing
def _key(value: Any) -> Any:
    return " ".join(str(value).casefold().split()) if isinstance(value, str) else value


def _choose(cands: Sequence[Candidate], result: Extraction, field: str) -> Candidate | None:
    """The value most candidates agree on, by their best confidence; two values found equally
    surely are no answer."""
    if not cands:
        return None
    groups: dict[Any, list[Candidate]] = defaultdict(list)
    for c in cands:
        groups[_key(c.value)].append(c)
    ranked = sorted(
        groups.values(),
        key=lambda g: max(c.conf for c in g) + 0.02 * (len({c.ref for c in g}) - 1),
        reverse=True,
    )
    best = max(ranked[0], key=lambda c: c.conf)
    support = len({c.ref for c in ranked[0]})
    conf = min(0.995, best.conf + 0.02 * (support - 1))
    if len(ranked) > 1:
        rival = max(c.conf for c in ranked[1])
        if rival >= conf - 0.03:
            shown = ", ".join(repr(g[0].value) for g in ranked[:3])
            result.warn(field, f"the document shows different values ({shown}); left empty")
            return None
        conf -= 0.1 * rival
    return Candidate(best.field, best.value, conf, best.how, best.page, best.block, best.ref)


# A name read by OCR is never given as sure: Tesseract knows no dictionary of names, drops
# the diacritics its languages lack (García, Şahin, Nguyễn) and loses a letter of a large
# initial; measured on the real corpus, about one OCR name in eight is not exactly right.
_OCR_CAP = {"learner_name": 0.88}


def _set(result: Extraction, cand: Candidate | None, settings: ReaderSettings) -> None:
    if cand is None:
        return
    cap = _OCR_CAP.get(cand.field)
    if cap is not None and cand.block is not None and cand.block.conf < 0.999:
        cand = Candidate(
            cand.field, cand.value, min(cand.conf, cap), cand.how, cand.page, cand.block, cand.ref
        )
    if cand.conf < settings.min_confidence:
        result.warn(cand.field, f"read with low confidence ({cand.conf:.2f}); left empty")
        return
    setattr(result, cand.field, cand.value)
    result.confidence[cand.field] = round(cand.conf, 3)
    result.sources[cand.field] = cand.how
    if cand.block is not None:
        b = cand.block
        result.boxes[cand.field] = (cand.page, (b.x0, b.y0, b.x1, b.y1))


# ------------------------------------------------------------------ names
# a sentence that addresses the learner by name ("Congratulations, Temirlan")
_ADDRESSED = re.compile(r"\s*congratulations\b", re.IGNORECASE)
# a table's heading over the learner's column: a name of one word under it is a name
_LEARNER_HEADING = re.compile(
    r"learner|recipient|student|participant|слушатель|учащийся|обучающийся|студент|участник|"
    r"тыңдаушы|білім алушы|қатысушы",
    re.IGNORECASE,
)


def _name(
    cands: Sequence[Candidate],
    persons: set[str],
    pages: Sequence[PageAnchors],
    settings: ReaderSettings,
) -> Candidate | None:
    """The learner: a name beside a certificate's words; failing that, the most prominent
    name on the page that is nobody's signature."""
    sizes = {p.page.index: p.page.body_size for p in pages}
    kept = []
    for c in cands:
        if _key(c.value) in persons:
            continue
        if len(str(c.value).split()) == 1:  # "Lahari": one word, set as a name is set, or
            # across the row from a form's "Learner:", or under a table's heading "Learner"
            small = c.block is not None and c.block.size < 1.2 * sizes.get(c.page, 0.0)
            if (
                small
                and not c.label.endswith(":")
                and not _LEARNER_HEADING.fullmatch(c.label.strip())
                and not _ADDRESSED.match(c.label)
            ):
                continue
            c = replace(c, conf=c.conf * 0.95)
        kept.append(c)
    dummy = Extraction(kind=EvidenceKind.CERTIFICATE)
    chosen = _choose(kept, dummy, "learner_name")
    if chosen is not None or dummy.warnings:
        return chosen
    best: tuple[float, Candidate] | None = None
    for page in pages:
        if "learner_name" in page.labelled:
            continue  # a label says where the name is: another name elsewhere is not it
        body = page.page.body_size
        labels = {id(b) for b in page.label_blocks()}
        for block in page.blocks:
            if id(block) in labels or block.size < settings.prominent * body:
                continue
            # a heading set with the name in one block ("CERTIFICATE / Aigerim Nurlanova")
            # is not part of it
            unheaded = [ln.text for ln in block.lines if not page.reading.headings.match(ln.text)]
            name = values.learner_name("\n".join(unheaded), inline=False) if unheaded else None
            if name is None or len(name.split()) < 2 or _key(name) in persons:
                continue
            if _signature(block, page.page):
                continue
            score = block.size
            cand = Candidate(
                "learner_name",
                name,
                0.72 * ocr_factor(block.conf),
                "the most prominent name on the page",
                page.page.index,
                block,
            )
            if best is None or score > best[0]:
                best = (score, cand)
    return best[1] if best else None


_ROLE = (
    "instructor|lecturer|professor|director|ceo|cto|president|dean|head|founder|chief|manager|"
    "директор|преподаватель|руководитель|ректор|декан|оқытушы|жетекші"
)


def _signature(block: Block, page: PageLayout) -> bool:
    """A name with a job title under or over it: a signatory."""
    role = re.compile(rf"\b(?:{_ROLE})", re.IGNORECASE)
    near = below(page.blocks, block, 1.5)[:1] + above(page.blocks, block, 1.5)[:1]
    return any(role.search(b.text) for b in near) or bool(role.search(block.text))


def _icon(word: str) -> bool:
    """An avatar's initials ("ХА", "IP"; in any case when OCR read the circle around them as
    brackets: "[мо]", "(YZ)") or an icon read as a small letter, beside the account's name in
    a page's header."""
    bare = word.strip("[](){}|©@")
    if bare != word and 0 < len(bare) <= 2:
        return True
    return (len(word) == 1 and word.islower()) or (len(word) <= 2 and word.isupper())


def _other_script(word: str, rest: Sequence[str]) -> bool:
    """Two letters or fewer in another script than every word after them: an avatar's
    initials read in the wrong script ("Фф Aigerim Toleuova")."""
    cyrillic = [bool(re.search(r"[\u0400-\u04FF]", w)) for w in (word, *rest)]
    return len(word) <= 2 and bool(rest) and all(c != cyrillic[0] for c in cyrillic[1:])


def _account_name(doc: Document, persons: set[str]) -> Candidate | None:
    """On a screenshot of a course page, the account's name at the right of its header."""
    for page in doc.pages:
        for line in page.lines:
            if line.y1 > 0.2 * page.height or line.x0 < 0.6 * page.width:
                continue
            words = [w for w in line.text.split() if any(c.isalpha() for c in w)]
            words = [w for w in words if not values.header_word(w)]  # the interface's language
            while words and (_icon(words[0]) or _other_script(words[0], words[1:])):
                words.pop(0)  # an avatar's initials, or an icon read as a small letter
            while words and _icon(words[-1]):
                words.pop()
            name = values.learner_name(" ".join(words), inline=False)
            words = (name or "").split()
            if (
                len(words) >= 2
                and all(len(w) >= 2 and w[0].isupper() for w in words)  # as its holder wrote it
                and _key(name) not in persons
            ):
                return Candidate(
                    "learner_name",
                    name,
                    0.8 * ocr_factor(line.conf),
                    "the account name in the page's header",
                    page.index,
                    Block([line]),  # where a second look reads its letters again
                )
    return None


# ------------------------------------------------------------------ titles
# a badge's own page ("This badge was issued to … on …"), where no label names the badge
_BADGE = re.compile(r"\bbadge\s+(?:was\s+)?(?:issued|awarded)\s+to\b", re.IGNORECASE)


def _title_near_heading(
    pages: Sequence[PageAnchors],
    reading: Reading,
    name: str | None,
    matchers: Sequence[PlatformMatcher],
) -> Candidate | None:
    """No label names the course: the block next to the document's heading ("Certificate of
    Completion"), when it is a title and not a name, a label, another heading or the name of
    a platform (its logo)."""
    options: list[tuple[float, Candidate]] = []
    for page in pages:
        for block, text, size, heading in _next_to_headings(page, reading):
            if size < 1.1 * page.page.body_size:
                continue
            title = values.course_title(text)
            if title is None or (name and _key(title) == _key(name)):
                continue
            if any(_names_platform(m, title) for m in matchers):
                continue
            # a name-like block larger than the heading is the learner's name, unless the
            # name was found elsewhere ("Financial Markets" under Udemy's heading)
            if name is None and values.learner_name(text, inline=False) and size > heading.size:
                continue
            how = f"next to the heading '{heading.text}'"
            conf = 0.75 * ocr_factor(block.conf)
            options.append(
                (size, Candidate("course_title", title, conf, how, page.page.index, block))
            )
    if not options:
        return None
    return max(options, key=lambda o: o[0])[1]


def _next_to_headings(
    page: PageAnchors, reading: Reading
) -> Iterator[tuple[Block, str, float, Line | Block]]:
    """The text next to each heading of the page (the block under it, else over it), with its
    type size and the heading; a heading OCR joined to the line under it in one block gives
    that block's other lines. Over a heading that opens the document's body (a label's words
    under it: "CERTIFICATE / This is to certify that"), an organisation's name or a line in
    capitals is the issuer's letterhead ("LEARNHUB", "ИНСТИТУТ ДИСТАНЦИОННОГО ОБУЧЕНИЯ"),
    not the course ("Elements of AI / CERTIFICATE OF COMPLETION / Presented to")."""
    labels = {id(b) for b in page.label_blocks()}
    for block in page.blocks:
        if reading.headings.match(block.text):
            under = below(page.blocks, block, 2.0)[:1]
            over = above(page.blocks, block, 2.0)[:1]
            if under and id(under[0]) in labels and over and _letterhead(over[0].text):
                over = []
            for near in (*under, *over):
                if id(near) not in labels:
                    yield near, near.flow, near.size, block
        elif len(block.lines) > 1 and reading.headings.match(block.lines[0].text):
            rest = block.lines[1:]
            text = "\n".join(line.text for line in rest)
            yield block, text, min(line.size for line in rest), block.lines[0]


def _letterhead(text: str) -> bool:
    """An organisation's name, or words in capitals alone."""
    return values.organisation_only(text) or (
        text.isupper() and sum(c.isalpha() for c in text) >= 4
    )


def _in_header_bar(block: Block, blocks: Sequence[Block]) -> bool:
    """The block shares its row with another, and one of them is a site's navigation."""
    height = block.y1 - block.y0
    return any(
        other is not block
        and min(other.y1, block.y1) - max(other.y0, block.y0)
        > 0.5 * min(height, other.y1 - other.y0)
        and (values.navigation(other.text) or values.navigation(block.text))
        for other in blocks
    )


def _letters(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalpha())


def _unrepeated(cands: Sequence[Candidate], doc: Document) -> list[Candidate]:
    """Titles that are not one of a list's repeated lines ("Video · 8 min  Reading …"): lines
    that begin alike (a line read twice may end otherwise)."""
    seen = Counter(_opening(b.text) for page in doc.pages for b in page.blocks)
    return [c for c in cands if c.block is None or seen[_opening(c.block.text)] < 3]


def _opening(text: str) -> str:
    """How a line begins: its first seven letters, OCR's Cyrillic look-alikes as Latin."""
    return "".join(c for c in latin(text).casefold() if c.isalpha())[:7]


def _page_heading(
    pages: Sequence[PageAnchors], matchers: Sequence[PlatformMatcher], largest: bool = False
) -> Candidate | None:
    """On a course page whose title no label marks, the first prominent line near its top
    that is a title and not a platform's name, a label or a line of a list; ``largest``: the
    largest such line of more than one word (a badge's name, not the site's logo beside it)."""
    found = []
    for page in pages:
        layout = page.page
        labels = {id(b) for b in page.label_blocks()}
        seen = Counter(_letters(b.text) for b in layout.blocks)
        top = min(0.25 * layout.height, 40 * layout.body_size)
        for block in sorted(layout.blocks, key=lambda b: b.y0):
            if block.y0 > top:
                break
            if id(block) in labels or block.size < 1.1 * layout.body_size:
                continue
            if seen[_letters(block.text)] > 1 or block.y1 < 0.1 * top:
                continue
            title = values.course_title(block.flow)
            if title is None or any(_names_platform(m, title) for m in matchers):
                continue
            if sum(c.isalpha() for c in title) < 6 or block.conf < _sure_of_heading(title):
                continue  # a fragment, or an icon read as letters
            if block.x0 > 0.5 * layout.width:
                continue  # the header's right side: the account's name, its language
            if _in_header_bar(block, layout.blocks) or values.navigation_row(block.text):
                continue  # the site's name beside its navigation, or the navigation
            if largest and len(title.split()) < 2:
                continue
            found.append(
                Candidate(
                    "course_title",
                    title,
                    0.7 * ocr_factor(block.conf),
                    "the course page's heading",
                    layout.index,
                    block,
                )
            )
            if not largest:
                return found[0]
    return max(found, key=lambda c: c.block.size if c.block else 0.0, default=None)


def _sure_of_heading(title: str) -> float:
    """How sure OCR must be of a heading to take it for the course: less for words of letters
    alone (OCR is less sure of letters its models lack: "Einfuhrung", "a l'informatique"),
    which an icon read as letters seldom makes."""
    words = title.split()
    wordy = len(words) >= 2 and all(_WORD.fullmatch(w) for w in words)
    return 0.55 if wordy and sum(c.isalpha() for c in title) >= 10 else 0.7


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _names_platform(matcher: PlatformMatcher, text: str) -> bool:
    """The text is a platform's names and hosts and nothing else (a logo's words)."""
    rest = text.casefold()
    names = [matcher.platform.name, *matcher.platform.aliases, *matcher.platform.hosts]
    for name in sorted(names, key=len, reverse=True):
        rest = rest.replace(name.casefold(), " ")
    return not any(c.isalnum() for c in rest)


# ------------------------------------------------------------------ amounts
def _hours(cands: Sequence[Candidate], doc: Document) -> Candidate | None:
    dummy = Extraction(kind=EvidenceKind.CERTIFICATE)
    chosen = _choose(cands, dummy, "hours")
    if chosen is not None:
        return chosen
    seen: dict[float, Candidate] = {}
    for line in doc.lines:
        value = values.hours(line.text)
        if value is not None and value not in seen:
            seen[value] = Candidate(
                "hours",
                value,
                0.88 * ocr_factor(line.conf),
                "a number of hours in the text",
                line.page,
            )
    return next(iter(seen.values())) if len(seen) == 1 else None


# ------------------------------------------------------------------ warnings for empty fields
_WHY = {
    "learner_name": "no name is printed beside a certificate's wording",
    "course_title": "no course title is printed beside a certificate's wording",
    "issued_on": "no date of issue is printed",
    "certificate_id": "no certificate ID is printed (no ID label, address or known ID form)",
    "verify_url": "no verification address is printed",
    "hours": "the course length is not printed",
    "grade_percent": "no grade in percent is printed",
    "progress_percent": "no progress in percent is shown",
    "platform": "the document names no platform on the list",
}


def _explain_empty(result: Extraction) -> None:
    for name in FIELD_NAMES:
        if name == "kind" or result.value(name) is not None or result.has_warning(name):
            continue
        result.warn(name, _WHY.get(name, "not found"))
