"""Tesseract in the worker's own process, through its C API: initialised engines are kept by
language set and lent to one reading at a time, so the language models are loaded once per
process and reading at once instead of once per image (starting the ``tesseract`` command costs
about 0.1 s before it reads a pixel, as much as reading a small sheet of lines) — and not once
per file either: a file's pool threads come and go, the engines stay.

The images are handed over as Leptonica reads them from a file or from an in-memory BMP — the
same pixels the ``tesseract`` command would read — and the hOCR comes from the same renderer,
so a reading is the command's reading (``tests/test_engine.py`` holds them equal). When the
library cannot be loaded (another system), :func:`available` is false and the callers use the
command instead.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import io
import os
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image


class OcrFailed(RuntimeError):
    """Tesseract could not read an image: its languages are missing, the image is not one,
    or the reading ran over its time."""


class OcrTimeout(OcrFailed):
    """A reading ran over its time: the per-image timeout or the file's OCR budget."""


_LIBRARIES = {"tesseract": ("libtesseract.so.5", "tesseract"), "lept": ("liblept.so.5", "lept")}
_LEPT_SEVERITY_NONE = 6  # Leptonica's messages off: a bad image is our error, not its stderr


class _Api:
    """The few C functions tanu uses, typed once."""

    def __init__(self) -> None:
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # read when the library starts
        self.tess = _load(*_LIBRARIES["tesseract"])
        self.lept = _load(*_LIBRARIES["lept"])
        t, lept, p, c, i = self.tess, self.lept, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
        _sign(t.TessBaseAPICreate, p)
        _sign(t.TessBaseAPIDelete, None, p)
        _sign(t.TessBaseAPIInit3, i, p, c, c)
        _sign(t.TessBaseAPISetVariable, i, p, c, c)
        _sign(t.TessBaseAPISetPageSegMode, None, p, i)
        _sign(t.TessBaseAPISetImage2, None, p, p)
        _sign(t.TessBaseAPIRecognize, i, p, p)
        _sign(t.TessBaseAPIGetHOCRText, p, p, i)
        _sign(t.TessBaseAPIClear, None, p)
        _sign(t.TessDeleteText, None, p)
        _sign(t.TessMonitorCreate, p)
        _sign(t.TessMonitorDelete, None, p)
        _sign(t.TessMonitorSetDeadlineMSecs, None, p, i)
        _sign(lept.pixRead, p, c)
        _sign(lept.pixReadMem, p, c, ctypes.c_size_t)
        _sign(lept.pixDestroy, None, ctypes.POINTER(p))
        _sign(lept.setMsgSeverity, i, i)
        lept.setMsgSeverity(_LEPT_SEVERITY_NONE)


def _load(name: str, short: str) -> ctypes.CDLL:
    try:
        return ctypes.CDLL(name)
    except OSError:
        found = ctypes.util.find_library(short)
        if found is None:
            raise
        return ctypes.CDLL(found)


def _sign(function: Any, restype: object, *argtypes: object) -> None:
    function.restype = restype
    function.argtypes = argtypes


_api: _Api | None = None
_api_error: str | None = None
_api_lock = threading.Lock()


def _the_api() -> _Api | None:
    global _api, _api_error
    with _api_lock:
        if _api is None and _api_error is None:
            try:
                _api = _Api()
            except (OSError, AttributeError) as exc:
                _api_error = str(exc)
        return _api


def available() -> bool:
    """Whether Tesseract's library can be used in this process."""
    return _the_api() is not None


@dataclass(frozen=True, slots=True)
class _Key:
    languages: str
    tessdata_dir: str


