"""Hostile and careless input to the inbox: every file ends in failed/ with a reason a teacher
can read (a symlink or a FIFO too, without its target ever being read), the rest of the pass
is taken, and nothing tanu writes is readable by other users."""

from __future__ import annotations

import json
import os
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PIL import Image
from sqlalchemy.orm import Session

from flows.datafiles import Catalog
from flows.demo.evidence import coursera_certificate as certificate
from flows.demo.issuer_stand_in import Route, coursera_page, issuer_server, stand_in_verifier
from flows.intake.folders import Folders, Stability
from flows.intake.inbox import Intake, Taken


@pytest.fixture
def job(tmp_path: Path, catalog: Catalog, session: Session) -> Iterator[Intake]:
    with issuer_server() as server, httpx.Client() as client:
        server.routes["/verify/QWERTY123456"] = Route(
            body=coursera_page("Aliya Saduakassova", "Machine Learning", "Nov 10, 2026")
        )
        verifier = stand_in_verifier(catalog, session, server.base, client)
        folders = Folders.under(tmp_path / "var")
        folders.create()
        yield Intake(catalog, session, verifier, folders, Stability(0.0))


def take_all(job: Intake) -> list[Taken]:
    return [job.take(path) for path in job.settled_files()]


def _png_bomb(path: Path, side: int = 30000) -> None:
    """A PNG that says it is side×side pixels, in a few hundred KB (all one colour)."""
    import struct

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    row = b"\x00" + b"\x00" * (side // 8 + 1)
    raw = zlib.compress(row * 64, 9)  # only the first rows: the decoder fails or stops late
    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")
    )


def _raw_pdf(path: Path, content: bytes, resources: bytes = b"<< >>", extra: bytes = b"") -> None:
    """A one-page PDF written by hand: its content stream Flate-compressed as given, its
    resources as given, and ``extra`` objects (numbered from 5)."""
    packed = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources "
        + resources
        + b" >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
    ]
    if extra:
        objects.append(extra)
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))


def _stream_bomb(path: Path) -> None:
    """A 100 KB PDF whose drawing instructions unpack to 100 MB (the limit is 64 MiB)."""
    _raw_pdf(path, b"q Q " * 25_000_000)


def _picture_bomb(path: Path) -> None:
    """A PDF page that draws a 30000×30000 picture, stored in a few KB."""
    pixels = zlib.compress(b"\x00" * 4096)
    image = (
        b"<< /Type /XObject /Subtype /Image /Width 30000 /Height 30000 /ColorSpace /DeviceGray"
        b" /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(pixels)
        + pixels
        + b"\nendstream"
    )
    _raw_pdf(path, b"q 500 0 0 700 40 60 cm /Im0 Do Q", b"<< /XObject << /Im0 5 0 R >> >>", image)


def _hostile(folder: Path, outside: Path) -> dict[str, bytes]:
    """Files named (as bytes: one is not UTF-8) → what they are."""
    folder.mkdir(parents=True, exist_ok=True)
    made: dict[str, bytes] = {}

    def put(name: bytes, data: bytes) -> None:
        with open(os.path.join(os.fsencode(folder), name), "wb") as fh:
            fh.write(data)
        made[os.fsdecode(name)] = name

    put(b"empty.pdf", b"")
    put(b"html.pdf", b"<html><body>Not a PDF</body></html>")
    put(b"truncated.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n")
    put(b"\xff\xfe-latin1-\xe9.pdf", b"%PDF-1.4 garbage")  # a name that is not UTF-8
    put(("x" * 240).encode() + b".pdf", b"%PDF-1.4 garbage")  # 244 bytes: no room for .reason.txt
    put(b"text-as-jpg.jpg", b"hello, this is not a picture")
    from reportlab.pdfgen import canvas

    poster = canvas.Canvas(str(folder / "poster.pdf"), pagesize=(14400, 14400))  # 5 m a side
    poster.drawString(100, 100, "a page no printer makes")
    poster.showPage()
    poster.save()
    made["poster.pdf"] = b"poster.pdf"
    bomb = folder / "bomb.png"
    _png_bomb(bomb)
    made["bomb.png"] = b"bomb.png"
    _stream_bomb(folder / "inflates.pdf")
    made["inflates.pdf"] = b"inflates.pdf"
    _picture_bomb(folder / "picture.pdf")
    made["picture.pdf"] = b"picture.pdf"
    secret = outside / "secret.txt"
    secret.write_text("the SMTP password", encoding="utf-8")
    (folder / "link.pdf").symlink_to(secret)
    made["link.pdf"] = b"link.pdf"
    os.mkfifo(folder / "pipe.pdf")
    made["pipe.pdf"] = b"pipe.pdf"
    return made


