"""Errors of extraction: each names the file and says what is wrong with it and what to do.
Every one leaves the file where it was; a batch goes on with the next file."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """What the exit status of every tanu command means. It lives in the lowest layer that has
    errors, so that the extractors, the verifiers and the flows share one list; each error
    class carries its code (OCRmyPDF's pattern) and ``tanu --help`` lists them."""

    DONE = 0
    ERROR = 1  # the data files are not valid, or another error the message explains
    USAGE = 2  # a request the command cannot use: an unknown learner, a missing file, a bad setting
    UNREADABLE_FILE = 3  # an evidence file that cannot be read (the others are read)
    SOFTWARE = 70  # a fault of tanu itself (EX_SOFTWARE): report it with the file

    @classmethod
    def explained(cls) -> str:
        return "; ".join(f"{code.value} {_MEANING[code]}" for code in cls)


_MEANING = {
    ExitCode.DONE: "done",
    ExitCode.ERROR: "invalid data files, or another error the message explains",
    ExitCode.USAGE: "a request the command cannot use (an unknown learner, a missing file, a "
    "setting that is not valid)",
    ExitCode.UNREADABLE_FILE: "an evidence file that cannot be read (the others are read)",
    ExitCode.SOFTWARE: "a fault of tanu itself (report it with the file)",
}


class ExtractionError(Exception):
    exit_code = ExitCode.UNREADABLE_FILE

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

    exit_code = ExitCode.SOFTWARE

    def __init__(self, path: Path, step: str, exc: BaseException) -> None:
        super().__init__(
            path,
            f"tanu failed while {step} ({type(exc).__name__}: {exc}); the file is kept — "
            "please report this fault with the file",
        )
