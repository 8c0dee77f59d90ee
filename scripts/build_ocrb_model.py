"""Build the OCR-B character model the MRZ reader uses, reproducibly (seeded) from Debian's OCR-B font.

    .venv/bin/python scripts/build_ocrb_model.py            # build where the reader looks, if missing
    .venv/bin/python scripts/build_ocrb_model.py --force    # build again
    .venv/bin/python scripts/build_ocrb_model.py --show     # what the model there was made from
    BSD_OCRB_MODEL=/some/file.npz ...                       # elsewhere (tests, benchmarks)

The reader looks for the model under the key of its recipe (a hash of the training code, the fonts and
the layout facts it trains from), so a change to any of them builds a new one. The build fails (exit status 1, nothing saved) when the model
classifies fewer than MIN_HELD_OUT_ACCURACY of held-out generated cells right. `make run` and `make test`
call this script.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from borgerservice_desk.scanning.model_store import model_path
from borgerservice_desk.scanning.ocrb import OcrbModel


def processor_class() -> str:
    """What vector code numpy and OpenBLAS chose on this processor: builds of one recipe are bit-identical
    within a class, not across classes (an AVX2-only machine and an AVX-512 one add in another order), so
    this is printed with a build and with --show, to tell why two models of one key differ."""
    import numpy  # noqa: F401 - loads OpenBLAS, which threadpoolctl then reports
    from threadpoolctl import threadpool_info

    blas = ", ".join(sorted({f"{lib['internal_api']} {lib.get('architecture', '?')}" for lib in threadpool_info()}))
    try:  # numpy's own dispatch: which of the targets it was built for this processor runs
        from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__

        simd = " ".join(target for target in __cpu_dispatch__ if __cpu_features__.get(target)) or "baseline"
    except ImportError:
        simd = "?"
    return f"BLAS {blas or '?'}; numpy SIMD {simd}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--force", action="store_true", help="build even if the model exists")
    parser.add_argument("--show", action="store_true", help="print the metadata of the model there and stop")
    args = parser.parse_args()
    path = model_path()
    if args.show:
        if not path.exists():
            print(f"no model at {path}")
            return 1
        print(json.dumps(json.loads(OcrbModel.metadata(path)), indent=1, sort_keys=True))
        print(f"this machine: {processor_class()}")
        return 0
    if path.exists() and not args.force:
        print(f"OCR-B model present: {path}")
        return 0
    from borgerservice_desk_training import ocrb_training

    started = time.perf_counter()
    print(f"Building the OCR-B model (a few minutes) into {path} on {processor_class()} ...", flush=True)
    try:
        report = ocrb_training.build(path)
    except ocrb_training.ModelRejected as rejected:
        print(f"OCR-B model build FAILED: {rejected}", file=sys.stderr)
        return 1
    print(
        f"{path}: {report.cells} cells from {report.blocks_cut_right}/{report.blocks} rendered blocks, "
        f"accuracy {report.training_accuracy:.4f} on training cells, {report.held_out_accuracy:.4f} held out "
        f"(at least {ocrb_training.MIN_HELD_OUT_ACCURACY} required), in {time.perf_counter() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