def test_hostile_files_fail_with_a_reason_and_the_pass_goes_on(tmp_path: Path, job: Intake) -> None:
    folder = job.folders.inbox / "6B06101" / "MLB3215" / "L-0001"
    outside = tmp_path / "outside"
    outside.mkdir()
    made = _hostile(folder, outside)
    good = certificate(folder / "cert.pdf", "Aliya Saduakassova", "QWERTY123456")
    taken = take_all(job)
    outcomes = {os.fsdecode(os.fsencode(t.path.name)): t.outcome for t in taken}
    assert outcomes.pop(good.name) == "processed"
    assert set(outcomes) == set(made), set(made) ^ set(outcomes)
    assert set(outcomes.values()) == {"failed"}
    # nothing left in the inbox but the folders
    assert not [p for p in folder.iterdir()]
    failed = job.folders.failed / "6B06101" / "MLB3215" / "L-0001"
    reasons = {p.read_text(encoding="utf-8") for p in failed.glob("*.reason.txt")}
    assert len(reasons) == len(made)
    assert all(r.strip() for r in reasons)
    # the link moved as a link: its target was never read, nor copied into the store
    assert (failed / "link.pdf").is_symlink()
    stored = [p for p in job.folders.store.rglob("*") if p.is_file()]
    assert all(b"SMTP" not in p.read_bytes() for p in stored)
    # the poster page and the bomb were refused before their memory was taken (they would
    # need gigabytes); the whole test process stays far below that
    import resource

    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 1_500_000  # KiB
    # what tanu wrote is for its own user only
    for path in [*job.folders.store.rglob("*"), *job.folders.failed.rglob("*")]:
        if path.is_symlink():
            continue
        mode = stat.S_IMODE(path.lstat().st_mode)
        assert mode & 0o077 == 0, f"{path}: {oct(mode)}"


def test_an_image_too_large_is_refused_before_it_is_decoded(tmp_path: Path, job: Intake) -> None:
    folder = job.folders.inbox / "6B06101" / "MLB3215" / "L-0001"
    folder.mkdir(parents=True)
    Image.new("L", (20, 20)).save(folder / "small.png")
    _png_bomb(folder / "huge.png")
    outcomes = {t.path.name: (t.outcome, t.reason) for t in take_all(job)}
    assert outcomes["huge.png"][0] == "failed" and "pixels" in outcomes["huge.png"][1]


def test_arrival_is_when_intake_first_saw_the_file_not_its_mtime(
    tmp_path: Path, job: Intake, session: Session
) -> None:
    """A copier can backdate a file's modification time; the arrival (and so the submission
    day of 5.3) is when intake first saw the file complete."""
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import select

    from flows.store.db.models import EvidenceRow

    folder = job.folders.inbox / "6B06101" / "MLB3215" / "L-0001"
    folder.mkdir(parents=True)
    cert = certificate(folder / "cert.pdf", "Aliya Saduakassova", "QWERTY123456")
    old = datetime(2020, 1, 1, tzinfo=UTC).timestamp()
    os.utime(cert, (old, old))
    before = datetime.now(UTC)
    [taken] = take_all(job)
    assert taken.outcome == "processed"
    row = session.scalars(select(EvidenceRow)).one()
    arrived = row.arrived_at if row.arrived_at.tzinfo else row.arrived_at.replace(tzinfo=UTC)
    assert before - timedelta(seconds=5) <= arrived <= datetime.now(UTC)


def test_a_pdf_that_unpacks_to_more_than_the_limit_is_refused_by_name(
    tmp_path: Path, job: Intake
) -> None:
    folder = job.folders.inbox / "6B06101" / "MLB3215" / "L-0001"
    folder.mkdir(parents=True)
    _stream_bomb(folder / "inflates.pdf")
    _picture_bomb(folder / "picture.pdf")
    _raw_pdf(folder / "small.pdf", b"q Q " * 1000)  # the same form within the limits
    outcomes = {t.path.name: (t.outcome, t.reason) for t in take_all(job)}
    assert outcomes["inflates.pdf"][0] == "failed"
    assert "max_stream_bytes" in outcomes["inflates.pdf"][1]
    assert outcomes["picture.pdf"][0] == "failed"
    assert "30000×30000" in outcomes["picture.pdf"][1]
    assert "max_" not in outcomes["small.pdf"][1]  # read (nothing on it), not refused


