"""The document dialog asks for the expiry of a photo ID at once (stop 33): a photo ID typed without it no
longer counts (documents.Refusal.NO_EXPIRY), and before, the box started unticked for every kind."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from borgerservice_desk.domain.assurance.documents import DocumentType
from ui.recovery_dialogs import DocumentDialog


def test_the_expiry_is_asked_for_a_photo_id_and_not_for_a_health_card(qtbot: QtBot) -> None:
    dialog = DocumentDialog("Signe Hansen", date(2026, 11, 27))
    qtbot.addWidget(dialog)
    for kind in (DocumentType.MFA_ID_CARD, DocumentType.HEALTH_CARD, DocumentType.MUNICIPAL_ID_CARD):
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind.value))
        assert dialog.has_expiry.isChecked() is kind.has_photo
        assert dialog.expiry.isEnabled() is kind.has_photo
        assert (dialog.document().expires_on is not None) is kind.has_photo
    first = DocumentType(str(dialog.kind.itemData(0)))
    fresh = DocumentDialog("Signe Hansen", date(2026, 11, 27))
    qtbot.addWidget(fresh)
    assert fresh.has_expiry.isChecked() is first.has_photo  # the kind shown when the dialog opens
