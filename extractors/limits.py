"""The limits of reading one file, checked before the work (a decompression bomb costs nothing
to send and gigabytes to open). A light module: ``flows.settings`` offers them as settings
(``TANU_EXTRACTION__MAX_OCR_SECONDS``…) without importing the readers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    max_pages: int = 8  # pages (or frames) read per file; a certificate has one or two
    max_pixels: int = 60_000_000  # an image larger than this is refused before it is decoded
    max_stream_bytes: int = 64 * 2**20  # a PDF page's drawing instructions, once unpacked
    max_ocr_seconds: float = 300  # Tesseract's time on one file, all its readings together
    ocr_in_process: bool = True  # Tesseract's library in the worker (extractors.engine)


DEFAULT_LIMITS = Limits()
