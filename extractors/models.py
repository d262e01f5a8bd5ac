"""Tesseract models tanu derives from the installed ones.

``LatinNames``: the recognition network of Tesseract's Latin-script model (Debian's
``tesseract-ocr-script-latn``) without its 88 MB word list. The English model cannot write the
letters of other Latin alphabets — the Kazakh Latin alphabet of 2021 (Ä Ğ Ī Ñ Ö Ş Ū Ü), Turkish,
Spanish, Vietnamese —, so a name read in English loses them ("Şahin" → "Sahin"); the Latin
network knows them all, and without the word list (useless for names, IDs and addresses) it
loads as fast as the English one. It is built once, with Tesseract's own ``combine_tessdata``,
into a cache folder; without the Latin model or the tool, names are read in English only.

``english_words``: the English word list inside Tesseract's English model, written out once
with ``combine_tessdata`` and ``dawg2wordlist``: it tells whether two pieces of a text layer
joined by a ligature's letters make a word ("Classi cation" → "Classification").
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

LATIN_NAMES = "LatinNames"
_SOURCES = (
    Path("/usr/share/tesseract-ocr/5/tessdata/Latin.traineddata"),
    Path("/usr/share/tesseract-ocr/4.00/tessdata/Latin.traineddata"),
    Path("/usr/share/tesseract-ocr/5/tessdata/script/Latin.traineddata"),
)


def cache_dir() -> Path:
    base = os.environ.get("TANU_TESSDATA_CACHE") or os.environ.get("XDG_CACHE_HOME")
    return Path(base) / "tanu-tessdata" if base else Path.home() / ".cache" / "tanu-tessdata"


def latin_names(folder: Path | None = None) -> Path | None:
    """The folder holding ``LatinNames.traineddata`` (built when missing), or None when the
    Latin model or ``combine_tessdata`` is not installed."""
    folder = folder or cache_dir()
    target = folder / f"{LATIN_NAMES}.traineddata"
    if target.is_file():
        return folder
    source = next((p for p in _SOURCES if p.is_file()), None)
    tool = shutil.which("combine_tessdata")
    if source is None or tool is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=folder) as tmp:
            prefix = Path(tmp) / f"{LATIN_NAMES}."
            subprocess.run([tool, "-u", str(source), str(prefix)], check=True, capture_output=True)
            (Path(tmp) / f"{LATIN_NAMES}.lstm-word-dawg").unlink(missing_ok=True)
            subprocess.run([tool, str(prefix)], check=True, capture_output=True)
            os.replace(Path(tmp) / f"{LATIN_NAMES}.traineddata", target)  # atomic: no half file
    except (OSError, subprocess.CalledProcessError):
        return None
    return folder


_ENGLISH = (
    Path("/usr/share/tesseract-ocr/5/tessdata/eng.traineddata"),
    Path("/usr/share/tesseract-ocr/4.00/tessdata/eng.traineddata"),
)


@cache
def english_words(folder: Path | None = None) -> frozenset[str]:
    """English words in lower case (empty when the model or the tools are missing)."""
    folder = folder or cache_dir()
    target = folder / "eng.words"
    if not target.is_file():
        source = next((p for p in _ENGLISH if p.is_file()), None)
        unpack, listing = shutil.which("combine_tessdata"), shutil.which("dawg2wordlist")
        if source is None or unpack is None or listing is None:
            return frozenset()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(dir=folder) as tmp:
                prefix = Path(tmp) / "eng."
                subprocess.run(
                    [unpack, "-u", str(source), str(prefix)], check=True, capture_output=True
                )
                out = Path(tmp) / "eng.words"
                subprocess.run(
                    [listing, f"{prefix}lstm-unicharset", f"{prefix}lstm-word-dawg", str(out)],
                    check=True,
                    capture_output=True,
                )
                os.replace(out, target)
        except (OSError, subprocess.CalledProcessError):
            return frozenset()
    return frozenset(target.read_text(encoding="utf-8").casefold().split())
