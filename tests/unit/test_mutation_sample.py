"""The sampled mutation score (scripts/mutation_sample.py): its sample is random but reproducible, drawn
only from what is not checked yet, and its estimate carries the sample's rate to the unchecked rest."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import mutation_sample


def _results(root: Path, codes: dict[str, int | None]) -> None:
    meta = root / "borgerservice_desk" / "services" / "queue.py.meta"
    meta.parent.mkdir(parents=True)
    meta.write_text(json.dumps({"exit_code_by_key": codes}), "utf-8")


def test_a_sample_is_drawn_from_the_unchecked_only_and_the_same_for_the_same_seed(tmp_path: Path) -> None:
    codes: dict[str, int | None] = {f"m{i}": (None if i % 3 else 1) for i in range(300)}
    _results(tmp_path, codes)
    found = mutation_sample.verdicts(tmp_path, "borgerservice_desk.services")
    first = mutation_sample.pick(found, 50, seed=7)
    assert len(first) == len(set(first)) == 50 and all(codes[name] is None for name in first)
    assert mutation_sample.pick(found, 50, seed=7) == first
    assert mutation_sample.pick(found, 50, seed=8) != first
    assert len(mutation_sample.pick(found, 10_000, seed=7)) == 200  # never more than there are


def test_the_estimate_counts_the_checked_as_they_are_and_the_rest_at_the_samples_rate(tmp_path: Path) -> None:
    # 100 checked outside the sample (90 killed), 40 sampled (30 killed, 10 survived), 60 unchecked.
    codes: dict[str, int | None] = {f"c{i}": (1 if i < 90 else 0) for i in range(100)}
    codes |= {f"s{i}": (1 if i < 30 else 0) for i in range(40)}
    codes |= {f"u{i}": None for i in range(60)}
    _results(tmp_path, codes)
    found = mutation_sample.verdicts(tmp_path, "borgerservice_desk.services")
    text = mutation_sample.estimate(found, [f"s{i}" for i in range(40)])
    # (90 + 30 + 0.75 * 60) / 200 = 82.5 %
    assert "40 checked, 30 killed (75.0 %" in text
    assert "package estimate: 82.5 % of 200 killed" in text


def test_wilsons_interval_holds_the_rate_and_narrows_with_more_mutants() -> None:
    low, high = mutation_sample.wilson(83, 100)
    assert low < 0.83 < high
    wide = high - low
    low, high = mutation_sample.wilson(830, 1000)
    assert low < 0.83 < high and high - low < wide / 3
    assert mutation_sample.wilson(0, 0) == (0.0, 1.0)
    assert mutation_sample.wilson(10, 10)[1] == pytest.approx(1.0)
