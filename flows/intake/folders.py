"""The folders of intake and what is done to a file in them, whoever does it: the claim
that decides which worker takes a file (one atomic rename into ``claims/<worker>/``) and the
return of a dead worker's claims; names a person can read; files and folders for tanu's own
user only; the wait until a file is stable, and its arrival."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import socket
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

JUNK_NAMES = {".ds_store", "thumbs.db", "desktop.ini", "manifest.yaml", "manifest.yml"}
PARTIAL = (".crdownload", ".part", ".partial", ".download", ".tmp", ".swp")


@dataclass(frozen=True)
class Folders:
    inbox: Path
    store: Path
    archive: Path
    failed: Path
    claims: Path  # claims/<worker>/<programme>/<component>/<learner>/<file>: being taken

    @classmethod
    def under(cls, root: Path) -> Folders:
        return cls(
            root / "inbox", root / "store", root / "archive", root / "failed", root / "claims"
        )

    def create(self) -> None:
        """The folders, for tanu's own user only (evidence holds personal data: ID copies)."""
        for folder in (self.inbox, self.store, self.archive, self.failed, self.claims):
            private_dir(folder)


def worker_id() -> str:
    """This process among the workers that share an inbox: host and process id."""
    return f"{socket.gethostname()}~{os.getpid()}"


def _alive(worker: str) -> bool:
    """Whether a worker may still be at work: another host's cannot be known (yes); on this
    host, whether its process runs."""
    host, _, pid = worker.rpartition("~")
    if host != socket.gethostname() or not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


PUT_BACKS = ".put-back"  # under claims/: how often each file (by its hash) came back


def recover_claims(folders: Folders, most_put_backs: int | None = None) -> list[Path]:
    """Files a dead worker of this host had claimed, put back into the inbox to be taken again
    (a file whose result was committed is then known by its hash: a duplicate, archived).
    A file whose workers died more than ``most_put_backs`` times while taking it — it may
    crash the OCR engine or exhaust memory — is set aside in ``failed/`` with the reason
    instead of being taken again and again."""
    back: list[Path] = []
    if not folders.claims.is_dir():
        return back
    for worker in sorted(folders.claims.iterdir()):
        if worker.name.startswith(".") or not worker.is_dir() or _alive(worker.name):
            continue
        for path in sorted(p for p in worker.rglob("*") if p.is_symlink() or not p.is_dir()):
            relative = path.relative_to(worker)
            times = _count_put_back(folders, path)
            if most_put_backs is not None and times > most_put_backs:
                _set_aside(folders, path, relative, times)
                continue
            target = free_name(folders.inbox / relative)
            private_dir(target.parent)
            os.rename(path, target)
            back.append(target)
        shutil.rmtree(worker, ignore_errors=True)
    return back


