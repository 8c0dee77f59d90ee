"""Build the OCR-B character model the MRZ reader uses, reproducibly (seeded) from Debian's OCR-B font.

    .venv/bin/python scripts/build_ocrb_model.py            # build where the reader looks, if missing
    .venv/bin/python scripts/build_ocrb_model.py --force    # build again
    BSD_OCRB_MODEL=/some/file.npz ...                       # elsewhere (tests, benchmarks)

The model is a build product, not kept in git; `make run` and `make test` call this script.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from borgerservice_desk.scanning.model_store import build_model, model_path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--force", action="store_true", help="build even if the model exists")
    args = parser.parse_args()
    path = model_path()
    if path.exists() and not args.force:
        print(f"OCR-B model present: {path}")
        return 0
    started = time.perf_counter()
    print(f"Building the OCR-B model (a few minutes) into {path} ...", flush=True)
    print(build_model(path), f"in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
