"""What each finding of an identity check means, in words for the clerk."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from borgerservice_desk.domain.identity_check import Finding
from ui import vocabulary


def _field(name: str | None) -> str:
    return {
        "document_number": QCoreApplication.translate("findings", "document number"),
        "birth_date": QCoreApplication.translate("findings", "birth date"),
        "expiry_date": QCoreApplication.translate("findings", "expiry date"),
        "optional_data": QCoreApplication.translate("findings", "personal number"),
        "composite": QCoreApplication.translate("findings", "whole zone (composite)"),
        "licence": QCoreApplication.translate("findings", "licence line"),
    }.get(name or "", name or "")


def _date(value: str | None) -> str:
    if not value or len(value) != 10:
        return value or "?"
    year, month, day = value.split("-")
    return f"{day}-{month}-{year}"


def describe_finding(finding: Finding) -> str:
    p = finding.param
    code, ok = finding.code, finding.passed
    if code == "check_digit_failed":
        text = QCoreApplication.translate("findings", "Check digit of the %1 is right") if ok else QCoreApplication.translate("findings", "Check digit of the %1 is WRONG")
        return text.replace("%1", _field(p("field")))
    if code == "document_not_accepted":
        kind = vocabulary.document_kind(p("document_kind") or "")
        text = QCoreApplication.translate("findings", "%1 is accepted as photo ID") if ok else QCoreApplication.translate("findings", "%1 is not accepted as photo ID")
        return text.replace("%1", kind)
    if code == "expired":
        text = QCoreApplication.translate("findings", "Valid until %1") if ok else QCoreApplication.translate("findings", "Expired on %1")
        return text.replace("%1", _date(p("expiry_date")))
    if code == "expiry_unreadable":
        return QCoreApplication.translate("findings", "The expiry date cannot be read")
    if code == "birth_date_mismatch":
        if ok:
            return QCoreApplication.translate("findings", "Birth date matches the CPR number")
        return (
            QCoreApplication.translate("findings", "Birth date %1 does not match the citizen's %2")
            .replace("%1", _date(p("read")))
            .replace("%2", _date(p("expected")))
        )
    if code == "birth_date_unreadable":
        return QCoreApplication.translate("findings", "The birth date cannot be read")
    if code == "sex_mismatch":
        if ok:
            return QCoreApplication.translate("findings", "Sex matches the CPR number")
        return QCoreApplication.translate("findings", "Sex %1 does not match the citizen's %2").replace("%1", p("read") or "?").replace(
            "%2", p("expected") or "?"
        )
    if code == "name_mismatch":
        part = QCoreApplication.translate("findings", "Surname") if p("part") == "surname" else QCoreApplication.translate("findings", "Given names")
        if ok:
            if p("diff"):
                # Let pass, but shorter on the document than in the register: shown, so the clerk can judge.
                return (
                    QCoreApplication.translate("findings", "%1 match, shortened on the document ([citizen→document]: %2)")
                    .replace("%1", part)
                    .replace("%2", p("diff") or "")
                )
            return QCoreApplication.translate("findings", "%1 match").replace("%1", part)
        text = (
            QCoreApplication.translate("findings", "%1 differ: document says '%2', the citizen is '%3'")
            .replace("%1", part)
            .replace("%2", p("read") or "")
            .replace("%3", p("expected") or "")
        )
        diff = p("diff")
        if diff:
            # Where the two differ, in the MRZ's spelling: [register→document] at each difference, so a
            # filler read as K or a name cut short is plain to see.
            text += " " + QCoreApplication.translate("findings", "(difference [citizen→document]: %1)").replace(
                "%1", diff
            )
        return text
    if code == "licence_fields_required":
        return QCoreApplication.translate(
            "findings",
            "A licence line holds no name or dates: check the licence with Driving licence… (Ctrl+D)",
        )
    if code == "country_mismatch":
        if ok:
            return QCoreApplication.translate("findings", "The licence line's country matches (%1)").replace(
                "%1", p("read") or ""
            )
        return (
            QCoreApplication.translate("findings", "The licence line says country %1, but %2 was chosen")
            .replace("%1", p("read") or "?")
            .replace("%2", p("expected") or "?")
        )
    if code == "licence_number_mismatch":
        if ok:
            return QCoreApplication.translate("findings", "The licence number matches the licence line")
        return (
            QCoreApplication.translate("findings", "The licence line has number %1, but %2 was typed")
            .replace("%1", p("read") or "?")
            .replace("%2", p("expected") or "?")
        )
    return code
