"""Extraction on real files: generated text PDFs of every platform, and — with real Tesseract —
an image-only PDF, a phone photo with EXIF rotation, a quiz screenshot and a tall page; broken
input is reported and the batch goes on; ``tanu extract --json`` keeps its field names."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extractors.errors import ExtractionError, UnreadableFile, UnsupportedFile
from extractors.model import FIELD_NAMES, Extraction, TextSource
from extractors.pipeline import Extractor
from flows.bench import content, screens, unlisted
from flows.bench.corpus import Item, write_item
from flows.bench.scoring import Case, Score, same
from flows.bench.words import Doc
from flows.datafiles import Catalog

TANU = str(Path(sys.executable).parent / "tanu")
needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="Tesseract is not installed (make test installs it)"
)


@pytest.fixture(scope="module")
def extractor(catalog: Catalog) -> Extractor:
    return Extractor(list(catalog.platforms.values()))


def _make(tmp: Path, name: str, form: str, template: Doc, seed: int = 1, **style: object) -> Item:
    template.style.update(style)
    return write_item(tmp, name, form, template, random.Random(seed))


def _check(result: Extraction | ExtractionError, item: Item) -> list[str]:
    assert isinstance(result, Extraction), result
    got = result.to_json()
    return [
        f"{f}: {got[f]!r} != {item.truth[f]!r}"
        for f in FIELD_NAMES
        if not same(f, got[f], item.truth[f])
    ]


@pytest.mark.parametrize("quirk", ["plain", "spaced", "dropped_ligature", "broken_url"])
def test_text_pdfs_of_every_platform(tmp_path: Path, extractor: Extractor, quirk: str) -> None:
    """Every certificate template as a text PDF, with each quirk of real PDFs: all fields."""
    items = []
    for n, make in enumerate(content.CERTIFICATES):
        rng = random.Random(100 + n)
        doc = make(rng)
        doc.style[quirk] = True
        items.append(write_item(tmp_path, f"{n}-{quirk}", "text-pdf", doc, rng))
    wrong = []
    for item, (_, result) in zip(
        items, extractor.extract_many([i.path for i in items]), strict=True
    ):
        assert isinstance(result, Extraction)
        # a word cut at a lost ligature glyph may be read from the page picture
        allowed = (
            {TextSource.PDF_TEXT, TextSource.MIXED}
            if quirk == "dropped_ligature"
            else {TextSource.PDF_TEXT}
        )
        assert result.text_source in allowed, item.path.name
        wrong += [f"{item.path.name}: {w}" for w in _check(result, item)]
    assert not wrong, "\n".join(wrong)


def test_unlisted_issuers_text_pdfs_with_their_verification_addresses(
    tmp_path: Path, extractor: Extractor
) -> None:
    """Certificates of issuers not on the list, in their wordings, some with an address only
    the words before it call a verification address (its last part an ID, or names, no ID):
    every field, the address as printed."""
    rng = random.Random(41)
    items = [
        write_item(tmp_path, f"unlisted-{n}", "text-pdf", unlisted.generic(rng), rng)
        for n in range(40)
    ]
    addressed = [i for i in items if i.truth.get("verify_url")]
    assert any(i.truth.get("certificate_id") for i in addressed)
    assert any(not i.truth.get("certificate_id") for i in addressed)
    wrong = []
    for item, (_, result) in zip(
        items, extractor.extract_many([i.path for i in items]), strict=True
    ):
        wrong += [f"{item.path.name}: {w}" for w in _check(result, item)]
    assert not wrong, "\n".join(wrong)


def test_broken_files_are_reported_and_the_batch_goes_on(
    tmp_path: Path, extractor: Extractor
) -> None:
    good = _make(tmp_path, "good", "text-pdf", content.coursera(random.Random(5)), 5)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n this is not a PDF at all")
    truncated = tmp_path / "photo.jpg"
    truncated.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 40)
    notes = tmp_path / "notes.txt"
    notes.write_text("hello", encoding="utf-8")
    results = dict(
        extractor.extract_many([broken, good.path, truncated, notes, tmp_path / "missing.pdf"])
    )
    assert isinstance(results[broken], UnreadableFile)
    assert "broken.pdf" in str(results[broken])
    assert isinstance(results[truncated], UnreadableFile)
    assert isinstance(results[notes], UnsupportedFile)
    assert isinstance(results[tmp_path / "missing.pdf"], UnreadableFile)
    assert isinstance(results[good.path], Extraction) and not _check(results[good.path], good)


def test_json_names_are_stable(tmp_path: Path) -> None:
    item = _make(tmp_path, "udemy", "text-pdf", content.udemy(random.Random(2)), 2)
    out = subprocess.run(
        [TANU, "extract", str(item.path), "--json"], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert list(data) == [
        *FIELD_NAMES,
        "text_source",
        "confidence",
        "warnings",
        "check_url",
        "id_alternates",
        "links",
        "sources",
    ]
    assert data["hours"] == item.truth["hours"] and data["platform"] == "udemy"
    assert data["text_source"] == "pdf-text"
    assert set(data["confidence"]) <= set(FIELD_NAMES)


def test_extract_exits_3_on_a_file_it_cannot_read(tmp_path: Path) -> None:
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 garbage")
    out = subprocess.run([TANU, "extract", str(bad)], capture_output=True, text=True, check=False)
    assert out.returncode == 3 and "scan.pdf" in out.stderr


@needs_tesseract
def test_tanu_extract_reads_images_with_real_tesseract(tmp_path: Path) -> None:
    """The four forms of the issue, through the command line and real Tesseract."""
    rng = random.Random(7)
    items = [
        _make(tmp_path, "coursera", "text-pdf", content.coursera(rng), 7),
        _make(tmp_path, "udemy-image", "image-pdf", content.udemy(rng), 8),
        _make(tmp_path, "phone-photo", "photo", content.stepik(rng), 9, orientation=6),
        _make(tmp_path, "quiz", "screenshot", screens.coursera_quiz(rng), 10),
    ]
    out = subprocess.run(
        [TANU, "extract", "--json", *[str(i.path) for i in items]],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    results = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["text_source"] for r in results] == ["pdf-text", "ocr", "ocr", "ocr"]
    score = Score()
    for item, result in zip(items, results, strict=True):
        assert result["file"] == str(item.path)
        truth = {k: v for k, v in item.truth.items() if v is not None}
        score.add(Case(item.path, str(item.truth["form"]), truth), _as_extraction(result))
    # Every field right on these four, and nothing read that is not there.
    assert score.invented_count() == 0, score.mistakes
    assert score.accuracy() == 1.0, score.mistakes
    quiz = results[3]
    assert quiz["kind"] == "screenshot" and quiz["grade_percent"] == items[3].truth["grade_percent"]


@needs_tesseract
def test_a_tall_dark_screenshot_is_read_in_tiles(tmp_path: Path, extractor: Extractor) -> None:
    doc = screens.tall_progress(random.Random(11))
    item = _make(tmp_path, "tall", "screenshot", doc, 11, dark=True)
    result = extractor.extract(item.path)
    assert not _check(result, item)


def _as_extraction(data: dict[str, object]) -> Extraction:
    """The JSON back into an Extraction, to score it the same way as the bench."""
    from datetime import date

    from extractors.model import EvidenceKind

    ex = Extraction(kind=EvidenceKind(str(data["kind"])))
    for name in FIELD_NAMES[1:]:
        value = data[name]
        if name == "issued_on" and value is not None:
            value = date.fromisoformat(str(value))
        setattr(ex, name, value)
    return ex


@needs_tesseract
def test_a_qr_code_carries_the_verification_url(tmp_path: Path, extractor: Extractor) -> None:
    """The address printed nowhere but in the QR code: the ID is read from the code, and the
    check goes to the address it carries."""
    doc = content.coursera(random.Random(12))
    doc.lines = [line for line in doc.lines if "verify" not in line[0].lower()]
    item = _make(tmp_path, "qr-only", "image-pdf", doc, 12, qr=True)
    result = extractor.extract(item.path)
    assert result.certificate_id == item.truth["certificate_id"]
    assert result.verify_url is None  # only an address printed on the page is reported as such
    assert result.check_url == item.truth["verify_url"] and result.check_url in result.links


@needs_tesseract
def test_bench_prints_its_figures(tmp_path: Path) -> None:
    out = subprocess.run(
        [
            TANU,
            "bench",
            "extract",
            str(tmp_path / "corpus"),
            "--count",
            "10",
            "--real",
            str(tmp_path / "no-real-corpus"),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "160"},
    )
    assert out.returncode == 0, out.stderr
    text = " ".join(out.stdout.split())  # rich wraps long lines
    for needle in (
        "no real corpus at",
        "extraction accuracy: generated corpus",
        "of fields right",
        "values where the truth has none",
        "confidence ≥ 0.9 are right",
        "raw Tesseract (kaz+rus+eng",
        "pipeline / raw =",
        "a text-layer certificate is read in",
    ):
        assert needle in text, needle
    assert len(list((tmp_path / "corpus").glob("*.truth.json"))) == 10


@needs_tesseract
def test_a_files_page_images_are_gone_once_it_is_read(
    tmp_path: Path, extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages read are let go to a scratch folder of their file, and that folder is removed
    as soon as the file's result is given: a long batch leaves nothing growing on disk."""
    import tempfile

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    rng = random.Random(12)
    items = [
        _make(tmp_path, f"scan-{n}", "image-pdf", content.udemy(rng), 20 + n) for n in range(3)
    ]
    left: list[list[Path]] = []
    for item, (path, result) in zip(
        items, extractor.extract_many([i.path for i in items]), strict=True
    ):
        assert path == item.path and not _check(result, item)
        [batch] = scratch.iterdir()  # the batch's folder, while the batch goes on
        left.append([p for p in batch.rglob("*") if p.is_file()])
    assert not [n for n, files in enumerate(left) if any(p.parts[-2] == str(n) for p in files)]
    assert not list(scratch.iterdir())  # and the batch's folder at its end
