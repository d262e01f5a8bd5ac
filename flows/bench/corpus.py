"""A corpus of evidence with its truth, made reproducibly from a seed.

Forms: ``text-pdf`` (a real text layer), ``image-pdf`` (a single image in a PDF, as Udemy's),
``scan-pdf``, ``photo`` (JPEG, tilt, blur, noise, EXIF orientation) and ``screenshot``
(PNG/JPEG/WebP, coloured banners, dark themes, tall full pages). Each file ``X.ext`` has
``X.truth.json`` beside it.

Beyond the content (content.py), the ways real documents vary are axes of the layout:
- fonts: DejaVu, Liberation and FreeFont families, sans and serif (what is installed);
- layouts: centred, left-aligned, left-aligned beside a column of other course names; long
  titles wrapped over two lines;
- text layers as real PDF makers leave them: letter-spaced glyph runs, dropped ligatures,
  words placed apart with no space character ("glued"), addresses broken over lines, labels
  drawn as pictures (no text), the page stored turned with ``/Rotate``;
- scans stored sideways, and browser print-outs: the page with its print header and footer,
  turned a quarter;
- screenshots with a header bar holding the account's name; a tenth of them a certificate
  captured with the browser around it (tabs, address bar, bookmarks, light or dark).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from flows.bench.content import CERTIFICATES
from flows.bench.fonts import families
from flows.bench.images import (
    as_photo,
    as_scan,
    browser_print,
    browser_window,
    image_pdf,
    render_certificate,
    render_screenshot,
)
from flows.bench.screens import SCREENSHOTS, certificate_page
from flows.bench.textpdf import text_pdf
from flows.bench.words import KK_NAMES, Doc

FORMS = ("text-pdf", "image-pdf", "scan-pdf", "photo", "screenshot")
OCR_FORMS = ("image-pdf", "scan-pdf", "photo", "screenshot")
TEXT_QUIRKS = (
    "plain",
    "plain",
    "spaced",
    "dropped_ligature",
    "broken_url",
    "glued",
    "label_shapes",
    "rotated",
)


# ------------------------------------------------------------------ the corpus
@dataclass(frozen=True)
class Item:
    path: Path
    truth: dict[str, object]


def write_item(item_dir: Path, name: str, form: str, doc: Doc, rng: random.Random) -> Item:
    """Render ``doc`` in ``form`` as ``name.<ext>`` with its truth beside it."""
    truth = dict(doc.truth)
    if form == "text-pdf":
        path = item_dir / f"{name}.pdf"
        text_pdf(doc, path, rng)
    elif form == "screenshot" and doc.style.get("browser_window"):
        own = random.Random(f"{name}/window")  # drawn of its own, as the document was;
        rng.choice([0, 0, 0]), rng.choice([0, 0, 0, 0, 0])  # and the draws of the page it
        # took the place of (its width, its file's type) still made: the rest of a seed's
        # corpus stays as it was
        img = browser_window(render_certificate(doc, own, 2000), doc, own)
        path = item_dir / f"{name}.png"
        img.save(path)
    elif form == "screenshot":
        img = render_screenshot(doc, rng)
        ext = rng.choice(["png", "png", "png", "jpg", "webp"])
        path = item_dir / f"{name}.{ext}"
        img.save(path, quality=90) if ext != "png" else img.save(path)
    else:
        # a platform's own image; a 300 dpi scan of A4; a 12-megapixel phone photo
        width = {"image-pdf": 2000, "scan-pdf": 3500, "photo": rng.randint(2600, 3200)}[form]
        img = render_certificate(doc, rng, width)
        if form == "image-pdf":
            path = item_dir / f"{name}.pdf"
            image_pdf(img, path)
        elif form == "scan-pdf":
            path = item_dir / f"{name}.pdf"
            if doc.style.get("browser_print"):
                image_pdf(as_scan(browser_print(img, doc, rng), rng), path, quality=75)
            else:
                image_pdf(as_scan(img, rng), path, quality=70, rotate=doc.style.get("rotate", 0))
        else:
            photo, orientation = as_photo(img, rng, doc.style.get("orientation"), _filled(doc))
            path = item_dir / f"{name}.jpg"
            exif = Image.Exif()
            exif[0x0112] = orientation
            photo.save(path, "JPEG", quality=rng.randint(60, 85), exif=exif.tobytes())
    truth["form"] = form
    truth["axes"] = {k: v for k, v in doc.style.items() if isinstance(v, str | int | float | bool)}
    (item_dir / f"{name}.truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return Item(path, truth)


def _filled(doc: Doc) -> float | None:
    """A photo's framing: a third of them the page alone, in light falling off across it by
    35–55%. Drawn from the document's own name, apart from the corpus's sequence, so that the
    axis leaves every other document of a seed as it was."""
    if "filled" not in doc.style:
        draw = random.Random(f"{doc.truth.get('learner_name')}/{doc.truth.get('course_title')}")
        doc.style["filled"] = round(draw.uniform(0.35, 0.55), 2) if draw.random() < 1 / 3 else 0
    filled = doc.style["filled"]
    return float(filled) if isinstance(filled, int | float) and filled else None


_SIDEBAR = ["Foundations of Data", "Ask Questions", "Prepare Data", "Process Data", "Analyze"]


def vary(doc: Doc, form: str, rng: random.Random) -> Doc:
    """The axes of layout a document gets, drawn at random (content.py varies the words)."""
    doc.style["family"] = rng.choice(families())
    doc.style["layout"] = rng.choice(["center", "center", "left"])
    doc.style["wrap"] = True
    if doc.style["layout"] == "left" and rng.random() < 0.4:
        doc.style["sidebar"] = True
        doc.style["sidebar_courses"] = rng.sample(_SIDEBAR, 4)
    doc.style["qr"] = rng.random() < 0.3
    if form == "text-pdf":
        doc.style[rng.choice(TEXT_QUIRKS)] = True
    elif form == "scan-pdf":
        roll = rng.random()
        if roll < 0.15:
            doc.style["browser_print"] = True
        elif roll < 0.3:
            doc.style["rotate"] = rng.choice([90, 270])
    return doc


DEFAULT_SEED = 20261125


def generate(
    out: Path,
    count: int = 180,
    seed: int = DEFAULT_SEED,
    forms: tuple[str, ...] = FORMS,
    progress: Callable[[int], None] | None = None,
) -> list[Item]:
    """``count`` documents spread over the forms and platforms; same seed, same corpus."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    items = []
    for n in range(count):
        form = forms[n % len(forms)]
        if form == "screenshot":
            doc = SCREENSHOTS[(n // len(forms)) % len(SCREENSHOTS)](rng)
            doc.style["dark"] = rng.random() < 0.15 and not doc.style.get("tall")
            doc.style["dark_bar"] = rng.random() < 0.5
            if rng.random() < 0.5:  # the account's name in the page's header
                doc.truth["learner_name"] = _account(rng)
            own = random.Random(f"{seed}/{n}/certificate page")  # drawn of its own: the
            roll = own.random()  # rest of a seed's corpus stays as it was
            if roll < 0.1:
                doc = certificate_page(own)
            elif roll < 0.2:  # a certificate captured with the browser around it
                doc = vary(CERTIFICATES[own.randrange(len(CERTIFICATES))](own), "image-pdf", own)
                doc.style["browser_window"] = True
        else:
            doc = vary(CERTIFICATES[(n // len(forms)) % len(CERTIFICATES)](rng), form, rng)
        name = f"{n:04d}-{form}-{doc.truth['platform'] or 'generic'}"
        items.append(write_item(out, name, form, doc, rng))
        if progress:
            progress(n + 1)
    return items


def _account(rng: random.Random) -> str:
    return rng.choice(KK_NAMES)[1]


def load(corpus: Path) -> list[Item]:
    items = []
    for truth_path in sorted(corpus.glob("*.truth.json")):
        stem = truth_path.name.removesuffix(".truth.json")
        files = [p for p in corpus.glob(f"{stem}.*") if not p.name.endswith(".truth.json")]
        if len(files) == 1:
            items.append(Item(files[0], json.loads(truth_path.read_text(encoding="utf-8"))))
    return items


def forms_of(items: Sequence[Item]) -> list[str]:
    return sorted({str(i.truth["form"]) for i in items})
