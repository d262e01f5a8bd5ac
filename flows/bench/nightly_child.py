"""The night of ``tanu bench nightly`` in a process of its own:
``python -m flows.bench.nightly_child DB_URL STAND_IN DATA_DIR`` prints one JSON line with the
seconds, what was done, and how many files were read (the night should read none)."""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path

import httpx

from extractors.model import Extraction
from extractors.pipeline import Extractor
from flows.datafiles import load_catalog
from flows.demo.issuer_stand_in import stand_in_verifier
from flows.nightly.recheck import run_nightly
from flows.settings import Settings
from flows.store.db.engine import open_database


class _Counting(Extractor):
    files = 0

    def extract(self, path: Path) -> Extraction:
        _Counting.files += 1
        return super().extract(path)


def main(url: str, base: str, data_dir: str) -> None:
    catalog = load_catalog(Path(data_dir))
    settings = Settings.from_env({"TANU_DATA_DIR": data_dir})
    with open_database(url)() as session, httpx.Client() as client:
        verifier = stand_in_verifier(catalog, session, base, client)
        verifier.extractor = _Counting(list(catalog.platforms.values()))
        started = time.perf_counter()
        report = run_nightly(catalog, session, verifier, settings, day=date(2026, 11, 25))
        seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "seconds": seconds,
                "rechecked": report.rechecked,
                "reassessed": report.reassessed,
                "errors": report.errors[:5],
                "files_read": _Counting.files,
            }
        )
    )


if __name__ == "__main__":
    main(*sys.argv[1:4])
