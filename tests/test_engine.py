"""Tesseract in the worker's process reads exactly what the ``tesseract`` command reads — the
same words, boxes and confidences, from a file and from pixels in memory — on generated
screenshots and photos; a reading over its time and missing languages are clear errors; two
threads read at once, each with its own engine, and later threads reuse them."""

from __future__ import annotations

import random
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageOps

from extractors import engine
from extractors.layout import Line
from extractors.ocr import OcrSettings, tesseract
from flows.bench import content, screens
from flows.bench.corpus import write_item

pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None or not engine.available(),
    reason="Tesseract is not installed (make test installs it)",
)

COMMAND = OcrSettings(in_process=False)
LIBRARY = OcrSettings(in_process=True)


def _words(lines: list[Line]) -> list[tuple[str, float, float, float, float, float]]:
    return [(w.text, w.x0, w.y0, w.x1, w.y1, w.conf) for line in lines for w in line.words]


@pytest.fixture(scope="module")
def images(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("engine")
    rng = random.Random(31)
    shot = write_item(folder, "quiz", "screenshot", screens.coursera_quiz(rng), rng)
    photo = write_item(folder, "photo", "photo", content.stepik(rng), rng)
    return [shot.path, photo.path]


def test_the_library_reads_what_the_command_reads(images: list[Path]) -> None:
    for path in images:
        from_file = _words(tesseract(path, LIBRARY))
        assert len(from_file) > 20, path.name  # it read the page, not nothing
        assert from_file == _words(tesseract(path, COMMAND)), path.name
        pixels = ImageOps.exif_transpose(Image.open(path)).convert("L")
        pixels.thumbnail((1600, 1600))
        in_memory = _words(tesseract(pixels, LIBRARY))
        assert in_memory == _words(tesseract(pixels, COMMAND)), path.name
        kazakh = replace(LIBRARY, languages="kaz+rus", psm=6)
        assert _words(tesseract(pixels, kazakh)) == _words(
            tesseract(pixels, replace(kazakh, in_process=False))
        ), path.name


def test_two_threads_read_at_once_as_one_does(images: list[Path]) -> None:
    alone = [_words(tesseract(p, LIBRARY)) for p in images]
    with ThreadPoolExecutor(2) as pool:
        together = list(pool.map(lambda p: _words(tesseract(p, LIBRARY)), images * 2))
    assert together == alone * 2


def test_a_reading_over_its_time_is_an_error(images: list[Path]) -> None:
    with pytest.raises(engine.OcrFailed, match="more than"):
        tesseract(images[1], replace(LIBRARY, timeout_seconds=0.001))
    assert _words(tesseract(images[0], LIBRARY))  # the engine reads on afterwards


def test_missing_languages_are_named(images: list[Path]) -> None:
    with pytest.raises(engine.OcrFailed, match="could not load the languages 'xxx'"):
        tesseract(images[0], replace(LIBRARY, languages="xxx"))


def test_an_image_that_is_not_one_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n not really")
    with pytest.raises(engine.OcrFailed, match="pixels"):
        tesseract(bad, LIBRARY)


def _resident_mib() -> int:
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) // 1024


def test_engines_outlive_the_threads_that_used_them(images: list[Path]) -> None:
    """Each file's pool brings new threads: the engines they read with are lent to the next
    ones, not loaded again (0.2 s a file), and their models do not pile up."""
    small = Image.open(images[0]).convert("L")

    def batch() -> None:
        threads = [threading.Thread(target=tesseract, args=(small, LIBRARY)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    batch()
    loaded, before = engine._lender.loaded, _resident_mib()
    for _ in range(6):
        batch()
    assert engine._lender.loaded == loaded
    assert _resident_mib() - before < 40  # one engine's models alone are about 60 MiB
