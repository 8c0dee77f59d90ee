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
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from borgerservice_desk.scanning.model_store import model_path
from borgerservice_desk.scanning.ocrb import OcrbModel

# Set in the build's own process once it runs on the pinned vector code, so it re-executes only once.
PINNED_ENV = "BSD_OCRB_PINNED"


def pin_processor_class() -> None:
    """Re-execute this build on one vector code for every x86-64 processor with AVX2 and FMA: OpenBLAS's
    Haswell kernels and numpy's X86_V3 loops, whatever more the processor has. Left to choose, an AVX-512
    machine and an AVX2-only one add in another order, and 40 epochs of training carry the difference into
    other weights, so a clean clone on another machine read some test images otherwise than the machine the
    tests were written on (the stop-27 CI failures). Both libraries read their choice from the environment
    when they load, so it must be set before numpy is imported: hence a fresh process. A machine without
    AVX2 keeps its own code (Haswell kernels would not run there), and the build says it is not pinned."""
    if os.environ.get(PINNED_ENV):
        return
    from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__

    if "X86_V3" not in __cpu_dispatch__ or not __cpu_features__.get("X86_V3"):
        print("Not pinning the vector code: this processor lacks AVX2/FMA; its model's bytes are its own.")
        return
    beyond = [t for t in __cpu_dispatch__[__cpu_dispatch__.index("X86_V3") + 1 :] if __cpu_features__.get(t)]
    env = dict(os.environ, OPENBLAS_CORETYPE="Haswell", **{PINNED_ENV: "1"})
    if beyond:
        env["NPY_DISABLE_CPU_FEATURES"] = " ".join(beyond)
    sys.stdout.flush()
    os.execve(sys.executable, [sys.executable, str(Path(__file__).resolve()), *sys.argv[1:]], env)


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
        from borgerservice_desk_training.ocrb_training import processor_class

        print(f"this machine: {processor_class()}")
        return 0
    if path.exists() and not args.force:
        print(f"OCR-B model present: {path}")
        return 0
    pin_processor_class()
    from borgerservice_desk_training import ocrb_training

    started = time.perf_counter()
    print(f"Building the OCR-B model (a few minutes) into {path} on {ocrb_training.processor_class()} ...", flush=True)
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
