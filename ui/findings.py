"""What each finding of an identity check means, in words for the clerk."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from borgerservice_desk.domain.identity_check import Finding, name_diff_pieces
from ui import vocabulary
from ui.mrz_entry import field_label


def _field(name: str | None) -> str:
    return {
        "document_number": QCoreApplication.translate("findings", "document number"),
        "birth_date": QCoreApplication.translate("findings", "birth date"),
        "expiry_date": QCoreApplication.translate("findings", "expiry date"),
        "optional_data": QCoreApplication.translate("findings", "personal number"),
        "composite": QCoreApplication.translate("findings", "whole zone (composite)"),
        "licence": QCoreApplication.translate("findings", "licence line"),
    }.get(name or "", name or "")


# How differing letters of a name are marked: a background and an underline, so it shows in any theme and
# without colour vision too.
MARK_STYLE = "background-color:#ffd54f; color:#000000; text-decoration:underline; font-weight:bold"


def _name_part(finding: Finding) -> str:
    if finding.param("part") == "surname":
        return QCoreApplication.translate("findings", "Surname")
    return QCoreApplication.translate("findings", "Given names")


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
        text = text.replace("%1", _date(p("expiry_date")))
        if p("printed_expiry"):
            # A French card of 2004-2013: the date on it is not the one that counts, so say why they differ.
            text += QCoreApplication.translate(
                "findings", " (printed: %1; cards issued 2004-2013 to adults are valid 5 years more)"
            ).replace("%1", _date(p("printed_expiry")))
        return text
    if code == "printed_expiry_required":
        return QCoreApplication.translate(
            "findings", "This card's MRZ holds no expiry date: type the date printed on the card"
        )
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
        part = _name_part(finding)
        if ok:
            if p("diff"):
                # Let pass, but shorter on the document than in the register: shown, so the clerk can judge.
                left_out = " ".join(
                    piece.register.replace("<", " ") for piece in name_diff_pieces(p("diff") or "") if piece.differs
                ).split()
                return (
                    QCoreApplication.translate("findings", "%1 match, shortened on the document: '%2' is not on it")
                    .replace("%1", part)
                    .replace("%2", " ".join(left_out))
                )
            return QCoreApplication.translate("findings", "%1 match").replace("%1", part)
        return (
            QCoreApplication.translate("findings", "%1 differ: document says '%2', the citizen is '%3'")
            .replace("%1", part)
            .replace("%2", p("read") or "")
            .replace("%3", p("expected") or "")
        )
    if code == "mrz_rule":
        return _mrz_rule(finding)
    if code == "characters_unconfirmed":
        fields = ", ".join(field_label(field) for field in (p("fields") or "").split(",") if field)
        if ok:
            return QCoreApplication.translate(
                "findings", "Characters read with doubt were confirmed against the document: %1"
            ).replace("%1", fields)
        return QCoreApplication.translate(
            "findings", "Characters read with doubt are not confirmed against the document: %1"
        ).replace("%1", fields)
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


def _mrz_rule(finding: Finding) -> str:
    """A rule of the MRZ beyond its check digits, kept or broken (`domain.mrz.rules`)."""
    t = QCoreApplication.translate
    if finding.passed and finding.param("rule") is None:
        return t("findings", "Document code, country codes, sex and dates are ones an MRZ may hold")
    rule, read = finding.param("rule"), finding.param("read") or ""
    if finding.passed:  # a country code off the list, confirmed
        text = t("findings", "%2 '%1' is no known country code: confirmed against the document").replace(
            "%2", field_label(finding.param("field") or "")
        )
    elif rule == "document_code_not_allowed":
        text = t("findings", "Document code '%1' is not allowed for this document: correct the lines")
    elif rule == "sex_invalid":
        text = t("findings", "Sex '%1' is not M, F, X or <: correct the lines")
    elif rule == "date_impossible":
        text = t("findings", "%2 '%1' is not a calendar date: correct the lines").replace(
            "%2", field_label(finding.param("field") or "")
        )
    else:
        text = t("findings", "%2 '%1' is not a known country code: compare it with the document").replace(
            "%2", field_label(finding.param("field") or "")
        )
    return text.replace("%1", read)


def _marked(pieces: Sequence[tuple[str, bool]]) -> str:
    """HTML of a name's letters, those that differ marked (MARK_STYLE); every letter HTML-escaped."""
    out = []
    for text, differs in pieces:
        if not text:
            continue
        escaped = html.escape(text)
        out.append(f'<span style="{MARK_STYLE}">{escaped}</span>' if differs else escaped)
    return "".join(out)


