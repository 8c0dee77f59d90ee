"""Benchmark: how exactly and how fast our MRZ reader reads, side by side with stock PassportEye.

    .venv/bin/python benchmarks/mrz_accuracy.py [--per-kind 3] [--quick]
        [--samples ../shared/mrz-samples] [--budget 4] [--json-out results.json] [--keep-images DIR]

Two readers run on the same image files, one after the other in this one process (which goes first
alternates from image to image), after a warm-up read each, with one Tesseract thread:

- "ours": `borgerservice_desk.scanning.mrz_reader.read_mrz_lines`, the lines as the desk gets them;
- "stock": plain `passporteye.read_mrz(path)`. Its lines are PassportEye's own cleaned OCR text
  (`MRZOCRCleaner.apply(mrz.aux["raw_text"])`), each padded with '<' or cut to the length of the type
  PassportEye detected: exactly the characters its parser takes its fields and check digits from. `None` from
  read_mrz (or an exception) counts as "no MRZ". Stock knows no driving licence format, so a one-line read
  is taken as cleaned.

The fields of both readers are taken from their lines by the same parser (`parse_mrz`), so a difference in
a field is a difference in reading, not in parsing; the same goes for the expected lines.

Images:
1. generated documents (tests/support/passport_image.py) of every format (TD1, TD2, TD3, MRV-A, MRV-B, DL1,
   and FRCNI, the French identity card before 2021)
   with made-up holders, each rendered once per damage kind of benchmarks/damage.py (clean included) and
   once on each security print of `SECURITY_PRINTS` (dense guilloche behind the zone, faint grey print),
   `--per-kind` documents per format and kind, all seeded: the same images on every run;
2. the real scans and photos in ../shared/mrz-samples (skipped with a message when absent), against the
   lines read off each image by eye in benchmarks/data/mrz_samples.json. An image whose expected lines
   are null shows no readable MRZ; it counts only towards "said no MRZ where there is none". They are
   reported in two sets, as benchmarks/data/mrz_sample_sets.tsv splits them: "tuning" (the reader may be
   tuned on them) and "measuring" (only measured on, from the split on; see the file's note).

Reported per reader and set: the exact-MRZ rate (every line equal), the rate for each field, the rate of
"no MRZ found", how many reads were wrong while every check digit passed (the dangerous case: no check
digit warns the clerk) and of those how many left a wrong character unmarked (nothing warns at all: in the
progress lines WRONG! rather than WRONG*), how many reads came back marked doubtful (characters to
confirm, the `doubtful` attribute of the reader's result where it has one, or the time budget reached,
which marks every character), and the median, 90th
percentile and maximum of seconds per image. A Markdown table goes to
stdout; progress, one line per image, to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY))

from benchmarks.damage import DAMAGE_KINDS, damage  # noqa: E402 - after the repository is put on sys.path
from borgerservice_desk.domain.mrz import FILLER, MrzDocument, MrzFormat, dated_doubts, parse_mrz  # noqa: E402 - after the repository is put on sys.path
from borgerservice_desk.domain.mrz.rules import ISSUER_NUMBER_LETTERS  # noqa: E402 - after the repository is put on sys.path
from borgerservice_desk.errors import DeskError  # noqa: E402 - after the repository is put on sys.path
from borgerservice_desk.scanning.mrz_reader import prepare_environment  # noqa: E402 - after the repository is put on sys.path
from tests.support.mrz import (  # noqa: E402 - after the repository is put on sys.path
    compose_dl1,
    compose_french_id,
    compose_mrva,
    compose_mrvb,
    compose_td1,
    compose_td2,
    compose_td3,
)
from tests.support.passport_image import SECURITY_PRINTS, UNSEEN_FONTS, render_document, render_zone  # noqa: E402 - after the repository is put on sys.path

FORMATS = tuple(mrz_format.value for mrz_format in MrzFormat)
# Damage to the page (benchmarks/damage.py), then security print behind the zone (guilloche, faint print),
# then the zone alone as a scanner's crop or a photo of just the MRZ gives it (binarised, 45-65 px capitals).
# "zone-unseen-font": the same in fonts the model is never trained on (oblique OCR-B, Liberation, Noto and
# FreeMono monospaced), a held-out measure of print the reader has not learnt.
ZONE = "zone"
ZONE_UNSEEN_FONT = "zone-unseen-font"
KINDS = (*DAMAGE_KINDS, *SECURITY_PRINTS, ZONE, ZONE_UNSEEN_FONT)
FIELDS = (
    "document_number",
    "birth_date",
    "expiry_date",
    "surname",
    "given_names",
    "nationality",
    "issuing_country",
    "sex",
)
TODAY = date(2026, 11, 27)  # fixed, so that parsing (the century of a birth date) is the same on every run
DEFAULT_SAMPLES = REPOSITORY.parent / "shared" / "mrz-samples"
SAMPLES_TRUTH = REPOSITORY / "benchmarks" / "data" / "mrz_samples.json"
SAMPLE_SETS = REPOSITORY / "benchmarks" / "data" / "mrz_sample_sets.tsv"


# --- made-up documents -----------------------------------------------------------------------------------

_SURNAMES = (
    "Sørensen", "Østergård", "Nielsen", "Kristiansen-Bjørnholm", "Holm", "Müller", "Nowak", "Van der Berg",
    "O'Neill", "Al-Hassan", "Nguyen", "Papadopoulou", "Jensen", "Larsen-Kjær", "Yilmaz", "Andersson",
)  # fmt: skip
_GIVEN_NAMES = (
    "Anne Marie", "Søren Åge", "Lars", "Mette", "Frederik Christian Emil", "Zofia", "Jan Willem", "Aoife",
    "Mohammed", "Thi Lan", "Eleni", "Ida", "Kirsten Margrethe", "Emre", "Björn", "Li",
)  # fmt: skip
_COUNTRIES = ("DNK", "D", "SWE", "NLD", "POL", "FRA", "UTO", "GBR", "TUR", "ISL")
_ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


@dataclass(frozen=True)
class _Holder:
    surname: str
    given_names: str
    number: str
    nationality: str
    issuing_country: str
    birth_date: date
    sex: str
    expiry_date: date


def _as_issued(number: str, country: str) -> str:
    """The number as its issuer prints it: Germany and the Netherlands leave letters out of their numbers
    (`rules.ISSUER_NUMBER_LETTERS`), so each letter they do not use is put in place by one they do. No draw of
    the generator is spent on it: every other document of a block stays as it was before stop 50."""
    letters = ISSUER_NUMBER_LETTERS.get(country.ljust(3, FILLER))
    if letters is None:
        return number
    return "".join(
        char if char.isdigit() or char in letters else letters[(ord(char) - ord("A")) % len(letters)] for char in number
    )


def _holder(rng: random.Random) -> _Holder:
    number_length = rng.choice((8, 9, 9, 9))
    number = "".join(rng.choice(_ALPHANUMERIC if rng.random() < 0.5 else "0123456789") for _ in range(number_length))
    country = rng.choice(_COUNTRIES)
    number = _as_issued(number, country)
    return _Holder(
        surname=rng.choice(_SURNAMES),
        given_names=" ".join(rng.sample(_GIVEN_NAMES, rng.choice((1, 1, 2)))),
        number=number,
        nationality=country if rng.random() < 0.8 else rng.choice(_COUNTRIES),
        issuing_country=country,
        birth_date=date(1935, 1, 1) + timedelta(days=rng.randrange(365 * 72)),
        sex=rng.choice("MFX" if rng.random() < 0.1 else "MF"),
        expiry_date=TODAY + timedelta(days=rng.randrange(-400, 3650)),
    )


def generated_lines(mrz_format: str, rng: random.Random) -> tuple[str, ...]:
    """The MRZ of a made-up document of `mrz_format`, with correct check digits."""
    holder = _holder(rng)
    common: dict[str, Any] = {
        "issuing_country": holder.issuing_country,
        "surname": holder.surname,
        "given_names": holder.given_names,
        "document_number": holder.number,
        "nationality": holder.nationality,
        "birth_date": holder.birth_date,
        "sex": holder.sex,
        "expiry_date": holder.expiry_date,
    }
    if mrz_format == MrzFormat.TD3:
        return compose_td3(document_code="P", **common)
    if mrz_format == MrzFormat.TD2:
        return compose_td2(document_code=rng.choice(("ID", "I<", "AR")), **common)
    if mrz_format == MrzFormat.TD1:
        return compose_td1(document_code=rng.choice(("ID", "I<", "IR")), **common)
    if mrz_format in (MrzFormat.MRVA, MrzFormat.MRVB):
        # ICAO 9303 part 7: no composite check digit; the second letter and the optional data are the issuer's.
        code = "V" + rng.choice("<C")
        optional = "".join(rng.choice(_ALPHANUMERIC) for _ in range(rng.randrange(0, 9)))
        compose = compose_mrva if mrz_format == MrzFormat.MRVA else compose_mrvb
        return compose(document_code=code, optional_data=optional, **common)
    if mrz_format == MrzFormat.DL1:
        # ISO/IEC 18013-3 (EU licence): a 10-digit number and 13 characters of random data.
        number = "".join(rng.choice("0123456789") for _ in range(10))
        random_data = "".join(rng.choice(_ALPHANUMERIC) for _ in range(13))
        return compose_dl1(issuing_country=holder.issuing_country, licence_number=number, optional_data=random_data)
    if mrz_format == MrzFormat.FRCNI:
        # The French card before 2021: number YYMM of issue, department (3), serial (5); office of issue.
        issued = date(rng.randrange(1995, 2021), rng.randrange(1, 13), 1)
        department = rng.choice(("750", "693", "130", "2A0", "593", "920"))
        number = issued.strftime("%y%m") + department + "".join(rng.choice("0123456789") for _ in range(5))
        office = department + "".join(rng.choice("0123456789") for _ in range(3)) if rng.random() < 0.7 else ""
        return compose_french_id(
            surname=holder.surname, given_names=holder.given_names, card_number=number,
            birth_date=holder.birth_date, sex=holder.sex, office=office,
        )  # fmt: skip
    raise ValueError(mrz_format)


# --- the cases -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    path: Path
    expected: tuple[str, ...] | None  # None: the image shows no readable MRZ
    mrz_format: str  # what the document is (expected), "-" when unknown
    kind: str  # damage kind, or "real" for the sample images
    source: str  # "generated" or "samples"
    sample_set: str = "-"  # of a real sample: "tuning" or "measuring" (benchmarks/data/mrz_sample_sets.tsv)


def generated_cases(
    folder: Path, per_kind: int, kinds: Sequence[str], first_index: int = 0, formats: Sequence[str] = FORMATS
) -> list[Case]:
    """`per_kind` documents per format (of `formats`) and kind, of indices `first_index` on: a block of indices
    never drawn before is a set never tuned on. A document is the same whichever formats are asked for."""
    cases = []
    for mrz_format in formats:
        for kind in kinds:
            for index in range(first_index, first_index + per_kind):
                # One holder per (format, index): every damage kind damages the same documents.
                lines = generated_lines(mrz_format, random.Random(f"{mrz_format}:{index}"))
                # A zone's look (font, capital height, stroke, tilt, margin) is drawn per format and index:
                # seeded by the index alone, all seven formats of an index were drawn alike, in one font.
                zone_seed = index * len(FORMATS) + FORMATS.index(mrz_format)
                if kind == ZONE:
                    image = render_zone(lines, seed=zone_seed)
                elif kind == ZONE_UNSEEN_FONT:
                    fonts = [font for font in UNSEEN_FONTS if font.is_file()]
                    # Each font in turn, so that a few documents per format already see every one.
                    image = render_zone(lines, seed=zone_seed, fonts=[fonts[zone_seed % len(fonts)]])
                elif kind in SECURITY_PRINTS:  # printed behind the zone, not damage done to the page after
                    image = render_document(lines, security=kind, seed=index)
                else:
                    image = damage(render_document(lines), kind, seed=index)
                path = folder / f"{mrz_format.lower()}-{index:02d}-{kind}.png"
                image.save(path, compress_level=1)  # lossless all the same; saving is most of generating
                cases.append(Case(path.stem, path, tuple(lines), mrz_format, kind, "generated"))
    return cases


def sample_sets(sets_file: Path = SAMPLE_SETS) -> dict[str, str]:
    """Image name -> "tuning" or "measuring", as the file (comments start with '#') says."""
    out: dict[str, str] = {}
    for line in sets_file.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, sample_set = line.split("\t")
            if sample_set not in ("tuning", "measuring"):
                raise ValueError(f"{sets_file}: {name}: unknown set {sample_set!r}")
            out[name] = sample_set
    return out


def sample_cases(folder: Path, truth_file: Path) -> list[Case]:
    truth = json.loads(truth_file.read_text(encoding="utf-8"))["images"]
    sets = sample_sets()
    cases = []
    for name, entry in sorted(truth.items()):
        path = folder / name
        if not path.is_file():
            print(f"note: {name} is in {truth_file.name} but not in {folder}", file=sys.stderr)
            continue
        lines = entry.get("lines")
        expected = tuple(lines) if lines else None
        sample_set = sets.get(name, "measuring")  # never tuned on unless the file says so
        cases.append(Case(name, path, expected, str(entry.get("type") or "-"), "real", "samples", sample_set))
    return cases


# --- the readers -----------------------------------------------------------------------------------------


Position = tuple[int, int]  # (line, column), from 0


@dataclass
class Read:
    lines: tuple[str, ...] | None  # None: the reader found no MRZ (or failed)
    seconds: float
    error: str | None = None
    doubtful: bool = False  # the reader itself said to confirm the reading against the document
    marked: frozenset[Position] = frozenset()  # the characters it told the clerk to compare


# What a reader returns: the lines (None: no MRZ), whether it marked the reading doubtful, and which
# characters it marked (every one where the whole reading is to be compared).
Answer = tuple[tuple[str, ...] | None, bool, frozenset[Position]]
BUDGET_SECONDS: float | None = None  # --budget; None: the reader's default


# Both readers import their OCR stack on first use, inside the call: the warm-up pays for that, not image 1.
def read_ours(path: Path) -> Answer:
    from borgerservice_desk.scanning.mrz_reader import read_mrz

    try:
        result = read_mrz(path) if BUDGET_SECONDS is None else read_mrz(path, budget_seconds=BUDGET_SECONDS)
    except DeskError as error:
        if error.code in ("scan.ocr_unavailable",):
            raise
        return None, False, frozenset()
    # Per-character doubtful marks (issue 13's checks), with what the desk adds on the day (an expiry further
    # ahead than documents are issued for, `rules.dated_doubts`, on the benchmark's fixed day) as the window
    # and the check mark it; a search the time budget cut short and a reading in print the recogniser has not
    # learnt ask the clerk to compare the whole reading.
    dated = dated_doubts(result.format, result.lines, today=TODAY) if result.format is not None else ()
    marks = (*result.doubtful, *dated)
    doubtful = bool(marks) or result.compare_whole is not None
    # A mark counts where it names the character read there: the desk takes one that names another for
    # settled by the clerk (`rules.current_doubts`).
    marked = frozenset(
        (doubt.line, doubt.column) for doubt in marks if result.lines[doubt.line][doubt.column] == doubt.character
    )
    if result.compare_whole is not None:  # the clerk is asked to compare every character
        marked = frozenset((line, column) for line, text in enumerate(result.lines) for column in range(len(text)))
    return tuple(result.lines), doubtful, marked


# PassportEye names its types as the domain does, and knows no driving licence line.
_STOCK_LENGTHS = {f.value: f.line_length for f in MrzFormat if f not in (MrzFormat.DL1, MrzFormat.FRCNI)}


def read_stock(path: Path) -> Answer:
    return _stock_lines(path), False, frozenset()  # stock PassportEye marks nothing doubtful


def _stock_lines(path: Path) -> tuple[str, ...] | None:
    from passporteye import read_mrz
    from passporteye.mrz.text import MRZOCRCleaner

    try:
        mrz = read_mrz(str(path))
    except Exception:  # noqa: BLE001 - PassportEye raises on some odd images; a user sees no MRZ
        return None
    if mrz is None:
        return None
    cleaned = [str(line) for line in MRZOCRCleaner.apply(str(mrz.aux.get("raw_text", "")))]
    if not cleaned:
        return None
    length = _STOCK_LENGTHS.get(str(mrz.mrz_type))
    # Padded and cut to the length of the type found: PassportEye's parser reads fixed positions of lines
    # padded this way and ignores anything past the end, so these are the characters its fields come from.
    return tuple(line.ljust(length, FILLER)[:length] for line in cleaned) if length else tuple(cleaned)


READERS: dict[str, Callable[[Path], Answer]] = {"ours": read_ours, "stock": read_stock}


def timed(reader: Callable[[Path], Answer], path: Path) -> Read:
    started = time.perf_counter()
    try:
        lines, doubtful, marked = reader(path)
        error = None
    except Exception as exc:  # noqa: BLE001 - a crash of a reader is a result, and the run goes on
        lines, doubtful, marked, error = None, False, frozenset(), f"{type(exc).__name__}: {exc}"
    return Read(lines, time.perf_counter() - started, error, doubtful, marked)


# --- judging ---------------------------------------------------------------------------------------------


def parsed(lines: Sequence[str] | None) -> MrzDocument | None:
    if not lines:
        return None
    try:
        return parse_mrz("\n".join(lines), today=TODAY)
    except (DeskError, ValueError):
        return None


def fields_of(lines: Sequence[str] | None) -> dict[str, str | None]:
    document = parsed(lines)
    if document is None:
        return dict.fromkeys(FIELDS)
    values = {name: getattr(document, name) for name in FIELDS}
    if document.format is MrzFormat.DL1:
        values["sex"] = None  # the parser says "X" (unspecified); a licence's MRZ has no sex field at all
    return {name: (None if value in (None, "") else str(value)) for name, value in values.items()}


@dataclass
class Outcome:
    """What one reader made of one case."""

    case: str
    reader: str
    source: str
    sample_set: str
    kind: str
    mrz_format: str
    expected_mrz: bool
    found: bool
    exact: bool
    dangerous: bool  # wrong, yet every check digit passed
    silent: bool  # dangerous, and a wrong character was not marked for the clerk: nothing warns at all
    doubtful: bool  # the reader marked its reading for the clerk to confirm
    seconds: float
    fields: dict[str, bool | None]  # None: the field is not in this document (e.g. a licence's names)
    read: list[str] | None = None
    error: str | None = None


def judge(case: Case, reader: str, read: Read) -> Outcome:
    found = read.lines is not None
    exact = found and case.expected is not None and read.lines == case.expected
    expected_fields = fields_of(case.expected)
    read_fields = fields_of(read.lines)
    fields = {
        name: (None if expected_fields[name] is None else read_fields[name] == expected_fields[name]) for name in FIELDS
    }
    document = parsed(read.lines)
    dangerous = (
        found and case.expected is not None and not exact and document is not None and document.all_check_digits_pass
    )
    wrong = {
        (line, column)
        for line, (ours, truth) in enumerate(zip(read.lines or (), case.expected or (), strict=False))
        for column in range(max(len(ours), len(truth)))
        if ours[column : column + 1] != truth[column : column + 1]
    }
    return Outcome(
        case=case.name,
        reader=reader,
        source=case.source,
        sample_set=case.sample_set,
        kind=case.kind,
        mrz_format=case.mrz_format,
        expected_mrz=case.expected is not None,
        found=found,
        exact=exact,
        dangerous=dangerous,
        silent=dangerous and not wrong <= read.marked,
        doubtful=found and read.doubtful,
        seconds=read.seconds,
        fields=fields,
        read=list(read.lines) if read.lines is not None else None,
        error=read.error,
    )


@dataclass
class Summary:
    images: int
    with_mrz: int
    exact: float | None
    fields: dict[str, float | None]
    no_mrz: float | None  # of the images that have one
    dangerous: int
    silent: int  # of the dangerous, those with a wrong character not marked for the clerk
    doubtful: int  # readings marked for the clerk to confirm
    false_mrz: int  # an MRZ "found" on an image that has none
    median_seconds: float
    p90_seconds: float
    max_seconds: float
    field_counts: dict[str, int] = field(default_factory=dict)


def summarise(outcomes: Sequence[Outcome]) -> Summary:
    with_mrz = [o for o in outcomes if o.expected_mrz]

    def rate(values: Iterable[bool]) -> float | None:
        values = list(values)
        return sum(values) / len(values) if values else None

    field_rates: dict[str, float | None] = {}
    field_counts: dict[str, int] = {}
    for name in FIELDS:
        judged = [o.fields[name] for o in with_mrz if o.fields[name] is not None]
        field_rates[name] = rate(bool(value) for value in judged)
        field_counts[name] = len(judged)
    seconds = sorted(o.seconds for o in outcomes)
    return Summary(
        images=len(outcomes),
        with_mrz=len(with_mrz),
        exact=rate(o.exact for o in with_mrz),
        fields=field_rates,
        no_mrz=rate(not o.found for o in with_mrz),
        dangerous=sum(o.dangerous for o in with_mrz),
        silent=sum(o.silent for o in with_mrz),
        doubtful=sum(o.doubtful for o in outcomes),
        false_mrz=sum(o.found for o in outcomes if not o.expected_mrz),
        median_seconds=statistics.median(seconds) if seconds else 0.0,
        p90_seconds=seconds[min(len(seconds) - 1, round(0.9 * (len(seconds) - 1)))] if seconds else 0.0,
        max_seconds=seconds[-1] if seconds else 0.0,
        field_counts=field_counts,
    )


# --- output ----------------------------------------------------------------------------------------------

_COLUMNS = (
    ("exact MRZ", "exact"),
    ("number", "document_number"),
    ("birth", "birth_date"),
    ("expiry", "expiry_date"),
    ("surname", "surname"),
    ("given names", "given_names"),
    ("nationality", "nationality"),
    ("issuer", "issuing_country"),
    ("sex", "sex"),
    ("no MRZ", "no_mrz"),
)


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%" if value in (0, 1) else f"{100 * value:.1f}%"


def markdown(groups: dict[str, dict[str, Summary]]) -> str:
    header = [
        "set", "reader", "images", *(label for label, _ in _COLUMNS), "wrong, checks pass", "of them unmarked", "doubtful",
        "median s", "p90 s", "max s",
    ]  # fmt: skip
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for group, by_reader in groups.items():
        for reader, summary in by_reader.items():
            cells = [group, reader, str(summary.with_mrz if summary.with_mrz else summary.images)]
            for _, key in _COLUMNS:
                if key == "exact":
                    cells.append(_percent(summary.exact))
                elif key == "no_mrz":
                    cells.append(_percent(summary.no_mrz))
                else:
                    cells.append(_percent(summary.fields[key]))
            cells += [
                str(summary.dangerous),
                str(summary.silent),
                str(summary.doubtful),
                f"{summary.median_seconds:.2f}",
                f"{summary.p90_seconds:.2f}",
                f"{summary.max_seconds:.2f}",
            ]
            rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def grouped(outcomes: Sequence[Outcome]) -> dict[str, dict[str, Summary]]:
    """Sets, in table order: all generated, each damage kind, each format, and the real samples' tuning
    and measuring sets."""
    groups: dict[str, Callable[[Outcome], bool]] = {"generated, all": lambda o: o.source == "generated"}
    kinds = sorted({o.kind for o in outcomes if o.source == "generated"}, key=KINDS.index)
    for kind in kinds:
        groups[f"generated, {kind}"] = lambda o, kind=kind: o.source == "generated" and o.kind == kind  # type: ignore[misc]
    for mrz_format in FORMATS:
        groups[f"generated, {mrz_format}"] = (
            lambda o, f=mrz_format: o.source == "generated" and o.mrz_format == f  # type: ignore[misc]
        )
    groups["real, tuning set"] = lambda o: o.source == "samples" and o.sample_set == "tuning"
    groups["real, measuring set"] = lambda o: o.source == "samples" and o.sample_set == "measuring"
    result: dict[str, dict[str, Summary]] = {}
    for name, belongs in groups.items():
        chosen = [o for o in outcomes if belongs(o)]
        if chosen:
            result[name] = {reader: summarise([o for o in chosen if o.reader == reader]) for reader in READERS}
    return result


# --- the run ---------------------------------------------------------------------------------------------


def warm_up(folder: Path) -> None:
    """Import PassportEye and start Tesseract once per reader, so the first image is not charged for it."""
    path = folder / "warm-up.png"
    damage(render_document(generated_lines("TD3", random.Random("warm-up"))), "clean", seed=0).save(path)
    for reader in READERS.values():
        timed(reader, path)


def run(cases: Sequence[Case]) -> list[Outcome]:
    outcomes = []
    for number, case in enumerate(cases, start=1):
        order = list(READERS) if number % 2 else list(reversed(READERS))
        results = {name: judge(case, name, timed(READERS[name], case.path)) for name in order}
        outcomes += [results[name] for name in READERS]
        verdicts = "  ".join(
            f"{name}: {'exact' if o.exact else 'none' if not o.found else 'WRONG!' if o.silent else 'WRONG*' if o.dangerous else 'wrong'}"
            f"{'?' if o.doubtful else ''}"
            f" {o.seconds:.2f}s"
            for name, o in results.items()
        )
        print(f"[{number}/{len(cases)}] {case.name:<34} {verdicts}", file=sys.stderr, flush=True)
    return outcomes


def _code_version() -> str:
    """The commit the numbers belong to (and whether the tree had changes), for whoever copies the table."""
    import subprocess

    try:
        described = subprocess.run(
            ["git", "describe", "--always", "--dirty"], capture_output=True, text=True, cwd=REPOSITORY, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown (no git)"
    return "commit " + described.stdout.strip()


# The guards of `scanning.doubts` that mark a whole reading or a pair of characters (issue 13), and the rules
# of `scanning.stages` that let a reading through (stop 38): `--without` turns them off in this process, so
# that one run with and one without show what each catches or gains.
GUARDS = (
    "unfamiliar-print", "cancelling-pairs", "crowded-marks", "second-reader", "own-print", "day-rule",
    "licence-look-alike", "licence-witness", "covered-whatever-ours-gave", "ours-unsure", "sex-value",
    "second-reader-look-alikes", "composite-field-pairs", "weighed-away", "own-print-reading",
    "licence-read-plainly", "licence-own-print", "print-kin", "zero-odds",
)  # fmt: skip


def turn_off(guards: Sequence[str]) -> None:
    from borgerservice_desk.scanning import doubts, stages

    if "unfamiliar-print" in guards:
        doubts.unfamiliar_print = lambda probabilities: False  # type: ignore[assignment]
    if "cancelling-pairs" in guards:
        doubts._cancelling_pairs = lambda *args: set()  # type: ignore[assignment]
    if "crowded-marks" in guards:
        doubts.crowded_marks = lambda lines, marks: False  # type: ignore[assignment]
    if "second-reader" in guards:  # Tesseract still reads and corrects; it marks nothing
        doubts.second_reader_doubts = lambda *args: ()  # type: ignore[assignment]
    if "own-print" in guards:
        doubts.own_print_doubts = lambda *args: ()  # type: ignore[assignment]
    if "day-rule" in guards:  # the second reader's group is not taken for keeping the day's rule
        doubts.dated_doubts = lambda *args, **kwargs: ()  # type: ignore[assignment]
    if "licence-look-alike" in guards:  # a licence line is as read only when read exactly so
        stages.licence_as_read = lambda raw, fixed: raw == fixed  # type: ignore[assignment]
    if "licence-witness" in guards:  # Tesseract never vouches for a licence line the repair changed
        stages.witnessed = lambda reading: False  # type: ignore[assignment]
    if "covered-whatever-ours-gave" in guards:  # characters under a check digit need a tenth too, as elsewhere
        doubts.SECOND_READER_TAKEN_COVERED = doubts.SECOND_READER_TAKEN  # type: ignore[misc]
    if "ours-unsure" in guards:  # a character ours gave less than half needs a tenth too
        doubts.SECOND_READER_OURS_UNSURE = 0.0  # type: ignore[misc]
    if "sex-value" in guards:  # a filler is left out of the second reading in the sex field too
        doubts._sex_value = lambda *args: False  # type: ignore[assignment]
    if "second-reader-look-alikes" in guards:  # in a visa's optional data Tesseract's 6 is a 6 only, not a G
        doubts.second_reader_look_alike_doubts = lambda *args: ()  # type: ignore[assignment]
    if "own-print-reading" in guards:  # the zone's own print marks a character, never chooses it
        doubts.own_print_reading = lambda mrz_format, lines, cells: (tuple(lines), ())  # type: ignore[assignment]
    if "weighed-away" in guards:  # a 0 the weighing made sure counts as sure beside a repaired character
        doubts._coin_toss = lambda *args: False  # type: ignore[assignment]
    if "licence-read-plainly" in guards:  # a licence line the witness refused is no licence, whatever was read
        stages.licence_read_plainly = lambda *args: None  # type: ignore[assignment]
    if "licence-own-print" in guards:  # a repair Tesseract read as its look-alike is refused
        doubts.own_print_vouches = lambda *args: False  # type: ignore[assignment]
    if "print-kin" in guards:  # a glyph is compared with every other print of its character, its twin too
        import numpy as np

        doubts._print_kin = lambda distances, chars, near: np.arange(len(chars))  # type: ignore[assignment]
    if "zero-odds" in guards:  # a number's O and 0 weighed one way only: 3/4 of O's share to 0, as until stop 44
        from borgerservice_desk.scanning import correction

        correction._odds_preferred = lambda odds, transferred: False  # type: ignore[assignment]
    if "composite-field-pairs" in guards:  # the composite's repair changes its own characters only
        from borgerservice_desk.scanning import correction

        correction._field_positions = lambda check, checks: []  # type: ignore[assignment]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-kind", type=int, default=3, help="generated documents per format and damage kind")
    parser.add_argument("--quick", action="store_true", help="one document per format and kind, no real samples")
    parser.add_argument(
        "--first-index", type=int, default=0,
        help="index of the first generated document per format and kind (a fresh block: one never read before)",
    )
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument(
        "--formats", nargs="+", choices=FORMATS, default=list(FORMATS),
        help="generated documents of these formats only (the same documents as in a run of all)",
    )
    parser.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES, help="folder of real images")
    parser.add_argument("--no-samples", action="store_true", help="generated documents only")
    parser.add_argument("--json-out", type=Path, help="write every outcome and the summaries here")
    parser.add_argument("--keep-images", type=Path, help="write the generated images here (default: a temp dir)")
    parser.add_argument(
        "--budget", type=float, help="our reader's time budget per image in seconds (default: the reader's, 4)"
    )
    parser.add_argument(
        "--without",
        nargs="+",
        choices=GUARDS,
        default=[],
        help="read with these guards against silent misreadings turned off, to measure what each catches",
    )
    args = parser.parse_args(argv)
    turn_off(args.without)
    prepare_environment()  # before stock PassportEye starts Tesseract, which may go first: fair timing
    global BUDGET_SECONDS
    BUDGET_SECONDS = args.budget
    per_kind = 1 if args.quick else args.per_kind

    # PassportEye's scikit-image deprecation warnings are noise here (the reader filters them itself).
    warnings.filterwarnings("ignore", category=FutureWarning)
    warnings.filterwarnings("ignore", category=DeprecationWarning)

    with tempfile.TemporaryDirectory(prefix="mrz-bench-") as temporary:
        folder = args.keep_images or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        cases = generated_cases(folder, per_kind, args.kinds, args.first_index, args.formats)
        if args.quick or args.no_samples:
            pass
        elif not args.samples.is_dir():
            print(f"note: no real samples: {args.samples} is not a folder; generated documents only", file=sys.stderr)
        elif not SAMPLES_TRUTH.is_file():
            print(f"note: no real samples: {SAMPLES_TRUTH} is missing", file=sys.stderr)
        else:
            cases += sample_cases(args.samples, SAMPLES_TRUTH)
        load_before = " ".join(f"{value:.1f}" for value in os.getloadavg())
        started = time.perf_counter()
        warm_up(folder)
        warm_up_seconds = time.perf_counter() - started
        started = time.perf_counter()
        outcomes = run(cases)
        elapsed = time.perf_counter() - started

    groups = grouped(outcomes)
    print(markdown(groups))
    samples = [o for o in outcomes if o.source == "samples" and not o.expected_mrz]
    if samples:
        for reader in READERS:
            wrong = sum(o.found for o in samples if o.reader == reader)
            print(f"\n{reader}: an MRZ 'found' on {wrong} of {len(samples) // len(READERS)} real images without one")
    print(
        f"\n{len(cases)} images, each read by both readers, in {elapsed:.0f} s after a warm-up of "
        f"{warm_up_seconds:.1f} s (OMP_THREAD_LIMIT={os.environ.get('OMP_THREAD_LIMIT')}, our budget "
        f"{'default' if BUDGET_SECONDS is None else f'{BUDGET_SECONDS:g} s'}, load average before the run "
        f"{load_before}). 'images' counts those with an MRZ; 'wrong, checks pass' = read wrongly while every check "
        "digit passed, 'of them unmarked' = and a wrong character was not marked for the clerk; 'doubtful' = "
        "readings marked for the clerk to confirm; '–' = no such field."
    )
    print(f"Code: {_code_version()}." + (f" Guards turned off: {', '.join(args.without)}." if args.without else ""))
    if args.json_out:
        args.json_out.write_text(
            json.dumps(
                {
                    "guards_turned_off": list(args.without),
                    "summaries": {group: {r: asdict(s) for r, s in by.items()} for group, by in groups.items()},
                    "outcomes": [asdict(o) for o in outcomes],
                },
                indent=1,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
