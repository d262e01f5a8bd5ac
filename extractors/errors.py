"""Errors of extraction: each names the file and says what is wrong with it and what to do.
Every one leaves the file where it was; a batch goes on with the next file."""

from __future__ import annotations

from pathlib import Path


class ExtractionError(Exception):
    exit_code = 3

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path.name}: {reason}")


class UnreadableFile(ExtractionError):
    """The file cannot be read as a PDF or an image; it is kept and reported, not lost."""


class TooLarge(ExtractionError):
    """Over one of the limits of :class:`~extractors.pipeline.ExtractSettings`, checked before
    the work (a decompression bomb costs nothing to send and gigabytes to open)."""


class UnsupportedFile(ExtractionError):
    def __init__(self, path: Path) -> None:
        super().__init__(path, "not a PDF or an image (PNG, JPEG, WebP, TIFF)")


class ReaderFault(ExtractionError):
    """Reading failed inside tanu (a fault of the program, not of the file): the file is kept
    with this reason; report it with the file so that the fault can be mended."""

    exit_code = 70  # EX_SOFTWARE

    def __init__(self, path: Path, step: str, exc: BaseException) -> None:
        super().__init__(
            path,
            f"tanu failed while {step} ({type(exc).__name__}: {exc}); the file is kept — "
            "please report this fault with the file",
        )