def sha256_of(path: Path, follow: bool = True) -> str:
    """The SHA-256 of a file's bytes, read in blocks; with ``follow`` off a link is an error
    (OSError), never read through."""
    flags = os.O_RDONLY | (0 if follow else os.O_NOFOLLOW)
    digest = hashlib.sha256()
    with os.fdopen(os.open(path, flags), "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _count_put_back(folders: Folders, path: Path) -> int:
    """One more death of a worker taking this file (known by its hash); how many so far."""
    if path.is_symlink():  # a link is known by where it points, never read through
        key = hashlib.sha256(os.fsencode(os.readlink(path))).hexdigest()
    else:
        key = sha256_of(path, follow=False)
    counter = folders.claims / PUT_BACKS / key
    private_dir(counter.parent)
    try:
        times = int(counter.read_text(encoding="ascii")) + 1
    except (FileNotFoundError, ValueError):
        times = 1
    partial = counter.with_name(f"{counter.name}.{os.getpid()}.partial")
    write_private(partial, str(times))
    partial.replace(counter)
    return times


def _set_aside(folders: Folders, path: Path, relative: Path, times: int) -> None:
    target = free_name(folders.failed / relative)
    private_dir(target.parent)
    move_entry(path, target)
    write_private(
        reason_file(target),
        f"{readable(path.name)}: the worker taking this file stopped {times} times while it "
        "was at it — the file may crash the OCR engine or need more memory than there is. It "
        "is set aside here: check it, or hand in a PDF or a JPEG of it instead.\n",
    )


def private_dir(folder: Path) -> None:
    """``folder`` and its missing parents, readable by tanu's own user only, whatever the umask."""
    missing = [folder, *(p for p in folder.parents)]
    missing = list(reversed([p for p in missing if not p.exists()]))
    for part in missing:
        part.mkdir(mode=0o700, exist_ok=True)
        os.chmod(part, 0o700)
    if not missing:
        os.chmod(folder, 0o700)


def readable(name: str) -> str:
    """A file name as a person can read it: bytes that are not UTF-8 shown as �."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def reason_file(target: Path) -> Path:
    """Where the reason for ``target`` is written: beside it as ``<name>.reason.txt``, or, when
    that name would be too long or the name is not UTF-8, under a name made from its hash."""
    name = target.name + ".reason.txt"
    try:
        fits = len(name.encode("utf-8")) <= 255
    except UnicodeEncodeError:
        fits = False
    if fits:
        return target.with_name(name)
    digest = hashlib.sha256(os.fsencode(target.name)).hexdigest()[:16]
    return target.with_name(f"failed-{digest}.reason.txt")


def write_private(path: Path, text: str) -> None:
    """A text file readable by tanu's own user only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.chmod(path, 0o600)


def is_junk(path: Path) -> bool:
    name = path.name.lower()
    return name in JUNK_NAMES or name.startswith(("~$", ".")) or name.endswith(PARTIAL)


def inbox_entries(inbox: Path) -> list[Path]:
    """Everything in the inbox that is not a folder or junk: regular files, and the links,
    FIFOs and devices that are refused (never read) with a reason."""
    return sorted(
        p for p in inbox.rglob("*") if (p.is_symlink() or not p.is_dir()) and not is_junk(p)
    )


@dataclass
class Stability:
    """Remembers each file's size and mtime; a file is stable once they stay the same for
    ``seconds`` (a teacher's copy in progress, a browser still downloading)."""

    seconds: float  # flows.settings: intake.stable_seconds
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    wall: Callable[[], datetime] = lambda: datetime.now(UTC)
    _seen: dict[Path, tuple[int, int, float, datetime]] = field(default_factory=dict)

    def arrived(self, path: Path) -> datetime:
        """When the file was first seen as it is now (its size and mtime): its arrival, which
        the copier cannot backdate as it can a modification time. Now, if never seen."""
        seen = self._seen.get(path)
        return seen[3] if seen is not None else self.wall()

    def stable(self, path: Path) -> bool:
        try:
            st = path.lstat()  # a link is judged as itself, never by its target
        except FileNotFoundError:
            self._seen.pop(path, None)
            return False
        now = self.clock()
        sig = (st.st_size, st.st_mtime_ns)
        previous = self._seen.get(path)
        if previous is None or previous[:2] != sig:
            self._seen[path] = (*sig, now, self.wall())
            return False
        return now - previous[2] >= self.seconds


def move_entry(path: Path, target: Path) -> None:
    """Move a file, a link (as the link) or a FIFO; it ends for tanu's user only."""
    try:
        os.rename(path, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV or not stat.S_ISREG(path.lstat().st_mode):
            raise
        shutil.move(str(path), target)  # another filesystem: copied, then removed
    if not stat.S_ISLNK(target.lstat().st_mode):  # a link has no mode of its own
        os.chmod(target, 0o600)


def free_name(target: Path) -> Path:
    """The target, or with a number when a file of that name is already there."""
    n = 1
    candidate = target
    while candidate.exists():
        candidate = target.with_name(f"{target.stem}.{n}{target.suffix}")
        n += 1
    return candidate
