"""Checking a driving licence: the fields typed off the card, and for an EU licence its one MRZ line.

The Danish licence has no MRZ, so its number (field 5), names (1, 2), birth date (3) and expiry (4b) are
typed in; an EU licence with a chip also carries a line of 30 (ISO/IEC 18013), read by the counter reader
or typed, which is prefilled when the MRZ box already holds one. Every mistake is shown next to its
field and nothing typed is lost: the dialog stays open until the check has been made.

The check is saved in a worker (it may keep the scanned image in the database). Meanwhile the dialog says
it is saving, its fields are read-only, and neither Check nor Cancel (Esc) can be pressed: the check is
made once, and the dialog closes only when its outcome is known.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from datetime import date
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import CheckMethod
from borgerservice_desk.domain.licence import TypedLicence, licence_country
from borgerservice_desk.domain.mrz import CompareWhole, Doubt
from borgerservice_desk.domain.wedge import Burst
from borgerservice_desk.errors import DeskError
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.services.identity import IdentityCheckResult
from ui.feedback import FeedbackLabel
from ui.messages import describe_error
from ui.tasks import ServiceCalls, TaskRunner
from ui.wedge_filter import ReaderKeys

_DATE = re.compile(r"^\s*(\d{1,2})[.\-/ ]?(\d{1,2})[.\-/ ]?(\d{4})\s*$")


# The Danish alphabet ends Æ, Ø, Å: after Z (Østrig last), where a plain sort puts them too, but in an order
# of its own (Å before Æ). Mapped onto the three characters that follow Z in ASCII.
_DANISH_ORDER = str.maketrans({"Æ": "[", "Ø": "\\", "Å": "]"})


def alphabetical(name: str) -> str:
    """The key that sorts names as a Danish list does (Æ, Ø, Å after Z, in that order); English names, which
    have none of them, sort as in English."""
    return name.upper().translate(_DANISH_ORDER)


def _countries() -> list[tuple[str, str]]:
    """EU and EEA states (and Switzerland), whose licences Denmark accepts, by their alpha-3 code: Denmark
    first, the rest by name in the clerk's language (by English name, the Danish list ran Østrig, Belgien,
    Bulgarien, Kroatien, ...)."""
    denmark = ("DNK", QCoreApplication.translate("licence", "Denmark"))
    return [denmark, *sorted(_other_countries(), key=lambda country: alphabetical(country[1]))]


def _other_countries() -> list[tuple[str, str]]:
    return [
        ("AUT", QCoreApplication.translate("licence", "Austria")),
        ("BEL", QCoreApplication.translate("licence", "Belgium")),
        ("BGR", QCoreApplication.translate("licence", "Bulgaria")),
        ("HRV", QCoreApplication.translate("licence", "Croatia")),
        ("CYP", QCoreApplication.translate("licence", "Cyprus")),
        ("CZE", QCoreApplication.translate("licence", "Czechia")),
        ("EST", QCoreApplication.translate("licence", "Estonia")),
        ("FIN", QCoreApplication.translate("licence", "Finland")),
        ("FRA", QCoreApplication.translate("licence", "France")),
        ("DEU", QCoreApplication.translate("licence", "Germany")),
        ("GRC", QCoreApplication.translate("licence", "Greece")),
        ("HUN", QCoreApplication.translate("licence", "Hungary")),
        ("ISL", QCoreApplication.translate("licence", "Iceland")),
        ("IRL", QCoreApplication.translate("licence", "Ireland")),
        ("ITA", QCoreApplication.translate("licence", "Italy")),
        ("LVA", QCoreApplication.translate("licence", "Latvia")),
        ("LIE", QCoreApplication.translate("licence", "Liechtenstein")),
        ("LTU", QCoreApplication.translate("licence", "Lithuania")),
        ("LUX", QCoreApplication.translate("licence", "Luxembourg")),
        ("MLT", QCoreApplication.translate("licence", "Malta")),
        ("NLD", QCoreApplication.translate("licence", "Netherlands")),
        ("NOR", QCoreApplication.translate("licence", "Norway")),
        ("POL", QCoreApplication.translate("licence", "Poland")),
        ("PRT", QCoreApplication.translate("licence", "Portugal")),
        ("ROU", QCoreApplication.translate("licence", "Romania")),
        ("SVK", QCoreApplication.translate("licence", "Slovakia")),
        ("SVN", QCoreApplication.translate("licence", "Slovenia")),
        ("ESP", QCoreApplication.translate("licence", "Spain")),
        ("SWE", QCoreApplication.translate("licence", "Sweden")),
        ("CHE", QCoreApplication.translate("licence", "Switzerland")),
    ]


def parse_day(text: str) -> date | None:
    """A date as printed on a licence (DD.MM.YYYY) or typed (DD-MM-YYYY, DDMMYYYY); None if it is none.
    Digits alone must be all eight: "1121990" could be 11.02.1990 or 01.12.1990, and neither is taken."""
    if text.strip().isdigit() and len(text.strip()) != 8:
        return None
    match = _DATE.match(text)
    if match is None:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


class LicenceDialog(QDialog):
    checked = Signal(IdentityCheckResult)  # the licence check just made, passed or not

    def __init__(
        self,
        services: Services,
        ctx: ClerkContext,
        runner: TaskRunner,
        visit_id: int,
        *,
        dl1_line: str | None = None,
        country_in_doubt: bool = False,
        method: CheckMethod = CheckMethod.TYPED,
        image_path: Path | None = None,
        unsure: Sequence[Doubt] = (),
        confirmed: Collection[str] = (),
        compared_whole: CompareWhole | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("licenceDialog")
        # How the licence line arrived (reader, scan) and the scanned image, so the check records the same
        # as a passport's would; typed fields alone are TYPED.
        self._method = method
        self._image_path = image_path
        # Why the scan's reading was given to the clerk to compare whole before the dialog opened: it goes
        # into the record with the check, as a passport's would.
        self._compared_whole = compared_whole
        # The scanner's marks on the line and the fields the clerk ticked for them: into the record.
        self._unsure = tuple(unsure)
        self._confirmed = tuple(confirmed)
        self.setWindowTitle(self.tr("Check a driving licence"))
        self._services = services
        self._ctx = ctx
        self._visit_id = visit_id
        self._saving = False

        self.country = QComboBox()
        self.country.setObjectName("licenceCountry")
        for code, name in _countries():
            self.country.addItem(f"{name} ({code})", code)
        self.number = QLineEdit()
        self.number.setObjectName("licenceNumber")
        self.surname = QLineEdit()
        self.surname.setObjectName("licenceSurname")
        self.given_names = QLineEdit()
        self.given_names.setObjectName("licenceGivenNames")
        self.birth_date = QLineEdit()
        self.birth_date.setObjectName("licenceBirthDate")
        self.expiry_date = QLineEdit()
        self.expiry_date.setObjectName("licenceExpiryDate")
        for edit in (self.birth_date, self.expiry_date):
            edit.setPlaceholderText(self.tr("DD.MM.YYYY"))
            edit.setMaxLength(10)
        self.mrz_line = QLineEdit()
        self.mrz_line.setObjectName("licenceMrzLine")
        self.mrz_line.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.mrz_line.setMaxLength(30)
        self.mrz_line.setPlaceholderText(self.tr("D1… (30 characters, EU licences with a chip only)"))
        # The line's country is compared with the country chosen here, so the choice must come off the card
        # where the line's country is in doubt (the scan doubted it, or it is no known code): filled in from
        # the line, a misread country that is still a country would be checked against itself and pass. Then
        # nothing is chosen until the clerk chooses (the number has the same safeguard: it is always typed
        # off the card).
        self._country_in_doubt = bool(dl1_line) and country_in_doubt
        if dl1_line:
            self.mrz_line.setText(dl1_line)
            index = self.country.findData(licence_country(dl1_line[2:5]))
            if self._country_in_doubt:
                self.country.setCurrentIndex(-1)
            elif index >= 0:
                self.country.setCurrentIndex(index)

        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        rows: list[tuple[str, str, QWidget]] = [
            ("country", self.tr("Licence &from"), self.country),
            ("number", self.tr("Licence &number (5)"), self.number),
            ("surname", self.tr("&Surname (1)"), self.surname),
            ("given_names", self.tr("&Given names (2)"), self.given_names),
            ("birth_date", self.tr("&Birth date (3)"), self.birth_date),
            ("expiry_date", self.tr("&Expiry date (4b)"), self.expiry_date),
            ("mrz_line", self.tr("&MRZ line (EU licence)"), self.mrz_line),
        ]
        for key, label_text, widget in rows:
            label = QLabel(label_text)
            label.setBuddy(widget)
            error = QLabel()
            error.setObjectName(f"error_{key}")
            error.setStyleSheet("color: #a01010")
            error.setWordWrap(True)
            error.hide()
            self.errors[key] = error
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(error)
            form.addRow(label, column)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.feedback = FeedbackLabel()
        self.calls = ServiceCalls(runner, self.feedback, self)  # the check is saved off the UI thread
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.check_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.check_button.setText(self.tr("&Check (Enter)"))
        self.check_button.setObjectName("checkLicence")
        self.check_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.feedback)
        layout.addWidget(buttons)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        self.country.currentIndexChanged.connect(self._on_country_changed)
        # The counter reader may read the licence's line while any field has the focus.
        self.reader_keys = ReaderKeys(self, direct=self.mrz_line)
        self.reader_keys.burst.connect(self._on_reader_keys_burst)
        self._on_country_changed()
        self.resize(560, self.sizeHint().height())
        (self.number if dl1_line and not self._country_in_doubt else self.country).setFocus()

    def _on_reader_keys_burst(self, burst: Burst) -> None:
        # The reader's line replaces the scanned one: the check is the reader's, with no scan behind it.
        self._method, self._image_path, self._compared_whole = CheckMethod.READER, None, None
        self._unsure, self._confirmed = (), ()
        self.mrz_line.setText(burst.text.replace("\n", ""))
        if burst.complete and len(burst.lines) == 1:
            index = self.country.findData(licence_country(burst.lines[0][2:5]))
            if index >= 0:
                self.country.setCurrentIndex(index)
        else:
            self._show_error("mrz_line", self.tr("The reader sent no licence line. Read the card again, or type the line."))
        self.number.setFocus()

    def _on_country_changed(self) -> None:
        danish = self.country.currentData() == "DNK"
        self.hint.setText(
            self.tr(
                "The country in the licence line is in doubt: choose the country printed on the card, then "
                "type the fields as printed."
            )
            if self.country.currentIndex() < 0
            else self.tr("A Danish licence has no machine readable zone: type the fields as printed on the card.")
            if danish
            else self.tr(
                "Type the fields printed on the card, and the licence's MRZ line if it has one "
                "(read it with the counter reader into this field, or type it)."
            )
        )

    def _show_error(self, key: str, text: str) -> None:
        label = self.errors.get(key)
        if label is None:
            self.feedback.error(text)
            return
        label.setText(text)
        label.show()

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        self.feedback.clear_message()

    @property
    def saving(self) -> bool:
        return self._saving

    def reject(self) -> None:
        # Not while saving: the check is being written, and its outcome must reach the clerk. Esc and the
        # window's close button both come here.
        if not self._saving:
            super().reject()

    def _fields(self) -> tuple[QLineEdit, ...]:
        return (self.number, self.surname, self.given_names, self.birth_date, self.expiry_date, self.mrz_line)

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.check_button.setEnabled(not saving)
        self.cancel_button.setEnabled(not saving)
        # Read-only, not disabled: the focus stays in its field, so the clerk goes on from there.
        for edit in self._fields():
            edit.setReadOnly(saving)
        self.reader_keys.active = not saving
        if saving:
            self.feedback.busy(self.tr("Saving the check…"))
        else:
            self.feedback.clear_message()

    @Slot()
    def check(self) -> None:
        """Check the typed licence; on a mistake, say where and keep everything typed."""
        if self._saving:
            return  # Enter pressed again while the first check is being saved
        self._clear_errors()
        required = {
            "number": self.number,
            "surname": self.surname,
            "birth_date": self.birth_date,
            "expiry_date": self.expiry_date,
        }
        first_wrong: QWidget | None = None
        if self.country.currentIndex() < 0:
            self._show_error("country", self.tr("Choose the country printed on the licence."))
            first_wrong = self.country
        for key, edit in required.items():
            if not edit.text().strip():
                self._show_error(key, self.tr("Type this field as printed on the licence."))
                first_wrong = first_wrong or edit
        dates: dict[str, date | None] = {}
        for key, edit in (("birth_date", self.birth_date), ("expiry_date", self.expiry_date)):
            dates[key] = parse_day(edit.text()) if edit.text().strip() else None
            if edit.text().strip() and dates[key] is None:
                self._show_error(key, self.tr("Not a date: type it as DD.MM.YYYY, e.g. 24.12.1990."))
                first_wrong = first_wrong or edit
        if first_wrong is not None:
            first_wrong.setFocus()
            return
        birth, expiry = dates["birth_date"], dates["expiry_date"]
        assert birth is not None and expiry is not None
        line = "".join(self.mrz_line.text().split()).upper() or None
        try:
            licence = TypedLicence(
                issuing_country=str(self.country.currentData()),
                number="".join(self.number.text().split()).upper(),
                surname=self.surname.text().strip(),
                given_names=self.given_names.text().strip(),
                birth_date=birth,
                expiry_date=expiry,
                mrz_line=line,
            )
        except DeskError as error:
            self._on_save_failed(error)
            return
        method = self._method if line is not None else CheckMethod.TYPED
        # The worker gets values, never a widget.
        identity, ctx, visit_id = self._services.identity, self._ctx, self._visit_id
        # Without a licence line nothing of the scan is checked: the typed fields alone are.
        image_path = self._image_path if line else None
        compared_whole = self._compared_whole if line else None
        unsure, confirmed = (self._unsure, self._confirmed) if line else ((), ())
        self._set_saving(True)
        self.calls.run(
            lambda: identity.check_licence(
                ctx, visit_id, licence, method, image_path=image_path, unsure=unsure, confirmed=confirmed,
                compared_whole=compared_whole,
            ),
            self._on_save_done,
            self._on_save_failed,
        )

    def _on_save_done(self, result: IdentityCheckResult) -> None:
        if not shiboken6.isValid(self):
            return  # the window closed with the dialog in it: the check is saved, nobody is left to tell
        self._set_saving(False)
        self.checked.emit(result)
        self.accept()

    def _on_save_failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_saving(False)
        if not isinstance(error, DeskError):
            self.feedback.show_error(error)
            return
        key = _field_of(error.code, error.params.get("field"))
        self._show_error(key, describe_error(error))
        widget = {
            "number": self.number, "surname": self.surname, "given_names": self.given_names,
            "birth_date": self.birth_date, "expiry_date": self.expiry_date, "mrz_line": self.mrz_line,
            "country": self.country,
        }.get(key)
        if widget is not None:
            widget.setFocus()


def _field_of(code: str, field: object = None) -> str:
    """Which field an error of the licence check is about: by its code ("licence.bad_number", ...), or for a
    text too long or with characters no name holds ("text.*"), by the field it names."""
    if code.startswith("text.") and isinstance(field, str):
        return {"surname": "surname", "given_names": "given_names", "licence_line": "mrz_line"}.get(field, "")
    for part, key in (
        ("mrz", "mrz_line"), ("line", "mrz_line"), ("country", "country"), ("number", "number"),
        ("given", "given_names"), ("surname", "surname"), ("name", "surname"), ("expiry", "expiry_date"),
        ("birth", "birth_date"),
    ):
        if part in code.removeprefix("licence."):
            return key
    return ""