def test_a_pdf_whose_dates_are_not_dates_is_still_read(tmp_path: Path, job: Intake) -> None:
    from pypdf import PdfReader, PdfWriter

    folder = job.folders.inbox / "6B06101" / "MLB3215" / "L-0001"
    folder.mkdir(parents=True)
    source = certificate(tmp_path / "src.pdf", "Aliya Saduakassova", "QWERTY123456")
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.add_metadata({"/CreationDate": "not a date at all", "/ModDate": "D:2026xx"})
    writer.write(folder / "cert.pdf")
    [taken] = take_all(job)
    assert taken.outcome == "processed", taken.reason


def test_a_tiff_of_200_frames_is_read_a_few_frames_at_most(tmp_path: Path) -> None:
    """Only the frames that are read are decoded: memory stays flat in the frame count (the
    200 frames decoded would take 1.3 GB)."""
    frames = [Image.new("L", (1500, 1500), 255) for _ in range(200)]
    tiff = tmp_path / "scan.tiff"
    frames[0].save(tiff, save_all=True, append_images=frames[1:], compression="tiff_deflate")
    out, peak = _peak_of([_tanu(), "extract", "--json", str(tiff)])
    assert any("8 of 200 frames" in w for w in json.loads(out)["warnings"])
    assert peak < 800_000  # KiB


@pytest.mark.parametrize("in_process", ["1", "0"])
def test_a_file_over_its_ocr_seconds_is_refused_with_the_limit_named(
    tmp_path: Path, in_process: str
) -> None:
    """The limit is a setting (``TANU_EXTRACTION__MAX_OCR_SECONDS``): a phone photo given a
    tenth of a second of OCR is refused by name, by the library and by the command alike."""
    import random
    import subprocess
    import sys

    from flows.bench import content
    from flows.bench.corpus import write_item

    rng = random.Random(5)
    photo = write_item(tmp_path, "photo", "photo", content.coursera(rng), rng).path
    env = {
        **os.environ,
        "TANU_EXTRACTION__MAX_OCR_SECONDS": "0.1",
        "TANU_EXTRACTION__OCR_IN_PROCESS": in_process,
    }
    tanu = str(Path(sys.executable).parent / "tanu")
    out = subprocess.run(
        [tanu, "extract", str(photo)], capture_output=True, text=True, env=env, check=False
    )
    assert out.returncode == 3, out.stderr
    assert "max_ocr_seconds" in out.stderr and "Traceback" not in out.stderr
    env["TANU_EXTRACTION__MAX_OCR_SECONDS"] = "300"
    out = subprocess.run(
        [tanu, "extract", "--json", str(photo)], capture_output=True, text=True, env=env
    )
    assert out.returncode == 0, out.stderr  # the same photo, with the usual budget


def _tanu() -> str:
    import sys

    return str(Path(sys.executable).parent / "tanu")


def _peak_of(command: list[str], env: dict[str, str] | None = None) -> tuple[str, int]:
    """The stdout of ``command`` and its peak resident memory in KiB, measured from a fresh
    parent process so that the peak is that of this one command."""
    import subprocess
    import sys

    probe = (
        "import resource, subprocess, sys\n"
        "out = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "sys.stdout.write(out.stdout)\n"
        "sys.stderr.write(out.stderr)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "sys.exit(out.returncode)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *command],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )
    assert out.returncode == 0, out.stderr
    *result, peak = out.stdout.splitlines()
    return "\n".join(result), int(peak)


def test_memory_is_flat_in_the_page_count(tmp_path: Path) -> None:
    """Pages without a text layer are rendered only as fast as they are read and let go once
    read (their pixels wait on disk for a second look): reading 14 such pages takes about the
    memory of reading 2. Held together, 12 more pages would take some 200 MB more."""
    from flows.bench.ocr_bench import scanned_pdf as scanned

    peaks = {}
    for pages in (2, 14):
        pdf = tmp_path / f"scan-{pages}.pdf"
        scanned(pdf, pages)
        out, peaks[pages] = _peak_of(
            [_tanu(), "extract", "--json", str(pdf)], {"TANU_EXTRACTION__MAX_PAGES": "16"}
        )
        assert json.loads(out)["text_source"] == "ocr"
    # measured: 40 MB more for 12 more pages (their words, the allocator's slack); held
    # together as before, 280 MB more
    assert peaks[14] - peaks[2] < 100_000, peaks  # KiB
