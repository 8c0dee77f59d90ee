"""The citizen's receipt as a PDF (shared/DOMAIN.md, "Receipt").

Runs in a worker without the GUI toolkit, so everything needed is here: fonts, wording
(receipts.texts), layout.
The renderer only prints fields of `Receipt`, which on purpose has no user ID, codes, passwords or full
document number; nothing else is looked up here.

The same receipt renders to byte-identical PDFs (ReportLab's invariant mode plus a creation date taken
from the receipt itself), so an archived copy can be verified by rendering it again.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from borgerservice_desk.domain.centre_time import centre_zone, format_date_time, local_time
from borgerservice_desk.domain.mitid import ActionKind
from borgerservice_desk.domain.receipt import Receipt
from borgerservice_desk.receipts import texts

__all__ = ["receipt_pdf_title", "render_receipt_pdf"]

_DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")

# Sober public-sector palette: dark navy accents, grey labels, a pale box for the next steps.
_NAVY = colors.HexColor("#14325C")
_GREY = colors.HexColor("#5A6470")
_RULE = colors.HexColor("#C9D1DB")
_PALE = colors.HexColor("#EEF2F7")
_HEADER_BG = colors.HexColor("#E3E9F1")

_PAGE_WIDTH, _PAGE_HEIGHT = A4
_MARGIN_X = 20 * mm
_MARGIN_TOP = 22 * mm
_MARGIN_BOTTOM = 24 * mm
_CONTENT_WIDTH = _PAGE_WIDTH - 2 * _MARGIN_X
_LABEL_WIDTH = 55 * mm

_LANG_TAGS = {"da": "da-DK", "en": "en-GB"}


# --- time -------------------------------------------------------------------------------------------


# Times are printed in the centre's own zone, formatted by domain/centre_time (the core's one way).


def _pdf_date(moment: datetime, zone: ZoneInfo) -> str:
    """A PDF date string (D:YYYYMMDDHHmmSS+HH'mm') for the receipt's own issue time."""
    local = local_time(moment, zone)
    offset = local.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"D:{local:%Y%m%d%H%M%S}{sign}{hours:02d}'{mins:02d}'"


# --- fonts ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Fonts:
    regular: str
    bold: str


@functools.cache
def _fonts() -> _Fonts:
    """DejaVu Sans when installed (embedded, so the archived PDF looks the same everywhere), else
    Helvetica (WinAnsi covers æ, ø, å). Both extract back to the same text; registered once because
    ReportLab's font registry is process-global."""
    regular_path = _DEJAVU_DIR / "DejaVuSans.ttf"
    bold_path = _DEJAVU_DIR / "DejaVuSans-Bold.ttf"
    if regular_path.is_file() and bold_path.is_file():
        try:
            pdfmetrics.registerFont(TTFont("BSD-DejaVuSans", str(regular_path)))
            pdfmetrics.registerFont(TTFont("BSD-DejaVuSans-Bold", str(bold_path)))
        except (OSError, TTFError):
            pass
        else:
            pdfmetrics.registerFontFamily(
                "BSD-DejaVuSans",
                normal="BSD-DejaVuSans",
                bold="BSD-DejaVuSans-Bold",
                italic="BSD-DejaVuSans",
                boldItalic="BSD-DejaVuSans-Bold",
            )
            return _Fonts("BSD-DejaVuSans", "BSD-DejaVuSans-Bold")
    return _Fonts("Helvetica", "Helvetica-Bold")


@dataclass(frozen=True)
class _Styles:
    caption: ParagraphStyle
    centre: ParagraphStyle
    address: ParagraphStyle
    title: ParagraphStyle
    section: ParagraphStyle
    label: ParagraphStyle
    value: ParagraphStyle
    value_bold: ParagraphStyle
    column_head: ParagraphStyle
    box_head: ParagraphStyle
    box_text: ParagraphStyle
    note: ParagraphStyle