def finding_html(finding: Finding) -> str:
    """The finding as one line of rich text: `describe_finding`'s words, HTML-escaped, except that a name
    difference shows both spellings with the differing letters marked, not the bracket notation."""
    diff = finding.param("diff")
    if finding.code != "name_mismatch" or not diff:
        return html.escape(describe_finding(finding))
    pieces = name_diff_pieces(diff)
    register = _marked([(piece.register, piece.differs) for piece in pieces])
    document = _marked([(piece.document, piece.differs) for piece in pieces])
    part = html.escape(_name_part(finding))
    if finding.passed:
        # Let pass, shorter on the document: the register's name with what the document leaves out marked.
        return (
            html.escape(QCoreApplication.translate("findings", "%1 match, shortened on the document: %2"))
            .replace("%1", part)
            .replace("%2", register)
        )
    return (
        html.escape(QCoreApplication.translate("findings", "%1 differ: the document says %2, the citizen is %3"))
        .replace("%1", part)
        .replace("%2", document or "&#8212;")
        .replace("%3", register or "&#8212;")
    )


def _problem(finding: Finding) -> tuple[str, str | None]:
    """A failed finding in a word or two for the headline: ("state", text) for what is wrong with the
    document ("expired"), ("mismatch", noun) for what does not match the citizen ("birth date")."""
    t = QCoreApplication.translate
    code = finding.code
    mismatches = {
        "birth_date_mismatch": t("findings", "birth date"),
        "sex_mismatch": t("findings", "sex"),
        "name_mismatch": t("findings", "name"),
        "country_mismatch": t("findings", "country"),
        "licence_number_mismatch": t("findings", "licence number"),
    }
    if code in mismatches:
        return "mismatch", mismatches[code]
    if code == "mrz_rule" and finding.param("rule") == "date_impossible":
        return "state", t("findings", "impossible date")  # no character is wrong by itself there
    states = {
        "check_digit_failed": t("findings", "check digit wrong"),
        "document_not_accepted": t("findings", "not photo ID"),
        "expired": t("findings", "expired"),
        "expiry_unreadable": t("findings", "expiry date unreadable"),
        "printed_expiry_required": t("findings", "printed expiry date needed"),
        "birth_date_unreadable": t("findings", "birth date unreadable"),
        "licence_fields_required": t("findings", "licence fields needed"),
        "mrz_rule": t("findings", "character not allowed"),
        "characters_unconfirmed": t("findings", "characters not confirmed"),
    }
    return "state", states.get(code, code)


def _listed(words: Sequence[str]) -> str:
    """"a", "a and b", "a, b and c" in the clerk's language."""
    if len(words) <= 1:
        return "".join(words)
    return (
        QCoreApplication.translate("findings", "%1 and %2")
        .replace("%1", ", ".join(words[:-1]))
        .replace("%2", words[-1])
    )


def headline(failures: Sequence[Finding]) -> str:
    """One short line for a failed check: "Rejected: expired, birth date and name do not match"."""
    states: list[str] = []
    mismatched: list[str] = []
    for finding in failures:
        kind, word = _problem(finding)
        target = mismatched if kind == "mismatch" else states
        if word and word not in target:
            target.append(word)
    parts = list(states)
    if len(mismatched) == 1:
        parts.append(QCoreApplication.translate("findings", "%1 does not match").replace("%1", mismatched[0]))
    elif mismatched:
        parts.append(QCoreApplication.translate("findings", "%1 do not match").replace("%1", _listed(mismatched)))
    return QCoreApplication.translate("findings", "Rejected: %1").replace("%1", ", ".join(parts))
