"""Errors of extraction: each names the file and says what is wrong with it."""

from __future__ import annotations

from pathlib import Path


class ExtractionError(Exception):
    exit_code = 3


class UnreadableFile(ExtractionError):
    """The file cannot be read as a PDF or an image; it is kept and reported, not lost."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path.name}: {reason}")


class UnsupportedFile(ExtractionError):
    def __init__(self, path: Path) -> None:
        self.path = path
        self.reason = "not a PDF or an image (PNG, JPEG, WebP, TIFF)"
        super().__init__(f"{path.name}: {self.reason}")
