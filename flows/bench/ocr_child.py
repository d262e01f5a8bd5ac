"""The pipeline's side of ``tanu bench ocr``, in a process of its own so that its peak memory
is its own: ``python -m flows.bench.ocr_child OUT WORKERS DATA_DIR FILE...`` reads the files
and writes the seconds of reading and the CPU seconds they took (every thread of the process,
Tesseract's included: imports and start-up excluded), and each file's fields."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from extractors.errors import ExtractionError
from extractors.pipeline import Extractor, ExtractSettings
from flows.datafiles import load_catalog


def main(argv: list[str]) -> None:
    out, workers, data_dir, *files = argv
    catalog = load_catalog(Path(data_dir))
    extractor = Extractor(list(catalog.platforms.values()), ExtractSettings(workers=int(workers)))
    started, cpu = time.perf_counter(), time.process_time()
    results = {
        str(path): None if isinstance(got, ExtractionError) else got.to_json()
        for path, got in extractor.extract_many([Path(f) for f in files])
    }
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    data = {"seconds": seconds, "cpu_seconds": cpu, "results": results}
    Path(out).write_text(json.dumps(data), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