class _Engine:
    """One initialised TessBaseAPI: used by one reading at a time, reused for every image."""

    def __init__(self, api: _Api, key: _Key) -> None:
        self.api = api
        self.handle = api.tess.TessBaseAPICreate()
        datapath = key.tessdata_dir.encode() if key.tessdata_dir else None
        if api.tess.TessBaseAPIInit3(self.handle, datapath, key.languages.encode()) != 0:
            api.tess.TessBaseAPIDelete(self.handle)
            raise OcrFailed(
                f"Tesseract could not load the languages {key.languages!r}"
                + (f" from {key.tessdata_dir}" if key.tessdata_dir else "")
                + ": install their tessdata (see the README)"
            )
        # the models are freed with the engine (one the lender does not keep)
        weakref.finalize(self, api.tess.TessBaseAPIDelete, self.handle)
        tess = api.tess
        tess.TessBaseAPISetVariable(self.handle, b"debug_file", b"/dev/null")
        tess.TessBaseAPISetVariable(self.handle, b"hocr_font_info", b"0")

    def read(self, pix: int, psm: int, timeout_seconds: float) -> bytes:
        tess = self.api.tess
        tess.TessBaseAPISetPageSegMode(self.handle, psm)
        tess.TessBaseAPISetImage2(self.handle, pix)
        monitor = tess.TessMonitorCreate()
        started = time.monotonic()
        try:
            tess.TessMonitorSetDeadlineMSecs(monitor, max(1, int(timeout_seconds * 1000)))
            status = tess.TessBaseAPIRecognize(self.handle, monitor)
            if time.monotonic() - started >= timeout_seconds:
                raise OcrTimeout(f"reading an image took more than {timeout_seconds:g} s")
            if status != 0:
                raise OcrFailed("Tesseract could not read the image")
            text = tess.TessBaseAPIGetHOCRText(self.handle, 0)
            try:
                return ctypes.string_at(text) if text else b""
            finally:
                if text:
                    tess.TessDeleteText(text)
        finally:
            tess.TessMonitorDelete(monitor)
            tess.TessBaseAPIClear(self.handle)


class _Lender:
    """Engines by language set, each lent to one reading at a time. An engine returned is kept
    for the next reading (loading ``eng+rus+kaz`` takes about 0.2 s), up to ``most_idle`` of a
    set: as many as read at once in a process, so memory stays what its busiest moment needs
    (about 60 MiB of models an engine)."""

    def __init__(self, most_idle: int) -> None:
        self.most_idle = most_idle
        self.loaded = 0  # engines initialised in this process, for the tests and the bench
        self._idle: dict[_Key, list[_Engine]] = {}
        self._lock = threading.Lock()

    @contextmanager
    def lend(self, key: _Key) -> Iterator[_Engine]:
        api = _the_api()
        if api is None:
            raise OcrFailed(f"Tesseract's library could not be loaded: {_api_error}")
        with self._lock:
            idle = self._idle.setdefault(key, [])
            engine = idle.pop() if idle else None
        if engine is None:
            engine = _Engine(api, key)
            with self._lock:
                self.loaded += 1
        try:
            yield engine
        finally:
            with self._lock:
                idle = self._idle[key]
                if len(idle) < self.most_idle:
                    idle.append(engine)


# a file's pages and second looks read on the extractor's threads and the caller's
_lender = _Lender(most_idle=(os.cpu_count() or 1) + 1)


def read_hocr(
    image: Image.Image | Path,
    languages: str,
    psm: int,
    timeout_seconds: float,
    tessdata_dir: str = "",
) -> bytes:
    """One image read into an hOCR document, as ``tesseract IMAGE - -l LANGUAGES --psm PSM
    hocr`` would write it: a file is read by Leptonica as it is; pixels in memory are handed
    over as an uncompressed BMP (what tanu gave the command before)."""
    with _lender.lend(_Key(languages, tessdata_dir)) as engine:
        lept = engine.api.lept
        if isinstance(image, Path):
            pix = lept.pixRead(os.fsencode(image))
        else:
            buffer = io.BytesIO()
            image.save(buffer, format="BMP")
            data = buffer.getvalue()
            pix = lept.pixReadMem(data, len(data))
        if not pix:
            raise OcrFailed("Tesseract could not read the image's pixels")
        try:
            body = engine.read(pix, psm, timeout_seconds)
        finally:
            holder = ctypes.c_void_p(pix)
            lept.pixDestroy(ctypes.byref(holder))
    return _DOCUMENT_START + body + _DOCUMENT_END


_DOCUMENT_START = b'<html xmlns="http://www.w3.org/1999/xhtml"><body>'
_DOCUMENT_END = b"</body></html>"
