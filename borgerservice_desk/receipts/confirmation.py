"""The citizen's booking confirmation: a one-page PDF in the receipts' style, and an .ics file for
their calendar (icalendar)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from icalendar import Calendar, Event
from reportlab.lib.pagesizes import A4
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer

from borgerservice_desk.domain.centre_time import DEFAULT_TIMEZONE, centre_zone, format_date_time, format_time
from borgerservice_desk.receipts.pdf import (
    _CONTENT_WIDTH,
    _LANG_TAGS,
    _MARGIN_BOTTOM,
    _MARGIN_TOP,
    _MARGIN_X,
    _PAGE_HEIGHT,
    _fonts,
    _Footer,
    _key_value_table,
    _p,
    _page_furniture,
    _pdf_date,
    _styles,
)

_TEXTS = {
    "da": {
        "title": "Bekræftelse af tidsbestilling",
        "service": "Ydelse",
        "time": "Tidspunkt",
        "counter": "Skranke",
        "code": "Bookingkode",
        "citizen": "Borger",
        "bring": "Medbring gyldig billedlegitimation (pas eller kørekort). Kom til tiden: kommer du mere end "
        "et par minutter for sent, betjenes du, når der er plads.",
        "change": "Vil du flytte eller aflyse tiden, så oplys bookingkoden.",
        "reference": "Bookingkode",
        "page": "Side {page} af {pages}",
    },
    "en": {
        "title": "Appointment confirmation",
        "service": "Service",
        "time": "Time",
        "counter": "Counter",
        "code": "Booking code",
        "citizen": "Citizen",
        "bring": "Bring valid photo ID (passport or driving licence). Please be on time: if you are more than "
        "a few minutes late, you are served when there is room.",
        "change": "To move or cancel the appointment, quote the booking code.",
        "reference": "Booking code",
        "page": "Page {page} of {pages}",
    },
}


@dataclass(frozen=True)
class BookingConfirmation:
    booking_code: str
    service_name: str
    starts_at: datetime  # aware
    ends_at: datetime
    counter: str
    citizen_name: str
    centre_name: str
    centre_address: str
    # When the confirmation is made (the services' clock): the PDF's creation date and the .ics DTSTAMP.
    # Not the appointment's time: a booking moved earlier would look older than the one it replaces.
    written_at: datetime
    # The appointment's revision, raised by each move: the .ics SEQUENCE. A calendar that holds the event
    # already keeps it unless the new file's SEQUENCE is higher (RFC 5545, 3.8.7.4).
    sequence: int
    centre_timezone: str = DEFAULT_TIMEZONE  # the times are printed in the centre's own zone


def render_confirmation_pdf(confirmation: BookingConfirmation, language: str = "da") -> bytes:
    if language not in _TEXTS:
        raise ValueError(f"unknown language {language!r}")
    t = _TEXTS[language]
    zone = centre_zone(confirmation.centre_timezone)
    fonts = _fonts()
    styles = _styles(fonts)
    footer = _Footer(fonts.regular, f"{t['reference']} {confirmation.booking_code}", t["page"],
                     _pdf_date(confirmation.written_at, zone), 1)
    buffer = io.BytesIO()
    frame = Frame(_MARGIN_X, _MARGIN_BOTTOM, _CONTENT_WIDTH, _PAGE_HEIGHT - _MARGIN_TOP - _MARGIN_BOTTOM,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    document = BaseDocTemplate(
        buffer, pageTemplates=[PageTemplate(id="confirmation", frames=[frame], onPage=_page_furniture(footer))],
        pagesize=A4, title=f"{t['title']} – {confirmation.booking_code}", author=confirmation.centre_name,
        creator="Borgerservice Desk", invariant=1, lang=_LANG_TAGS[language],
    )
    when = f"{format_date_time(confirmation.starts_at, zone)}–{format_time(confirmation.ends_at, zone)}"
    rows = [
        (t["citizen"], _p(confirmation.citizen_name, styles.value)),
        (t["service"], _p(confirmation.service_name, styles.value)),
        (t["time"], _p(when, styles.value_bold)),
        (t["counter"], _p(confirmation.counter, styles.value)),
        (t["code"], _p(confirmation.booking_code, styles.value_bold)),
    ]
    document.build([
        _p(confirmation.centre_name, styles.centre),
        _p(confirmation.centre_address, styles.address),
        Spacer(1, 9), _p(t["title"], styles.title), Spacer(1, 12),
        _key_value_table(rows, styles), Spacer(1, 12),
        _p(t["bring"], styles.box_text), _p(t["change"], styles.box_text),
    ])
    return buffer.getvalue()


def render_confirmation_ics(confirmation: BookingConfirmation, language: str = "da") -> bytes:
    t = _TEXTS[language]
    calendar = Calendar()
    calendar.add("prodid", "-//Borgerservice Desk//booking//DA")
    calendar.add("version", "2.0")
    event = Event()
    # The booking code is unique and stays with a moved booking, so a calendar updates, not duplicates.
    event.add("uid", f"{confirmation.booking_code}@borgerservice-desk")
    event.add("dtstamp", confirmation.written_at)
    event.add("sequence", confirmation.sequence)
    event.add("dtstart", confirmation.starts_at)
    event.add("dtend", confirmation.ends_at)
    event.add("summary", f"{confirmation.centre_name}: {confirmation.service_name}")
    event.add("location", f"{confirmation.centre_name}, {confirmation.centre_address}")
    event.add("description", f"{t['code']}: {confirmation.booking_code}\n{t['bring']}")
    calendar.add_component(event)
    return bytes(calendar.to_ical())
