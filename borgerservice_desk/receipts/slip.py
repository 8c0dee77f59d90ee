"""The slip with an activation code for a new MitID app: for the citizen only.

Decided (issue 14): the slip is rendered in memory and handed to the caller to print; it is never written
to the receipt archive, the database or a log, because whoever holds the code and the user ID can
activate an app on the citizen's MitID. The receipt for the same errand is archived as usual and says a
code was handed out, never which. Reprinting is not possible: a lost slip means issuing a new code, which
supersedes this one.

Deterministic like the receipt (ReportLab's invariant mode, the issue time as creation date).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from borgerservice_desk.domain.centre_time import format_date_time
from borgerservice_desk.receipts import texts
from borgerservice_desk.receipts.pdf import _fonts, _pdf_date

_NAVY = colors.HexColor("#14325C")


@dataclass(frozen=True)
class ActivationSlip:
    centre_name: str
    citizen_name: str
    code: str
    issued_at: datetime
    expires_at: datetime
    zone: ZoneInfo  # the centre's: the citizen reads the expiry in local time


def render_activation_slip(slip: ActivationSlip, language: str = "da") -> bytes:
    """An A5 page: the centre, the citizen's name, the code in large type, its expiry and how to use it."""
    texts.check_language(language)
    fonts = _fonts()
    base = ParagraphStyle("base", fontName=fonts.regular, fontSize=10, leading=13.5)
    title = ParagraphStyle("title", base, fontName=fonts.bold, fontSize=15, leading=19, textColor=_NAVY)
    label = ParagraphStyle("label", base, textColor=colors.HexColor("#5A6470"))
    code = ParagraphStyle("code", base, fontName=fonts.bold, fontSize=24, leading=30)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A5,
        leftMargin=14 * mm,
        rightMargin=14 * mm,
        topMargin=14 * mm,
        bottomMargin=14 * mm,
        title=texts.text(language, "slip.title"),
        author=slip.centre_name,
        creator="Borgerservice Desk",
        invariant=1,
    )

    def p(value: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(escape(value), style)

    story = [
        p(slip.centre_name, label),
        p(texts.text(language, "slip.title"), title),
        Spacer(1, 5 * mm),
        p(f"{texts.text(language, 'slip.citizen')}: {slip.citizen_name}", base),
        Spacer(1, 4 * mm),
        p(texts.text(language, "slip.code"), label),
        p(slip.code, code),
        p(f"{texts.text(language, 'slip.valid_until')}: {format_date_time(slip.expires_at, slip.zone)}", base),
        Spacer(1, 5 * mm),
        p(texts.text(language, "slip.how"), base),
        Spacer(1, 3 * mm),
        p(texts.text(language, "slip.secret"), base),
        Spacer(1, 3 * mm),
        p(texts.support_line(language), base),
    ]
    created = _pdf_date(slip.issued_at, slip.zone)
    document.build(story, onFirstPage=lambda canvas, _doc: canvas.setDateFormatter(lambda *_: created))
    return buffer.getvalue()