def _styles(fonts: _Fonts) -> _Styles:
    base = ParagraphStyle("base", fontName=fonts.regular, fontSize=10, leading=13.5, textColor=colors.black)
    return _Styles(
        caption=ParagraphStyle("caption", base, fontSize=8.5, leading=11, textColor=_GREY),
        centre=ParagraphStyle("centre", base, fontName=fonts.bold, fontSize=15, leading=19, textColor=_NAVY),
        address=ParagraphStyle("address", base, fontSize=9.5, leading=12.5, textColor=_GREY),
        title=ParagraphStyle(
            "title", base, fontName=fonts.bold, fontSize=17, leading=22, spaceBefore=0, spaceAfter=0
        ),
        section=ParagraphStyle(
            "section", base, fontName=fonts.bold, fontSize=11, leading=14, textColor=_NAVY, spaceAfter=3
        ),
        label=ParagraphStyle("label", base, textColor=_GREY),
        value=base,
        value_bold=ParagraphStyle("value_bold", base, fontName=fonts.bold),
        column_head=ParagraphStyle("column_head", base, fontName=fonts.bold, fontSize=9, leading=12),
        box_head=ParagraphStyle(
            "box_head", base, fontName=fonts.bold, fontSize=11, leading=14, textColor=_NAVY, spaceAfter=4
        ),
        box_text=ParagraphStyle("box_text", base, spaceAfter=5),
        note=ParagraphStyle("note", base, fontSize=8.5, leading=11, textColor=_GREY),
    )


def _p(value: str, style: ParagraphStyle) -> Paragraph:
    # Names and models are data, not markup: "&" or "<" in them must print, not break the layout.
    return Paragraph(escape(value), style)


# --- page furniture ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Footer:
    font: str
    reference_line: str
    page_template: str
    creation_date: str
    total_pages: int | None  # None in the counting pass


def _page_furniture(footer: _Footer) -> Callable[[Canvas, BaseDocTemplate], None]:
    """The onPage callback: top band, footer rule, reference and "page x of y"."""

    def draw(canvas: Canvas, document: BaseDocTemplate) -> None:
        # The receipt's own issue time as creation date; invariant mode alone would stamp 2000-01-01.
        fixed = footer.creation_date
        canvas.setDateFormatter(lambda *_parts: fixed)
        canvas.saveState()
        # A navy band along the top edge: the only decoration, and still fine on a mono printer.
        canvas.setFillColor(_NAVY)
        canvas.rect(0, _PAGE_HEIGHT - 6 * mm, _PAGE_WIDTH, 6 * mm, stroke=0, fill=1)
        y = _MARGIN_BOTTOM - 10 * mm
        canvas.setStrokeColor(_RULE)
        canvas.setLineWidth(0.6)
        canvas.line(_MARGIN_X, y + 4.5 * mm, _PAGE_WIDTH - _MARGIN_X, y + 4.5 * mm)
        canvas.setFont(footer.font, 8.5)
        canvas.setFillColor(_GREY)
        canvas.drawString(_MARGIN_X, y, footer.reference_line)
        number = canvas.getPageNumber()
        total = footer.total_pages if footer.total_pages is not None else number
        canvas.drawRightString(
            _PAGE_WIDTH - _MARGIN_X, y, footer.page_template.format(page=number, pages=total)
        )
        canvas.restoreState()

    return draw


# --- content ----------------------------------------------------------------------------------------


def receipt_pdf_title(receipt: Receipt, language: str = "da") -> str:
    """The PDF's metadata title: the receipt's title and its reference."""
    return f"{texts.title(language, receipt.action)} – {receipt.reference}"


def _key_value_table(rows: Sequence[tuple[str, Paragraph]], styles: _Styles) -> Table:
    data = [[_p(label, styles.label), value] for label, value in rows]
    table = Table(data, colWidths=[_LABEL_WIDTH, _CONTENT_WIDTH - _LABEL_WIDTH], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 4.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, _RULE),
                ("LINEABOVE", (0, 0), (-1, 0), 0.5, _RULE),
            ]
        )
    )
    return table


