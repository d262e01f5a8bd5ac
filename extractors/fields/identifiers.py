"""The certificate ID and the verification address.

Sources, strongest first: a printed verification address of the platform (or, for an issuer not
on the list, an address whose path says it verifies: ``/verify/``, ``/validate/``, ``/cert/`` …,
or that the words before it call one: "Verify this certification at …"); an ID printed after its
label ("Certificate ID", "Сертификат №"); an ID of a shape only the platform issues ("UC-…") or a
UUID standing alone on its line. The printed address is reported as printed; the address a check
uses is the platform's canonical one, computed from the ID. An address that holds no ID (the
learner's and the course's names) is still reported, and checked when it is the issuer's own.

An ID read by OCR whose characters have look-alikes the platform's alphabet allows (O/0, I/1,
S/5) is flagged; a QR code or link annotation carrying the ID settles it, otherwise its
alternates (at most four) go to the verifier, which may ask the issuer for each before it says
*not found*.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from extractors.clean import latin
from extractors.fields.anchoring import Candidate, ocr_factor
from extractors.layout import Block, Document
from extractors.model import TextSource
from extractors.platforms import LOOKALIKES, IdFamily, PlatformMatcher

MAX_ALTERNATES = 4
_VERIFY_PATH = re.compile(
    r"/(?:verif[a-z]*|validat[a-z]*|verifica|verificar|valider|cert|certs|"
    r"certificate|certificates|credential|credentials|accomplishments?|"
    r"statement-of-accomplishment|check|proverka|badge|badges|c)/+"
    # a word for what was completed may stand between ("…/statement-of-accomplishment/course/…")
    r"(?:[a-z]+(?:-[a-z]+)*/+)?(?P<id>[A-Za-z0-9][A-Za-z0-9_-]{3,80})/?$",
    re.IGNORECASE,
)
_URL = re.compile(
    r"(?<![\w@/.-])(?:https?://)?(?:www\.)?(?:[a-z0-9-]+\.)+[a-z]{2,12}(?:/[^\s\"'<>«»]*)?",
    re.IGNORECASE,
)
_URL_SAFE = re.compile(r"[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]+")
_SPECKS = re.compile(r"[()\[\]{}',;`]")
# OCR's readings of an address's scheme ("httnsi//", "htps;//", "hitps:/", "nttps://" and
# "Ditpsi//" with its h read as another letter, "ttps://" with it lost), of the dot before its
# top-level domain as a comma ("coursera,org/verify") …
_SCHEME_MISREAD = re.compile(
    r"\b(?:[a-z][itl1]{1,3}|tt)[pn]s?\s?[:;.,i]?\s?/{1,2}(?=[a-z0-9])", re.IGNORECASE
)
_TLD = r"(?:com|org|net|edu|gov|info|io|ai|co|me|my|ru|kz|uz|ua|by|fi|uk|de|fr|es|it|pl|in|us)"
_COMMA_DOT = re.compile(rf"(?<=[a-z0-9]),(?={_TLD}/)")
# … or doubled by a speck beside it ("codewave..io/verify"): a host never has an empty label
_DOUBLE_DOT = re.compile(rf"(?<=[a-z0-9])\.{{2,}}(?={_TLD}/)", re.IGNORECASE)
# … and of the slash after it as a letter or a bracket ("stepik.orgicert/2010389", an
# underlined link's "coursera.org (verify/3WNV7M356BV2")
_SLASH_LETTER = re.compile(rf"(?<=[a-z0-9][.,])({_TLD})\s?[il|(]\s?(?=[a-z]{{2,}}/)")
# an underscore OCR reads before an address's host: a rule or a gap of the line ("_sololearn.com/…")
_RULE_BEFORE = re.compile(r"(?:(?<=\s)|^)_+(?=[a-z0-9][a-z0-9-]*\.[a-z])", re.IGNORECASE)
_URL_END = re.compile(r"(?:https?://|www\.|\.[a-z]{2,6}/)\S*$", re.IGNORECASE)
_URL_PIECE = re.compile(r"^[A-Za-z0-9\-._~/%?=&#]+$")
_STANDALONE = re.compile(
    r"^\s*(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{24,64})\s*$",
    re.IGNORECASE,
)
_TO_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "i": "1"})
_HEX_FIX = str.maketrans(
    {"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "i": "1", "S": "5", "£": "f"}
)
_TO_LETTERS = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G"})
# a letter inside an ID read as a bracket or a bar ("UC-3)WLDL8F" for "UC-3JWLDL8F")
_SPECK_LETTERS = {")": "J", "]": "J", "}": "J", "(": "C", "{": "C", "|": "I"}
_SPECK_TO_LETTER = str.maketrans(_SPECK_LETTERS)
_SPECK_INSIDE = re.compile("[" + re.escape("".join(_SPECK_LETTERS)) + "]")


@dataclass(frozen=True, slots=True)
class PrintedUrl:
    text: str  # as printed (joined over line breaks)
    conf: float
    ocr: bool
    group: int = 0  # readings of one printed address (its last part joined over OCR's spaces)
    worded: bool = False  # printed after words saying it verifies the document ("Verify at")


@dataclass
class IdReading:
    certificate_id: Candidate | None = None
    verify_url: Candidate | None = None
    check_url: str | None = None
    alternates: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def printed_urls(doc: Document, verification: re.Pattern[str] | None = None) -> list[PrintedUrl]:
    """Addresses printed on the pages; an address broken over two lines of a block is joined.
    One printed after ``verification`` words (on its line, or on the line above when it
    starts its own) is marked ``worded``."""
    found: list[PrintedUrl] = []
    for page in doc.pages:
        for block in page.blocks:
            above = ""
            for text, conf, ocr in _url_lines(block):
                # "£" is OCR's "f" in an address (it is never part of one)
                clean = latin(text).replace("£", "f")
                if ocr:
                    clean = _as_address(clean)
                clean = re.sub(r"(?<=[/.:])\s+(?=[A-Za-z0-9])", "", clean)
                for m in _URL.finditer(clean):
                    url = m.group(0).rstrip(".,;:)")
                    if "/" not in url.split("//", 1)[-1]:
                        continue
                    lettered = None
                    if ocr:  # specks OCR reads inside an address's last part ("SJ)XX87"),
                        # and a link's underline read after it ("3WNV7M356BV2_"); or a
                        # letter read as a speck ("2FXB4X]XQD5S"): both tried, the one that
                        # fits the platform's ID form taken
                        path, _, last = url.rpartition("/")
                        url = f"{path}/{_SPECKS.sub('', last).rstrip('_')}"
                        if _SPECK_INSIDE.search(last.rstrip("_")):
                            turned = _SPECKS.sub("", last.translate(_SPECK_TO_LETTER))
                            lettered = f"{path}/{turned.rstrip('_')}"
                    worded = verification is not None and bool(
                        verification.search(_before(text, url, above))
                    )
                    group = len(found)
                    found.append(PrintedUrl(url, conf, ocr, group, worded))
                    if lettered is not None:
                        found.append(PrintedUrl(lettered, conf * 0.95, ocr, group, worded))
                    # OCR may break an address's last part with spaces: try it joined
                    if ocr and re.search(r"/[A-Za-z0-9-]+$", url):
                        for more in joined_tails(clean[m.end() :]):
                            found.append(PrintedUrl(url + more, conf * 0.95, ocr, group, worded))
                above = text
    return found


def _before(text: str, url: str, above: str) -> str:
    """The words of ``text`` before the address ``url`` read from it (its scheme not among
    them); ``above``, the line over it, when the address begins its line."""
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=re.IGNORECASE).split("/")[0]
    at = latin(text).lower().rfind(host.lower())
    before = re.sub(r"\S*$", "", text[:at] if at >= 0 else "")  # a scheme OCR read, "www."
    return before if re.search(r"\w", before) else above


def _as_address(text: str) -> str:
    """An OCR line's address with the scheme and the dot OCR misread put right; a scheme
    read right is left as printed (http stays http)."""

    def scheme(m: re.Match[str]) -> str:
        read = m.group(0)
        if re.fullmatch(r"https?://", read, re.IGNORECASE):
            return read
        return "https://"

    text = _SLASH_LETTER.sub(r"\1/", _SCHEME_MISREAD.sub(scheme, _RULE_BEFORE.sub("", text)))
    return _DOUBLE_DOT.sub(".", _COMMA_DOT.sub(".", text))


def _url_lines(block: Block) -> list[tuple[str, float, bool]]:
    out: list[tuple[str, float, bool]] = []
    for line in block.lines:
        ocr = any(w.conf < 1.0 for w in line.words)
        text = line.text.strip()
        if out and _URL_END.search(out[-1][0]) and _URL_PIECE.match(text):
            prev, conf, was_ocr = out[-1]
            out[-1] = (prev + text, min(conf, line.conf), was_ocr or ocr)
        else:
            out.append((text, line.conf, ocr))
    return out


def joined_tails(text: str, most: int = 8) -> list[str]:
    """The next one, two … ``most`` tokens of letters and digits after a cut, joined: what
    OCR split of a long ID ("e6c76ed2485e 1df3a350 1e4832db727c"). The caller takes the
    longest that fits an ID form."""
    # a token may also follow glued behind a bracket OCR read for a letter ("UC-3)WLDL8F")
    tokens = re.match(rf"((?:(?:\s|(?=[)\]}}|]))[)\]}}|]?[A-Za-z0-9-]{{1,40}}){{1,{most}}})", text)
    if not tokens:
        return []
    parts = tokens.group(1).split()
    return ["".join(parts[: n + 1]) for n in range(len(parts))]


def repair(token: str, matcher: PlatformMatcher) -> tuple[str, IdFamily] | None:
    """The token as an ID of the platform, with OCR's letter/digit confusions undone where
    that is what makes it fit a form; None when no form fits."""
    token = latin(token).strip(".,;:()[]")
    if matcher.prefix and not token.startswith(matcher.prefix):
        head = token[: len(matcher.prefix)]
        if head.upper().translate(_TO_LETTERS) == matcher.prefix.upper():
            token = matcher.prefix + token[len(matcher.prefix) :]
    body_at = len(matcher.prefix) if token.startswith(matcher.prefix) else 0
    head, body = token[:body_at], token[body_at:]
    for candidate in _repairs(head, body):
        family = matcher.family(candidate)
        if family is not None:
            return candidate, family
    # a glyph read twice, as itself and as its look-alike ("fdxeS5may50"): one of the two
    stutters = {
        fixed
        for i in range(len(body) - 1)
        if frozenset(body[i : i + 2]) in _STUTTERS
        for cut in (i, i + 1)
        for fixed in _repairs(head, body[:cut] + body[cut + 1 :])
        if matcher.family(fixed) is not None
    }
    if len(stutters) == 1:
        fixed = stutters.pop()
        family = matcher.family(fixed)
        return (fixed, family) if family is not None else None
    return None


def _repairs(head: str, body: str) -> tuple[str, ...]:
    if _SPECK_INSIDE.search(body):  # only inside: the ends are stripped before
        return _repairs(head, body.translate(_SPECK_TO_LETTER))
    return (
        head + body,
        head + body.translate(_HEX_FIX).lower(),
        head + body.translate(_TO_DIGITS),
        head + body.upper(),
        head + body.translate(_TO_DIGITS).upper(),
    )


_STUTTERS = {frozenset(p) for p in ("S5", "s5", "O0", "o0", "I1", "l1")}


def lookalikes(token: str, family: IdFamily) -> dict[int, str]:
    """The positions of an OCR-read ID whose character has a look-alike the form allows,
    each with that other character."""
    out = {}
    for at in family.ambiguous(token):
        other = _lookalike(token[at], family)
        if other:
            out[at] = other
    return out


def alternates(
    token: str, family: IdFamily, positions: Sequence[int] | None = None
) -> tuple[list[str], bool]:
    """Other readings of an OCR-read ID, look-alikes swapped (at ``positions``, by default
    all): those with fewest swaps first, at most :data:`MAX_ALTERNATES`; and whether that is
    all of them."""
    others = lookalikes(token, family)
    at = [i for i in (others if positions is None else positions) if i in others]
    out: list[str] = []
    for flips in range(1, len(at) + 1):
        for chosen in itertools.combinations(at, flips):
            chars = list(token)
            for i in chosen:
                chars[i] = others[i]
            alt = "".join(chars)
            if family.fits(alt) and alt not in out:
                out.append(alt)
    return out[:MAX_ALTERNATES], len(out) <= MAX_ALTERNATES


def lookalike_note(alts: Sequence[str], complete: bool) -> str:
    """The warning for an ID read with look-alike characters (the verifier's alternates)."""
    if not complete:
        return (
            "certificate_id: read by OCR with several characters that have look-alikes "
            f"(O/0, I/1, S/5); check it against the document (the issuer can be asked for "
            f"{', '.join(alts)})"
        )
    return (
        "certificate_id: read by OCR with characters that have look-alikes (O/0, I/1, S/5); "
        f"the issuer can be asked for {', '.join(alts)} too"
    )


LOOKALIKE_NOTE = "certificate_id: read by OCR with"  # how the note starts


def _lookalike(ch: str, family: IdFamily) -> str | None:
    for a, b in LOOKALIKES:
        other = b if ch == a else a if ch == b else None
        if other and family.alphabet is not None and family.alphabet.fullmatch(other):
            return other
    return None


def _confusable(a: str, b: str) -> bool:
    return a.translate(_TO_DIGITS).upper() == b.translate(_TO_DIGITS).upper()


@dataclass
class _Found:
    cand: Candidate
    family: IdFamily | None = None  # the ID form, when read by OCR (its look-alikes count)
    url: str | None = None  # the printed address it was read from
    kind: str | None = None  # that address's kind (course, specialization …)
    alternates: list[str] = field(default_factory=list)  # other readings seen in print
    note: str | None = None  # a warning that goes with this reading when it is taken


def read_identifiers(
    doc: Document,
    matcher: PlatformMatcher | None,
    labelled: Sequence[Candidate],
    text: str,
    verification: re.Pattern[str] | None = None,
) -> IdReading:
    out = IdReading()
    damaged: list[tuple[PrintedUrl, int, int, str]] = []
    urls = printed_urls(doc, verification)
    from_url = _from_addresses(urls, matcher, damaged)
    from_label = _from_labels(labelled, matcher, out.warnings)
    from_shape = [] if from_url or from_label else _from_shapes(doc, matcher)
    machine = [latin(x) for x in (*doc.barcodes, *doc.links)]
    found = _settle(from_url, from_label, from_shape, out.warnings)
    if found is None and matcher is not None:
        found = _from_machine(machine, matcher)
    if found is None:
        _address_alone(urls, matcher, out)
        return out
    if found.note is not None and found.note not in out.warnings:
        out.warnings.append(found.note)
    if found.url is None and matcher is not None:
        _mend_address(found, damaged + _damaged_addresses(doc, matcher, str(found.cand.value)))
    _confirm(found, machine, matcher, out.warnings)
    _flag_lookalikes(found, out)
    if found.family is None and matcher is None and doc.source is not TextSource.PDF_TEXT:
        # an issuer whose ID form is unknown, read by OCR: O/0 and I/1 cannot be settled
        found.cand = _capped(found.cand, 0.85)
    ident = str(found.cand.value)
    out.certificate_id = found.cand
    if found.url is not None:
        out.verify_url = Candidate("verify_url", found.url, found.cand.conf, "as printed")
    else:  # the ID printed apart from the address that verifies it ("Validation code: …",
        # "Validate at https://…/validate"): the address as printed, where the ID is entered;
        # it holds no ID, so it is not the address to check
        _address_alone(urls, matcher, out)
        out.check_url = None
    if matcher is not None and matcher.family(ident) is not None:
        out.check_url = matcher.canonical_url(ident, found.kind, text)
    elif found.url is not None:
        out.check_url = found.url
    return out


def _from_addresses(
    urls: Sequence[PrintedUrl],
    matcher: PlatformMatcher | None,
    damaged: list[tuple[PrintedUrl, int, int, str]],
) -> list[_Found]:
    """IDs in printed addresses: the platform's own forms (a misread one is kept in
    ``damaged`` for the labelled ID to mend; one in a text layer, exact as printed, is kept
    and flagged), or a verification address of an issuer not on the list or of a platform
    whose own forms it does not fit (its path says it verifies, or the words before it do)."""
    best: dict[int, _Found] = {}  # per printed address, its longest reading that fits

    def keep(group: int, found: _Found) -> None:
        if group not in best or len(str(found.cand.value)) > len(str(best[group].cand.value)):
            best[group] = found

    for url in urls:
        fitted = False
        if matcher is not None:
            for spec, pattern in matcher.urls:
                m = pattern.search(url.text)
                if not m:
                    continue
                fitted = True
                fixed = repair(m.group("id"), matcher)
                if fixed is None:
                    damaged.append((url, m.start("id"), m.end("id"), spec.kind))
                    if not url.ocr:
                        keep(url.group, _off_form(url, m.group("id"), matcher, spec.kind))
                    continue
                ident, family = fixed
                printed = url.text[: m.start("id")] + ident + url.text[m.end("id") :]
                cand = Candidate(
                    "certificate_id", ident, 0.97 * ocr_factor(url.conf), "in its printed address"
                )
                read_as = family if url.ocr else None  # look-alikes count in OCR only
                keep(url.group, _Found(cand, read_as, _with_scheme(printed), spec.kind))
                break
        if fitted or not (matcher is None or _on_host(url, matcher)):
            continue
        path = _VERIFY_PATH.search(url.text.split("?")[0])
        token = path.group("id") if path else _last_part(url) if url.worded else None
        if not token or not re.search(r"\d", token):
            continue
        if matcher is not None and matcher.ids:  # the platform's own host: its ID forms
            fixed = repair(token, matcher)
            if fixed is None:
                if not url.ocr:
                    keep(url.group, _off_form(url, token, matcher, None))
                continue
            token = fixed[0]
        printed = url.text
        if url.ocr and (hexed := _as_hex(token)) != token:
            printed = printed.replace(token, hexed)
            token = hexed
        cand = Candidate(
            "certificate_id", token, 0.9 * ocr_factor(url.conf), "in a printed verification address"
        )
        keep(url.group, _Found(cand, url=_with_scheme(printed)))
    return list(best.values())


def _as_hex(token: str) -> str:
    """A long hexadecimal token read by OCR with a digit read as its look-alike letter
    ("8fle2d…" for "8f1e2d…"), put right; any other token as read."""
    fixed = token.translate(_HEX_FIX)
    if len(token) < 16 or not re.fullmatch(r"[0-9a-f]+|[0-9A-F]+", fixed):
        return token
    return fixed


def _on_host(url: PrintedUrl, matcher: PlatformMatcher) -> bool:
    """The address is on one of the platform's own hosts."""
    bare = re.sub(r"^https?://", "", url.text, flags=re.IGNORECASE)
    return matcher.hosts is not None and matcher.hosts.match(bare) is not None


def _off_form(url: PrintedUrl, ident: str, matcher: PlatformMatcher, kind: str | None) -> _Found:
    """The ID of the platform's own address in a text layer that fits none of its ID forms:
    exact as printed, so kept, less surely, for the commission to check."""
    cand = Candidate("certificate_id", ident, 0.8, "in its printed address")
    note = (
        f"certificate_id: '{ident}' in the printed address fits no known "
        f"{matcher.platform.name} ID form; kept for the commission to check"
    )
    return _Found(cand, url=_with_scheme(url.text), kind=kind, note=note)


def _last_part(url: PrintedUrl) -> str | None:
    """The last part of an address's path, when it can be an ID."""
    path = url.text.split("?")[0].rstrip("/")
    if "/" not in path.split("//", 1)[-1]:
        return None
    last = path.rsplit("/", 1)[1]
    return last if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{3,80}", last) else None


def _address_alone(
    urls: Sequence[PrintedUrl], matcher: PlatformMatcher | None, out: IdReading
) -> None:
    """No ID, but an address the words before it say verifies the document ("Verify this
    certification at https://…/certification/learner/course"): reported as printed, and
    checked when it is the issuer's own (an issuer not on the list, or the platform's host)."""
    for url in urls:
        if not url.worded or not _URL_SAFE.fullmatch(url.text):
            continue
        own = matcher is None or _on_host(url, matcher)
        if url.ocr and matcher is not None and any(p.search(url.text) for _, p in matcher.urls):
            continue  # the platform's own form, its ID misread: no address is better
        if own or not url.ocr:
            address = _with_scheme(url.text)
            how = "as printed, after words saying it verifies the document"
            # read by OCR, an address no ID form checks may hold a misread letter
            conf = 0.9 * ocr_factor(url.conf) if not url.ocr else min(0.85, ocr_factor(url.conf))
            out.verify_url = Candidate("verify_url", address, conf, how)
            out.check_url = address if own else None
            return


def _from_labels(
    labelled: Sequence[Candidate], matcher: PlatformMatcher | None, warnings: list[str]
) -> list[_Found]:
    """IDs after their labels, held to the platform's forms when it has them; one that fits
    no form is kept, less surely, for the commission to check."""
    found: list[_Found] = []
    for cand in labelled:
        token = str(cand.value)
        family = None
        if matcher is not None and matcher.ids:
            fixed = repair(token, matcher)
            if fixed is None and cand.block is not None:  # split by OCR: the next tokens
                # where the token ends in the block, spaces OCR put inside it allowed
                spaced = r"\s?".join(map(re.escape, token))
                at = re.search(spaced, latin(cand.block.flow))
                tails = joined_tails(latin(cand.block.flow)[at.end() :]) if at else []
                fixed = next(
                    (f for t in tails if (f := repair(token + t, matcher)) is not None), None
                )
            if fixed is not None:
                token, family = fixed
            else:
                note = (
                    f"certificate_id: '{token}' after its label fits no known "
                    f"{matcher.platform.name} ID form; kept for the commission to check"
                )
                if note not in warnings:
                    warnings.append(note)
                cand = _capped(cand, 0.8)
        ocr = cand.block is not None and cand.block.conf < 0.999
        if ocr and family is None:  # an issuer's long hexadecimal code ("Certification
            # code: 7f3a…a1e6"), a digit of it read as its look-alike letter
            token = _as_hex(token)
        cand = Candidate(cand.field, token, cand.conf, cand.how, cand.page, cand.block)
        found.append(_Found(cand, family if ocr else None))
    return found


def _from_shapes(doc: Document, matcher: PlatformMatcher | None) -> list[_Found]:
    """IDs that need no label: of a shape only the platform issues ("UC-…"), or a UUID or
    long hexadecimal code standing alone on its line."""
    found: list[_Found] = []
    for line in doc.lines:
        ocr = line.conf < 0.999
        plain = latin(line.text)
        if matcher is not None and any(f.distinct for f in matcher.ids):
            for m in re.finditer(r"[A-Za-z0-9|-]{8,80}", plain):
                fixed = repair(m.group(0), matcher)
                if fixed is not None and fixed[1].distinct:
                    conf = 0.88 * ocr_factor(line.conf)
                    cand = Candidate("certificate_id", fixed[0], conf, "by its form")
                    found.append(_Found(cand, fixed[1] if ocr else None))
        if _STANDALONE.match(plain):
            ident = plain.strip()
            if matcher is None or not matcher.ids or matcher.family(ident) is not None:
                conf = 0.85 * ocr_factor(line.conf)
                cand = Candidate("certificate_id", ident, conf, "standing alone on its line")
                found.append(_Found(cand))
    return found


def _settle(
    from_url: list[_Found], from_label: list[_Found], from_shape: list[_Found], warnings: list[str]
) -> _Found | None:
    """An address decides, a label agreeing with it makes it surer; without an address the
    labels, then the shapes. Readings of one ID that OCR made differ are reconciled; different
    IDs of one kind: none is taken."""
    printed = [*from_url, *from_label]
    if len({str(f.cand.value) for f in printed}) > 1 and _one_id(printed):
        return _reconciled(printed, warnings)
    for group, what in ((from_url, "printed addresses"), (from_label, "labels")):
        values = {str(f.cand.value) for f in group}
        if len(values) > 1:
            shown = ", ".join(sorted(values))
            warnings.append(f"certificate_id: the {what} show different IDs ({shown}); left empty")
            return None
    if from_url:
        found = max(from_url, key=lambda f: f.cand.conf)
        for other in from_label:
            label, address = str(other.cand.value), str(found.cand.value)
            if label == address:
                found.cand = _boost(found.cand, "and after its label")
            elif not _confusable(label, address):
                note = (
                    f"certificate_id: the label shows '{label}' but the address '{address}'; "
                    "the address is taken"
                )
                if note not in warnings:
                    warnings.append(note)
                found.cand = _capped(found.cand, 0.75)
        return found
    if from_label:
        return max(from_label, key=lambda f: f.cand.conf)
    if len({str(f.cand.value) for f in from_shape}) == 1:
        return max(from_shape, key=lambda f: f.cand.conf)
    if from_shape:
        warnings.append("certificate_id: several ID-like codes and no label; left empty")
    return None


def _one_id(readings: Sequence[_Found]) -> bool:
    """All within OCR's reach of each other: several readings of one printed ID."""
    values = list(dict.fromkeys(str(f.cand.value) for f in readings))
    return all(_near(a, b) for a, b in itertools.combinations(values, 2))


def _reconciled(readings: Sequence[_Found], warnings: list[str]) -> _Found:
    """One ID from readings that differ in a few characters: where they are as long, each
    character by the readings' weighted vote; a tie keeps the surer reading's character and
    gives the other as an alternate for the issuer to be asked (at most four). OCR's own
    confidence does not break ties: it is per word, not per character."""
    # one vote per place: two anchors matching the same printed line are one reading
    places = {(str(f.cand.value), id(f.cand.block) if f.cand.block else f.url): f for f in readings}
    readings = list(places.values())
    best = max(readings, key=lambda f: f.cand.conf)
    ident = str(best.cand.value)
    same_length = [f for f in readings if len(str(f.cand.value)) == len(ident)]
    chars, ties = list(ident), []
    for i in range(len(ident)):
        votes = Counter(str(f.cand.value)[i] for f in same_length)
        top = max(votes.values())
        leaders = [ch for ch, v in votes.items() if v == top]
        if len(leaders) == 1:
            chars[i] = leaders[0]
        else:
            ties.append((i, [ch for ch in leaders if ch != ident[i]]))
    voted = "".join(chars)
    others: list[str] = []
    for choice in itertools.product(*[[None, *alts] for _, alts in ties]):
        if all(c is None for c in choice):
            continue
        alt = list(voted)
        for (i, _), c in zip(ties, choice, strict=True):
            if c is not None:
                alt[i] = c
        others.append("".join(alt))
    others += [str(f.cand.value) for f in readings if len(str(f.cand.value)) != len(ident)]
    seen = sorted({str(f.cand.value) for f in readings})
    warnings.append(
        f"certificate_id: printed more than once and read differently ({', '.join(seen)}); "
        f"'{voted}' is taken"
        + (
            f", the issuer can be asked for {', '.join(others[:MAX_ALTERNATES])} too"
            if others
            else ""
        )
    )
    url = (
        best.url.replace(ident, voted)
        if best.url
        else next((f.url.replace(str(f.cand.value), voted) for f in readings if f.url), None)
    )
    kind = best.kind or next((f.kind for f in readings if f.kind), None)
    cand = Candidate(
        "certificate_id",
        voted,
        min(best.cand.conf, 0.8 if not ties else 0.7),
        f"{best.cand.how}, read differently elsewhere",
        best.cand.page,
        best.cand.block,
    )
    return _Found(cand, best.family, url, kind, others[:MAX_ALTERNATES])


def _from_machine(machine: Sequence[str], matcher: PlatformMatcher) -> _Found | None:
    """The ID in a QR code or link annotation holding one of the platform's addresses, when
    print gives none: machine-read, so as sure as a text layer."""
    for payload in machine:
        for _, pattern in matcher.urls:
            m = pattern.search(payload)
            if m and matcher.family(m.group("id")) is not None:
                cand = Candidate(
                    "certificate_id", m.group("id"), 0.95, "in a QR code or link of the file"
                )
                return _Found(cand)
    return None


def _mend_address(found: _Found, damaged: Sequence[tuple[PrintedUrl, int, int, str]]) -> None:
    """A printed address OCR misread, holding (within two characters) the ID read
    elsewhere: the address as printed, with that ID."""
    ident = str(found.cand.value)
    for url, start, end, kind in damaged:
        if _near(url.text[start:end], ident):
            found.url = _with_scheme(url.text[:start] + ident + url.text[end:])
            found.kind = kind
            found.cand = _boost(found.cand, "and, misread, in its printed address")
            return


def _confirm(
    found: _Found, machine: Sequence[str], matcher: PlatformMatcher | None, warnings: list[str]
) -> None:
    """A QR code or a link annotation with the same ID, or one OCR misread in print, settles
    it; one holding another ID of the platform is a discrepancy to look at."""
    ident = str(found.cand.value)
    confirmed = _confirmed(ident, machine, matcher)
    if confirmed is None:
        other = None if matcher is None else _from_machine(machine, matcher)
        if other is not None and str(other.cand.value) != ident:
            warnings.append(
                f"certificate_id: the QR code or link holds '{other.cand.value}', the print "
                f"'{ident}'; check the document"
            )
            found.cand = _capped(found.cand, 0.6)
        return
    if found.url is not None:
        found.url = found.url.replace(ident, confirmed)
    found.cand = _boost(  # the code is machine-read: its characters are exact
        Candidate(found.cand.field, confirmed, max(found.cand.conf, 0.95), found.cand.how),
        "confirmed by a QR code or link",
    )
    found.family = None
    found.alternates = []


def _flag_lookalikes(found: _Found, out: IdReading) -> None:
    """An OCR-read ID with characters whose look-alikes its form allows: flagged, with the
    other readings (at most four, those seen in print first, then those with fewest
    swaps) for the verifier to ask the issuer."""
    out.alternates = list(found.alternates)
    if found.family is None:
        return
    alts, complete = alternates(str(found.cand.value), found.family)
    if not alts:
        return
    out.alternates = list(dict.fromkeys([*found.alternates, *alts]))[:MAX_ALTERNATES]
    out.warnings.append(lookalike_note(alts, complete))
    found.cand = _capped(found.cand, 0.8 if complete else 0.6)


def _capped(cand: Candidate, cap: float) -> Candidate:
    return Candidate(
        cand.field, cand.value, min(cand.conf, cap), cand.how, cand.page, cand.block, cand.ref
    )


def _confirmed(ident: str, machine: Sequence[str], matcher: PlatformMatcher | None) -> str | None:
    for payload in machine:
        for token in re.findall(r"[A-Za-z0-9-]{4,80}", payload):
            same = token == ident or _misread(ident, token)
            if same and (matcher is None or matcher.family(token) is not None):
                return str(token)
    return None


_CONFUSED = {
    frozenset(p)
    for p in (
        "O0",
        "o0",
        "D0",
        "Q0",
        "I1",
        "l1",
        "i1",
        "S5",
        "s5",
        "B8",
        "Z2",
        "G6",
        "b6",
        "g9",
        "q9",
        "A4",
        "T7",
        "e6",
    )
}


def _misread(read: str, exact: str) -> bool:
    """``read`` (OCR) is ``exact`` (a machine-read code) with OCR's usual confusions in at
    most a third of its characters and one other slip at most."""
    if len(read) != len(exact):
        return _near(read, exact)
    differ = [(a, b) for a, b in zip(read, exact, strict=True) if a != b]
    odd = sum(1 for a, b in differ if frozenset((a, b)) not in _CONFUSED)
    return odd <= 1 and len(differ) <= len(exact) // 3


def _damaged_addresses(
    doc: Document, matcher: PlatformMatcher, ident: str
) -> list[tuple[PrintedUrl, int, int, str]]:
    """Addresses OCR damaged so that no pattern finds them ("e.my/UC-5YO6CSFWZ" for
    "ude.my/UC-5YO6CSFW"): text ending like the start of one of the platform's printed
    addresses, then something within two characters of the ID. Given back in the platform's
    printed form."""
    out: list[tuple[PrintedUrl, int, int, str]] = []
    for line in doc.lines:
        text = latin(line.text).replace("£", "f")
        for m in re.finditer(r"(\S*/)\s*(\S+(?:\s+\S+){0,7})", text):
            tokens = m.group(2).split()
            joined = ("".join(tokens[: n + 1]) for n in range(len(tokens)))
            misread = next((j for j in joined if _near(j, ident)), None)
            if misread is None:
                continue
            for spec, _ in matcher.urls:
                head = spec.template.split("://", 1)[1].split("{id}")[0]
                tail = min(len(head), 5)
                if m.group(1).lower().endswith(head[-tail:].lower()):
                    url = PrintedUrl(spec.template.replace("{id}", misread), line.conf, True)
                    at = url.text.index(misread)
                    out.append((url, at, at + len(misread), spec.kind))
                    break
    return out


def _near(misread: str, ident: str) -> bool:
    """Within OCR's reach of the ID: two characters, three in a long one."""
    return _distance(misread.lower(), ident.lower()) <= (3 if len(ident) >= 24 else 2)


def _distance(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions), for short IDs."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _boost(cand: Candidate, why: str) -> Candidate:
    if why in cand.how:  # the same label twice is one confirmation
        return cand
    return Candidate(
        cand.field,
        cand.value,
        min(0.995, cand.conf + 0.03),
        f"{cand.how}, {why}",
        cand.page,
        cand.block,
    )


def _with_scheme(url: str) -> str:
    return url if re.match(r"https?://", url, re.IGNORECASE) else f"https://{url}"
