"""The consequence lines of the MitID action dialogs, rendered from the domain's facts
(borgerservice_desk/domain/consequences.py) in the clerk's language: no rule is decided here."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from borgerservice_desk.domain.consequences import Consequences, MethodRef, WhyNot
from ui import vocabulary


def method_names(methods: Iterable[MethodRef]) -> str:
    return ", ".join(f"{vocabulary.method_kind(m.kind)} {m.label}" for m in methods)


def describe(facts: Consequences, *, stops: bool = True) -> str:
    """One sentence per fact that holds; `stops=False` when the caller has already said what stops."""
    lines: list[str] = []

    def listed(text: str, methods: tuple[MethodRef, ...]) -> None:
        if methods:
            lines.append(text.replace("%1", method_names(methods)))

    if stops:
        listed(QCoreApplication.translate("consequences", "Stops working: %1."), tuple(n.method for n in facts.stops))
    listed(QCoreApplication.translate("consequences", "Keeps working: %1."), facts.keeps_working)
    listed(QCoreApplication.translate("consequences", "Works after this: %1."), facts.starts_working)
    listed(QCoreApplication.translate("consequences", "Stays permanently blocked (never reopened): %1."), facts.stays_because(WhyNot.PERMANENT))
    listed(QCoreApplication.translate("consequences", "Stays temporarily blocked (can be reopened): %1."), facts.stays_because(WhyNot.TEMPORARY))
    listed(QCoreApplication.translate("consequences", "Stays inactive: %1."), facts.stays_because(WhyNot.INACTIVE))
    listed(QCoreApplication.translate("consequences", "Stays stopped by the whole-MitID block: %1."), facts.stays_because(WhyNot.WHOLE_MITID))
    if facts.must_activate_new_app:
        lines.append(QCoreApplication.translate("consequences", "No MitID app will work: the citizen must activate a new app."))
    if facts.nothing_works:
        lines.append(QCoreApplication.translate("consequences", "After this, NONE of the citizen's methods works."))
    return " ".join(lines)