def _header(receipt: Receipt, language: str, styles: _Styles) -> list[Flowable]:
    header: list[Flowable] = []
    caption = texts.text(language, "label.centre")
    # "Borgerservice" above "Borgerservice Aarhus" says nothing twice; the English caption still helps.
    if caption.casefold() not in receipt.centre_name.casefold():
        header.append(_p(caption, styles.caption))
    return [
        *header,
        _p(receipt.centre_name, styles.centre),
        _p(receipt.centre_address, styles.address),
        Spacer(1, 9 * mm),
        _p(texts.title(language, receipt.action), styles.title),
        Spacer(1, 6 * mm),
    ]


def _details(receipt: Receipt, language: str, styles: _Styles) -> list[Flowable]:
    cpr = receipt.citizen_cpr_masked or texts.text(language, "value.no_cpr")
    rows: list[tuple[str, Paragraph]] = [
        (texts.text(language, "label.date_time"), _p(format_date_time(receipt.issued_at, centre_zone(receipt.centre_timezone)), styles.value)),
        (texts.text(language, "label.reference"), _p(receipt.reference, styles.value_bold)),
        (texts.text(language, "label.citizen"), _p(receipt.citizen_name, styles.value_bold)),
        (texts.text(language, "label.cpr"), _p(cpr, styles.value)),
        (
            texts.text(language, "label.document"),
            _p(
                texts.document_description(language, receipt.document_kind, receipt.document_country),
                styles.value,
            ),
        ),
        (texts.text(language, "label.clerk"), _p(receipt.clerk_name, styles.value)),
    ]
    return [
        _p(texts.text(language, "section.details"), styles.section),
        _key_value_table(rows, styles),
        Spacer(1, 7 * mm),
    ]


# Errands that give a method rather than change one: without any method, the section is left out.
_WITHOUT_METHODS = frozenset({ActionKind.ISSUE_MITID, ActionKind.ISSUE_ACTIVATION_CODE, ActionKind.SHOW_USER_ID})


def _methods(receipt: Receipt, language: str, styles: _Styles) -> list[Flowable]:
    head = [
        _p(texts.text(language, "label.method"), styles.column_head),
        _p(texts.text(language, "label.method_label"), styles.column_head),
        _p(texts.text(language, "label.new_state"), styles.column_head),
    ]
    body: list[list[Paragraph]] = [
        [
            _p(texts.method_kind_name(language, method.kind), styles.value),
            _p(method.label, styles.value),
            _p(texts.method_state_name(language, method.new_state), styles.value_bold),
        ]
        for method in receipt.methods
    ]
    if not body and receipt.action in _WITHOUT_METHODS:
        return []  # a first MitID whose app is still to be activated has no method to list yet
    if not body:
        body = [
            [
                _p(texts.text(language, "value.no_methods"), styles.value),
                _p("", styles.value),
                _p("", styles.value),
            ]
        ]
    widths = [50 * mm, 70 * mm, _CONTENT_WIDTH - 120 * mm]
    table = Table([head, *body], colWidths=widths, hAlign="LEFT", repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), _HEADER_BG),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 4.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, _RULE),
            ]
        )
    )
    return [
        # Not KeepTogether: a long list would leave page one half empty. Instead start a new page only
        # when the heading and a couple of rows would not fit, and let the table split (header repeats).
        CondPageBreak(30 * mm),
        _p(texts.text(language, "section.methods"), styles.section),
        table,
        Spacer(1, 7 * mm),
    ]


