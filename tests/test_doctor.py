"""`tanu doctor` as a process: it passes on this machine's set-up (the one `make test`
installs), and fails with the right line when Tesseract's Kazakh data or LibreOffice is
missing, or when the watcher has not been seen for a while."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.intake.watcher import HEARTBEAT

TANU = str(Path(sys.executable).parent / "tanu")
pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None or shutil.which("soffice") is None,
    reason="Tesseract or LibreOffice is not installed (make test installs them)",
)


def _doctor(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TANU_", "PREFECT_API"))}
    base |= {"TANU_VAR_DIR": str(tmp_path / "var"), "COLUMNS": "200", **env}
    subprocess.run([TANU, "db", "upgrade"], env=base, check=True, capture_output=True)
    return subprocess.run([TANU, "doctor"], env=base, capture_output=True, text=True)


def _line(out: str, name: str) -> str:
    return next(x for x in out.splitlines() if f"  {name}:" in x)


def test_doctor_passes_on_this_set_up(tmp_path: Path) -> None:
    done = _doctor(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("data files", "database", "tesseract", "libreoffice", "free disk", "folders"):
        assert _line(done.stdout, name).startswith("ok"), done.stdout
    assert _line(done.stdout, "prefect").startswith("note")  # no server here: only noted


def test_doctor_names_missing_kazakh_data(tmp_path: Path) -> None:
    tessdata = tmp_path / "tessdata"
    tessdata.mkdir()
    found = subprocess.run(
        ["tesseract", "--list-langs"], capture_output=True, text=True, check=True
    ).stdout.splitlines()[0]
    source = Path(found.split('"')[1])  # List of available languages in "/usr/share/…/" (n):
    for name in ("eng", "rus", "osd"):
        shutil.copy(source / f"{name}.traineddata", tessdata)
    done = _doctor(tmp_path, TESSDATA_PREFIX=str(tessdata))
    assert done.returncode == 1
    line = _line(done.stdout, "tesseract")
    assert line.startswith("FAIL") and "no kaz data" in line and "tesseract-ocr-kaz" in line


def test_doctor_names_missing_libreoffice(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for program in ("tesseract", "fc-match"):  # the others stay, LibreOffice goes
        os.symlink(str(shutil.which(program)), bin_dir / program)
    done = _doctor(tmp_path, PATH=f"{bin_dir}:{Path(sys.executable).parent}")
    assert done.returncode == 1
    assert _line(done.stdout, "libreoffice").startswith("FAIL")
    assert _line(done.stdout, "tesseract").startswith("ok")


def test_doctor_says_when_the_watcher_was_last_seen(tmp_path: Path) -> None:
    beat = tmp_path / "var" / HEARTBEAT
    beat.parent.mkdir(parents=True)
    beat.touch()
    assert _line(_doctor(tmp_path).stdout, "watcher").startswith("ok")
    old = time.time() - 3600
    os.utime(beat, (old, old))
    done = _doctor(tmp_path)
    assert done.returncode == 1 and "last seen 60 min ago" in _line(done.stdout, "watcher")
