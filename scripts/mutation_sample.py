"""Estimate a package's mutation score from a random sample when a whole mutmut run is out of reach.

A services mutant that survives runs every integration test reaching it, so the services' whole run takes
many hours on two cores, and mutmut goes cheapest first: stopping it part-way leaves a score of the cheap
mutants only. A seeded random sample of the mutants not yet checked, run by name, gives an unbiased
estimate of the rest, with its uncertainty:

    .venv/bin/python scripts/mutation_sample.py pick --size 500 > mutants/sample.txt
    .venv/bin/mutmut run --max-children 2 $(cat mutants/sample.txt)
    .venv/bin/python scripts/mutation_sample.py estimate mutants/sample.txt

`make mutate-sample` does the three. The estimate counts as killed what `mutation_score.py` counts
(a timeout too); mutants checked outside the sample count as they are, the unchecked rest at the
sample's rate. The interval is Wilson's 95 % interval of the sample's rate, carried to the package.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mutation_score import status  # the one place a verdict's exit code is read

Z95 = 1.959964


def verdicts(root: Path, package: str) -> dict[str, str]:
    """Every mutant of the package (by mutmut's name) and its status, from mutmut's results in `root`."""
    found: dict[str, str] = {}
    for meta in sorted(root.glob(package.replace(".", "/") + "/**/*.py.meta")):
        codes: dict[str, int | None] = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
        found.update({name: status(code) for name, code in codes.items()})
    return found


def wilson(killed: int, n: int) -> tuple[float, float]:
    if n == 0:
        return 0.0, 1.0
    p = killed / n
    centre = (p + Z95**2 / (2 * n)) / (1 + Z95**2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + Z95**2 / (4 * n * n)) / (1 + Z95**2 / n)
    return centre - half, centre + half


def pick(found: dict[str, str], size: int, seed: int) -> list[str]:
    unchecked = sorted(name for name, s in found.items() if s == "not checked")
    return sorted(random.Random(seed).sample(unchecked, min(size, len(unchecked))))


def estimate(found: dict[str, str], sample: list[str]) -> str:
    in_sample = set(sample)
    sampled = [found[name] for name in sample if name in found]
    checked = [s for s in sampled if s != "not checked"]
    killed = sum(s == "killed" for s in checked)
    low, high = wilson(killed, len(checked))
    rest = [s for name, s in found.items() if name not in in_sample]
    rest_killed = sum(s == "killed" for s in rest)
    rest_unchecked = sum(s == "not checked" for s in rest)
    total = len(found)
    rate = killed / len(checked) if checked else 0.0

    def score(r: float) -> float:
        return 100 * (rest_killed + killed + r * rest_unchecked + r * (len(sample) - len(checked))) / total

    return "\n".join([
        f"sample: {len(sample)} mutants, {len(checked)} checked, {killed} killed "
        f"({100 * rate:.1f} %, 95 % interval {100 * low:.1f} to {100 * high:.1f} %)",
        f"outside the sample: {len(rest) - rest_unchecked} checked ({rest_killed} killed), {rest_unchecked} not checked",
        f"package estimate: {score(rate):.1f} % of {total} killed (95 % interval {score(low):.1f} to {score(high):.1f} %)",
    ])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mutants", type=Path, default=Path("mutants"))
    parser.add_argument("--package", default="borgerservice_desk.services")
    sub = parser.add_subparsers(dest="command", required=True)
    picking = sub.add_parser("pick", help="print a random sample of the mutants not yet checked")
    picking.add_argument("--size", type=int, default=500)
    picking.add_argument("--seed", type=int, default=20261130)
    estimating = sub.add_parser("estimate", help="the package's score estimated from a picked sample")
    estimating.add_argument("sample", type=Path)
    args = parser.parse_args(argv)
    found = verdicts(args.mutants, args.package)
    if not found:
        print(f"No mutation results for {args.package} in {args.mutants}/: start `make mutate` first "
              "(it makes the mutants; stop it whenever).", file=sys.stderr)
        return 1
    if args.command == "pick":
        print("\n".join(pick(found, args.size, args.seed)))
    else:
        print(estimate(found, args.sample.read_text("utf-8").split()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
