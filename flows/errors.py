"""Errors that reach the user: each carries its exit code and says what to do (OCRmyPDF style)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extractors.errors import ExitCode


class TanuError(Exception):
    """Base of every error tanu reports to a person; ``str()`` is the message to show."""

    exit_code = ExitCode.ERROR


class UsageError(TanuError):
    """The command was given something it cannot use (unknown learner, bad score …)."""

    exit_code = ExitCode.USAGE


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in one data file, precise enough to go and fix it."""

    file: Path
    entry: str  # e.g. "learners[3] (id L-0004)", or "" for the whole file
    field: str  # e.g. "iin", or "" when not about one field
    message: str

    def __str__(self) -> str:
        where = ": ".join(p for p in (str(self.file), self.entry, self.field) if p)
        return f"{where}: {self.message}"


class DataError(TanuError):
    """The university's data files are invalid; nothing was changed. Fix the files named."""

    exit_code = ExitCode.ERROR

    def __init__(
        self,
        problems: list[Problem],
        where: str = "the data files",
        then: str = "run `tanu data check` again",
    ) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in {where}; fix them and {then}:\n{lines}")
