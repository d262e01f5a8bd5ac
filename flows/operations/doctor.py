"""``tanu doctor``: is this machine ready to run tanu? One line per check, what to do when it
is not. A check never changes anything (the database is not migrated, files are not moved)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from flows.datafiles import load_catalog
from flows.errors import TanuError
from flows.intake.watcher import BEAT_SECONDS, HEARTBEAT
from flows.settings import Settings
from flows.store.db.engine import make_engine, revisions

LANGUAGES = ("eng", "rus", "kaz", "osd")  # OCR in the three languages; OSD turns pages upright
MIN_FREE_BYTES = 2 * 2**30  # var/ holds the store, the archive and the outbox
HEARTBEAT_STALE_SECONDS = 6 * BEAT_SECONDS  # six beats missed (one may be a long file)


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    ok: bool
    detail: str  # what was found; when not ok, what to do
    needed: bool = True  # a failure of a check that is not needed is only reported

    def line(self) -> str:
        mark = "ok  " if self.ok else ("FAIL" if self.needed else "note")
        return f"{mark}  {self.name}: {self.detail}"


def run_checks(settings: Settings) -> list[Check]:
    checks: list[Callable[[Settings], Check]] = [
        data_files,
        database,
        tesseract,
        libreoffice,
        fonts,
        free_disk,
        folders_writable,
        prefect_api,
        watcher,
    ]
    out = []
    for check in checks:
        try:
            out.append(check(settings))
        except Exception as exc:  # a check that breaks is a failed check, named
            out.append(
                Check(check.__name__.replace("_", " "), False, f"{type(exc).__name__}: {exc}")
            )
    return out


def data_files(settings: Settings) -> Check:
    try:
        catalog = load_catalog(settings.data_dir)
    except TanuError as exc:
        return Check("data files", False, f"{exc}".splitlines()[0] + " (run `tanu data check`)")
    return Check(
        "data files",
        True,
        f"{settings.data_dir}: {len(catalog.learners)} learners, "
        f"{len(catalog.platforms)} platforms",
    )


def database(settings: Settings) -> Check:
    engine = make_engine(settings.database_url)
    try:
        current, head = revisions(engine)
    finally:
        engine.dispose()
    where = engine.url.render_as_string(hide_password=True)
    if current == head:
        return Check("database", True, f"{where}, schema {head}")
    return Check(
        "database",
        False,
        f"{where} is at schema {current or 'none'}, the code needs {head}: run `tanu db upgrade`",
    )


def tesseract(settings: Settings) -> Check:
    program = shutil.which("tesseract")
    if program is None:
        return Check("tesseract", False, "not installed: apt-get install tesseract-ocr (make test)")
    listed = subprocess.run(
        [program, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
    )
    have = {line.strip() for line in listed.stdout.splitlines()[1:]}
    missing = [lang for lang in LANGUAGES if lang not in have]
    version = subprocess.run(
        [program, "--version"], capture_output=True, text=True, timeout=30, check=False
    ).stdout.split("\n", 1)[0]
    if missing:
        packages = " ".join(f"tesseract-ocr-{lang}" for lang in missing)
        return Check(
            "tesseract",
            False,
            f"{version}: no {', '.join(missing)} data: apt-get install {packages}",
        )
    if settings.extraction.ocr_in_process:
        from extractors import engine

        if not engine.available():
            return Check(
                "tesseract",
                False,
                f"{version}: its library cannot be loaded in-process; install libtesseract5 or "
                "set TANU_EXTRACTION__OCR_IN_PROCESS=false",
            )
    return Check("tesseract", True, f"{version}, languages {' '.join(LANGUAGES)}")


def libreoffice(settings: Settings) -> Check:
    from flows.documents.render import soffice

    program = soffice()
    if program is None:
        return Check(
            "libreoffice",
            False,
            "not installed: documents are written as DOCX only, without their PDF copies "
            "(apt-get install libreoffice-writer)",
        )
    return Check("libreoffice", True, program)


def fonts(settings: Settings) -> Check:
    """The templates are set in Times New Roman; what this machine prints it with."""
    program = shutil.which("fc-match")
    if program is None:
        return Check("fonts", False, "fontconfig is not installed (apt-get install fontconfig)")
    used = subprocess.run(
        [program, "-f", "%{family[0]}", "Times New Roman"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    ).stdout.strip()
    exact = "Times New Roman" in used or "Liberation Serif" in used  # the same widths
    return Check(
        "fonts",
        exact,
        f"Times New Roman is printed with {used or 'nothing'}"
        + (
            "" if exact else ": page breaks may differ from Word (apt-get install fonts-liberation)"
        ),
        needed=False,
    )


def free_disk(settings: Settings) -> Check:
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(settings.var_dir).free
    detail = f"{free / 2**30:.1f} GiB free under {settings.var_dir}"
    if free < MIN_FREE_BYTES:
        return Check("free disk", False, detail + f": keep at least {MIN_FREE_BYTES // 2**30} GiB")
    return Check("free disk", True, detail)


def folders_writable(settings: Settings) -> Check:
    bad = []
    for name in ("inbox", "store", "archive", "failed", "outbox", "reports"):
        folder = settings.var_dir / name
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, prefix=".tanu-doctor-"):
                pass
        except OSError as exc:
            bad.append(f"{folder} ({exc.strerror})")
    if bad:
        return Check("folders", False, "not writable by this user: " + ", ".join(bad))
    return Check("folders", True, f"{settings.var_dir}/{{inbox,store,archive,failed,outbox}}")


def prefect_api(settings: Settings) -> Check:
    from prefect.settings import get_current_settings

    url = get_current_settings().api.url
    if not url:
        return Check(
            "prefect", False, "PREFECT_API_URL is not set (tanu serve needs it)", needed=False
        )
    try:
        answer = httpx.get(f"{str(url).rstrip('/')}/health", timeout=5)
    except httpx.HTTPError as exc:
        return Check("prefect", False, f"{url} cannot be reached ({exc}): is the server running?")
    if answer.status_code != 200:
        return Check("prefect", False, f"{url}/health answered {answer.status_code}")
    return Check("prefect", True, f"{url} answers")


def watcher(settings: Settings) -> Check:
    beat = settings.var_dir / HEARTBEAT
    if not beat.exists():
        return Check("watcher", False, "no watcher has run here (tanu serve runs it)", needed=False)
    age = time.time() - os.stat(beat).st_mtime
    if age > HEARTBEAT_STALE_SECONDS:
        return Check(
            "watcher",
            False,
            f"last seen {f'{age / 60:.0f} min' if age >= 120 else f'{age:.0f} s'} ago: is "
            "`tanu serve` running? (its log says why not)",
        )
    return Check("watcher", True, f"seen {age:.0f} s ago")