def _action(receipt: Receipt, language: str, styles: _Styles) -> list[Flowable]:
    rows: list[tuple[str, Paragraph]] = []
    if receipt.reason is not None:
        rows.append(
            (
                texts.text(language, "label.reason"),
                _p(texts.reason_name(language, receipt.reason), styles.value),
            )
        )
    rows.append(
        (
            texts.text(language, "label.channel"),
            _p(texts.channel_name(language, receipt.channel), styles.value),
        )
    )
    return [
        KeepTogether(
            [_p(texts.text(language, "section.action"), styles.section), _key_value_table(rows, styles)]
        ),
        Spacer(1, 8 * mm),
    ]


def _next_steps_box(receipt: Receipt, language: str, styles: _Styles) -> list[Flowable]:
    steps = texts.next_steps(
        language,
        receipt.action,
        receipt.reason,
        (method.new_state for method in receipt.methods),
        receipt.consequences,
        codes_voided=receipt.activation_codes_voided > 0,
    )
    content: list[Flowable] = [_p(texts.text(language, "section.next_steps"), styles.box_head)]
    content.extend(_p(step, styles.box_text) for step in steps[:-1])
    # The support line is what citizens look for later: set it apart in bold.
    content.append(_p(steps[-1], styles.value_bold))
    box = Table([[content]], colWidths=[_CONTENT_WIDTH], hAlign="LEFT")
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), _PALE),
                ("LINEBEFORE", (0, 0), (0, -1), 3, _NAVY),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
            ]
        )
    )
    return [
        KeepTogether(box),
        Spacer(1, 5 * mm),
        _p(texts.text(language, "footer.keep"), styles.note),
    ]


# --- entry point ------------------------------------------------------------------------------------


def render_receipt_pdf(receipt: Receipt, language: str = "da") -> bytes:
    """The receipt as an A4 PDF in `language` ("da" or "en"); ValueError for any other language.

    Deterministic: the same receipt, language and installed fonts give the same bytes.
    """
    texts.check_language(language)
    # Two passes so the footer can say "page 1 of N": the first only counts pages. The footer sits
    # outside the frame, so its text cannot change the page count of the second pass.
    pages, _ = _build(receipt, language, total_pages=None)
    _, pdf = _build(receipt, language, total_pages=pages)
    return pdf


def _build(receipt: Receipt, language: str, total_pages: int | None) -> tuple[int, bytes]:
    fonts = _fonts()
    styles = _styles(fonts)
    footer = _Footer(
        font=fonts.regular,
        reference_line=f"{texts.text(language, 'label.reference')} {receipt.reference}",
        page_template=texts.text(language, "footer.page"),
        creation_date=_pdf_date(receipt.issued_at, centre_zone(receipt.centre_timezone)),
        total_pages=total_pages,
    )
    buffer = io.BytesIO()
    # A frame without padding, so tables span exactly the margins and line up with the footer rule.
    frame = Frame(
        _MARGIN_X,
        _MARGIN_BOTTOM,
        _CONTENT_WIDTH,
        _PAGE_HEIGHT - _MARGIN_TOP - _MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    document = BaseDocTemplate(
        buffer,
        pageTemplates=[PageTemplate(id="receipt", frames=[frame], onPage=_page_furniture(footer))],
        pagesize=A4,
        leftMargin=_MARGIN_X,
        rightMargin=_MARGIN_X,
        topMargin=_MARGIN_TOP,
        bottomMargin=_MARGIN_BOTTOM,
        title=receipt_pdf_title(receipt, language),
        author=receipt.centre_name,
        subject=texts.title(language, receipt.action),
        creator="Borgerservice Desk",
        invariant=1,
        lang=_LANG_TAGS[language],
        displayDocTitle=1,
    )
    # Flowables keep layout state, so each pass gets a fresh story.
    story: list[Flowable] = [
        *_header(receipt, language, styles),
        *_details(receipt, language, styles),
        *_methods(receipt, language, styles),
        *_action(receipt, language, styles),
        *_next_steps_box(receipt, language, styles),
    ]
    document.build(story)
    return document.page, buffer.getvalue()
