"""The `scan` command: read the MRZ off images and PDFs and print what they say; no database, no window.

Only the reader and the parser are imported (lazily): a script calling this per file does not wait for
SQLAlchemy, logging set-up or Qt.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from borgerservice_desk.domain.centre_time import centre_zone, local_today

# What each error code of the reader and the parser means, for people reading `scan` output.
_SCAN_ERROR_TEXT = {
    "scan.unreadable_image": "the file is missing or not an image that can be read safely",
    "scan.no_mrz": "no machine readable zone found",
    "scan.no_mrz_in_time": "no machine readable zone found within the time limit",
    "scan.pdf_without_image": "the PDF holds no image",
    "scan.ocr_unavailable": "OCR is not available (is tesseract installed?)",
    "scan.cancelled": "reading was cancelled",
    "mrz.unrecognised_format": "the lines read have the shape of no known MRZ",
    "mrz.invalid_characters": "the lines read hold characters an MRZ cannot have",
}
_FIELD_NAMES = (
    "document_number",
    "surname",
    "given_names",
    "nationality",
    "issuing_country",
    "birth_date",
    "expiry_date",
    "sex",
)


def scan_file(
    path: Path, *, today: date, raw_lines: bool = False, budget_seconds: float | None = None
) -> dict[str, Any]:
    """Read one file and describe the result as a JSON-ready dict; never raises for a bad file.

    The keys are always the same; what could not be read is null and "error" says why ("code: text").
    A CPR number in the lines is masked (its last four digits "XXXX", the lines as long) unless
    `raw_lines`: a Danish passport carries the holder's full number in its optional data. `budget_seconds`
    is the reader's time budget per file (None: the desk's 4 s).
    """
    from borgerservice_desk.domain.cpr import mask_cpr_runs
    from borgerservice_desk.domain.mrz import current_doubts, mask_personal_numbers, parse_mrz
    from borgerservice_desk.errors import DeskError
    from borgerservice_desk.scanning.mrz_reader import read_mrz

    result: dict[str, Any] = {
        "path": str(path),
        "type": None,
        "lines": None,
        "fields": None,
        "checks": None,
        "expired": None,
        # Characters in doubt: the recogniser was unsure and no check digit vouches for them, or a rule
        # beyond the check digits questions them. Line and column count from 1, as a person reads the lines.
        "doubtful": None,
        # The whole reading is to be compared with the document: the time budget cut the search short, or
        # the print is not what the recogniser learnt (too many characters unsure at once, or half the text
        # marked already).
        "budget_reached": None,
        "unfamiliar_print": None,
        "seconds": 0.0,
        "error": None,
    }
    started = time.perf_counter()
    try:
        reading = read_mrz(path, budget_seconds=budget_seconds, today=today)
        # Known as soon as there is a reading, parsed or not: a batch's reader needs them most where the
        # lines do not even parse.
        result["budget_reached"] = reading.budget_reached
        result["unfamiliar_print"] = reading.unfamiliar_print
        lines = reading.lines
        result["lines"] = list(lines) if raw_lines else list(mask_personal_numbers(lines))
        document = parse_mrz("\n".join(lines), today=today)
    except DeskError as error:
        result["error"] = _describe_scan_error(error.code, error.params)
    except Exception as error:  # noqa: BLE001 - one odd file must not end a batch; report it and go on
        result["error"] = f"scan.failed: {type(error).__name__}: {error}"
    if result["error"] is not None:
        if not raw_lines:  # an error's text may quote what was read
            result["error"] = mask_cpr_runs(result["error"])
    else:
        result["type"] = document.format.value
        fields = {name: getattr(document, name) for name in _FIELD_NAMES}
        result["fields"] = {
            name: (value.isoformat() if isinstance(value, date) else value) for name, value in fields.items()
        }
        result["checks"] = dict(document.checks)
        result["expired"] = None if document.expiry_date is None else document.expiry_date < today
        result["doubtful"] = [
            {
                "line": doubt.line + 1,
                "column": doubt.column + 1,
                "character": doubt.character,
                "reason": str(doubt.reason),
                "field": doubt.field,
            }
            # The reader's marks with what the day adds (an expiry further ahead than documents are issued for).
            for doubt in current_doubts(document.format, document.lines, reading.doubtful, today=today)
        ]
    result["seconds"] = round(time.perf_counter() - started, 3)
    return result


def _describe_scan_error(code: str, params: dict[str, Any]) -> str:
    text = _SCAN_ERROR_TEXT.get(code, "could not be read")
    detail = params.get("detail")
    return f"{code}: {text}" + (f" ({detail})" if detail else "")


def scan(
    paths: Sequence[Path], *, as_json: bool, out: TextIO, raw_lines: bool = False, budget_seconds: float | None = None
) -> int:
    """The `scan` command: each file in turn, printed as soon as it is done (a batch can take a while)."""
    # No database here, so no centre: the default centre zone decides which day "expired" is judged on.
    today = local_today(datetime.now().astimezone(), centre_zone())
    if not as_json:
        header = ("type", "number", "surname", "given names", "born", "expires", "s", "checks", "path")
        print(_table_row(header), file=out)
    for path in paths:
        result = scan_file(path, today=today, raw_lines=raw_lines, budget_seconds=budget_seconds)
        if as_json:
            print(json.dumps(result, ensure_ascii=False), file=out, flush=True)
        elif result["error"] is not None:  # the error text takes the place of the fields
            print(f"{'-':<{_COLUMN_WIDTHS[0]}}  {result['path']}: {result['error']}", file=out, flush=True)
        else:
            print(_table_row(_summary(result)), file=out, flush=True)
    return 0


def _summary(result: dict[str, Any]) -> tuple[str, ...]:
    fields = result["fields"]
    failed = [name for name, valid in result["checks"].items() if not valid]
    checks = "ok" if not failed else "FAILED " + ",".join(failed)
    if result["doubtful"]:
        checks += f" DOUBTFUL {len(result['doubtful'])}"
    if result["budget_reached"] or result["unfamiliar_print"]:
        checks = "COMPARE-ALL " + checks  # first, where the column's width cannot cut it off
    if result["expired"]:
        checks += " EXPIRED"
    return (
        result["type"],
        fields["document_number"],
        fields["surname"],
        fields["given_names"],
        fields["birth_date"] or "?",
        fields["expiry_date"] or "?",
        f"{result['seconds']:.2f}",
        checks,
        result["path"],
    )


# The path comes last and is never cut: it is what tells the rows apart. The JSON output has everything
# the other columns may cut.
_COLUMN_WIDTHS = (4, 12, 18, 20, 10, 10, 5, 24)


def _table_row(cells: Sequence[str]) -> str:
    *columns, path = cells
    fitted = (
        (cell if len(cell) <= width else cell[: width - 1] + "…").ljust(width)
        for cell, width in zip(columns, _COLUMN_WIDTHS, strict=True)
    )
    return "  ".join((*fitted, path))
