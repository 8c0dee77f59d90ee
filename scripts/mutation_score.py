"""Print the mutation score that `make mutate` left in mutants/: killed / total for each package and
module, and the names of the survivors so they can be looked at with `mutmut show NAME`.

mutmut's own summary is one line for everything; the README reports domain and services apart, so
this reads mutmut's per-file results (mutants/<path>.meta) and adds them up per package.
A timeout counts as killed (the mutant made a test hang, which a clerk would notice as surely as a
failure); "no tests" and "not checked" count against the score, so a gap in the tests shows.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

KILLED = {1, 3, 24, -24, 36, 152, 255, 37}
SURVIVED = {0}
NO_TESTS = {5, 33}


def status(code: int | None) -> str:
    if code is None:
        return "not checked"
    if code in KILLED:
        return "killed"
    if code in SURVIVED:
        return "survived"
    if code in NO_TESTS:
        return "no tests"
    return "other"


def main(root: Path) -> int:
    metas = sorted(root.glob("borgerservice_desk/**/*.py.meta"))
    if not metas:
        print("No mutation results in mutants/: run `make mutate` first.", file=sys.stderr)
        return 1
    by_package: dict[str, Counter[str]] = {}
    survivors: list[str] = []
    print(f"{'module':48} {'killed':>7} {'total':>6} {'score':>7}  other")
    for meta in metas:
        module = meta.relative_to(root).as_posix().removesuffix(".py.meta").replace("/", ".")
        package = module.rsplit(".", 1)[0]
        codes: dict[str, int | None] = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
        if not codes:
            continue
        counts = Counter(status(code) for code in codes.values())
        survivors += sorted(name for name, code in codes.items() if status(code) != "killed")
        by_package.setdefault(package, Counter()).update(counts)
        total = sum(counts.values())
        rest = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()) if s != "killed")
        print(f"{module:48} {counts['killed']:>7} {total:>6} {100 * counts['killed'] / total:>6.1f}%  {rest}")
    print()
    for package, counts in sorted(by_package.items()):
        total = sum(counts.values())
        print(f"{package:48} {counts['killed']:>7} {total:>6} {100 * counts['killed'] / total:>6.1f}%")
    if survivors:
        print(f"\nNot killed ({len(survivors)}); see each with `.venv/bin/mutmut show NAME`:")
        for name in survivors:
            print(f"  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "mutants")))
