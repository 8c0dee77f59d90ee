"""The citizen's PDF receipt: what it says, what it never says, and that it is reproducible."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from borgerservice_desk.domain.centre_time import centre_zone, format_date_time
from borgerservice_desk.domain.consequences import Consequences
from borgerservice_desk.domain.mitid import (
    ActionKind,
    BlockReason,
    Channel,
    Decision,
    Identity,
    Method,
    MethodKind,
    MethodState,
)
from borgerservice_desk.domain.receipt import Receipt, ReceiptMethod
from borgerservice_desk.receipts import pdf as receipt_pdf
from borgerservice_desk.receipts import texts
from borgerservice_desk.receipts.pdf import render_receipt_pdf

# A replacement number (day + 60): it can never belong to a real person (DOMAIN.md).
FULL_CPR = "610170-4321"
MASKED_CPR = "610170-XXXX"
REFERENCE = "BSD-20261127-000042"
# MitID Support's number as the product's rules write it (DOMAIN.md, "Receipt"), copied here on purpose: a
# test that took it from the code's own constant would pass with a wrong number.
SUPPORT_PHONE = "+45 33 98 00 10"


def make_receipt(**changes: object) -> Receipt:
    receipt = Receipt(
        reference=REFERENCE,
        # 09:41 UTC on 27 November is 10:41 in Copenhagen (CET, UTC+1).
        issued_at=datetime(2026, 11, 27, 9, 41, tzinfo=UTC),
        centre_name="Borgerservice Aarhus",
        centre_address="Rådhuspladsen 2, 8000 Aarhus C",
        clerk_name="Mette Kjærgaard",
        citizen_name="Søren Ærø Åkjær",
        citizen_cpr_masked=MASKED_CPR,
        action=ActionKind.BLOCK_APP,
        methods=(ReceiptMethod(MethodKind.APP, "iPhone 15 Pro", MethodState.BLOCKED_PERMANENT),),
        reason=BlockReason.STOLEN,
        channel=Channel.BORGERSERVICE,
        document_kind="passport",
        document_country="DNK",
    )
    return dataclasses.replace(receipt, **changes)  # type: ignore[arg-type]


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    # Whitespace is normalised because line wrapping may split a phrase anywhere.
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def squash(value: str) -> str:
    return re.sub(r"\s+", " ", value)


@pytest.mark.parametrize("language", texts.LANGUAGES)
def test_receipt_shows_every_fact(language: str) -> None:
    receipt = make_receipt()
    content = pdf_text(render_receipt_pdf(receipt, language))

    assert texts.title(language, ActionKind.BLOCK_APP) in content
    assert REFERENCE in content
    assert "Søren Ærø Åkjær" in content
    assert MASKED_CPR in content
    assert "iPhone 15 Pro" in content
    assert texts.reason_name(language, BlockReason.STOLEN) in content
    assert texts.method_state_name(language, MethodState.BLOCKED_PERMANENT) in content
    assert texts.channel_name(language, Channel.BORGERSERVICE) in content
    assert texts.document_name(language, "passport") in content
    assert "DNK" in content
    assert "Mette Kjærgaard" in content
    assert "Borgerservice Aarhus" in content
    assert "Rådhuspladsen 2, 8000 Aarhus C" in content
    assert f"MitID Support: {SUPPORT_PHONE}" in content
    assert "27-11-2026 10:41" in content
    for step in texts.next_steps(language, ActionKind.BLOCK_APP, BlockReason.STOLEN):
        assert squash(step) in content


def test_danish_receipt_wording() -> None:
    content = pdf_text(render_receipt_pdf(make_receipt(), "da"))
    assert "Kvittering for spærring af MitID app" in content
    assert "kan aldrig åbnes igen" in content
    assert "Det er ikke nok at afinstallere" in content
    assert "Stjålet" in content
    assert "Pas, udstedt af Danmark (DNK)" in content


def test_english_receipt_wording() -> None:
    content = pdf_text(render_receipt_pdf(make_receipt(), "en"))
    assert "Receipt: MitID app blocked" in content
    assert "can never be reopened" in content
    assert "Uninstalling a MitID app is not enough" in content


@pytest.mark.parametrize("language", texts.LANGUAGES)
def test_full_cpr_never_printed(language: str) -> None:
    content = pdf_text(render_receipt_pdf(make_receipt(), language))
    digits = FULL_CPR.replace("-", "")
    assert FULL_CPR not in content
    assert digits not in content
    assert "4321" not in content


@pytest.mark.parametrize("language", texts.LANGUAGES)
def test_same_receipt_gives_identical_bytes(language: str) -> None:
    receipt = make_receipt()
    first = render_receipt_pdf(receipt, language)
    second = render_receipt_pdf(make_receipt(), language)
    assert first.startswith(b"%PDF-")
    assert first == second


def test_different_receipts_differ() -> None:
    assert render_receipt_pdf(make_receipt()) != render_receipt_pdf(
        make_receipt(reference="BSD-20261127-000043")
    )


def test_metadata_title_author_and_fixed_date() -> None:
    receipt = make_receipt()
    reader = PdfReader(io.BytesIO(render_receipt_pdf(receipt, "da")))
    meta = reader.metadata
    assert meta is not None
    assert meta.title is not None
    assert "Kvittering for spærring af MitID app" in meta.title
    assert REFERENCE in meta.title
    assert meta.author == "Borgerservice Aarhus"
    # The receipt's own issue time in Danish local time, not the render time.
    assert meta.get("/CreationDate") == "D:20261127104100+01'00'"
    assert len(reader.pages) == 1
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (595, 842)


@pytest.mark.parametrize("action", list(ActionKind))
@pytest.mark.parametrize("language", texts.LANGUAGES)
def test_every_action_renders(action: ActionKind, language: str) -> None:
    reason: BlockReason | None
    methods: tuple[ReceiptMethod, ...]
    if action is ActionKind.BLOCK_MITID:
        reason = BlockReason.MISUSE
        methods = (
            ReceiptMethod(MethodKind.APP, "Samsung Galaxy S24", MethodState.BLOCKED_PERMANENT),
            ReceiptMethod(MethodKind.CODE_DISPLAY, "CD-00012345", MethodState.BLOCKED_PERMANENT),
        )
    elif action in (ActionKind.REOPEN_METHOD, ActionKind.LIFT_MITID_BLOCK):
        reason = None
        methods = (ReceiptMethod(MethodKind.APP, "iPhone 13", MethodState.ACTIVE),)
    else:
        reason = BlockReason.LOST
        methods = (ReceiptMethod(MethodKind.APP, "iPhone 13", MethodState.BLOCKED_PERMANENT),)
    receipt = make_receipt(action=action, reason=reason, methods=methods)
    content = pdf_text(render_receipt_pdf(receipt, language))
    assert texts.title(language, action) in content
    for step in texts.next_steps(language, action, reason, (m.new_state for m in methods)):
        assert squash(step) in content
    for method in methods:
        assert method.label in content


def test_misuse_block_explains_whole_mitid_and_new_identity_check() -> None:
    receipt = make_receipt(action=ActionKind.BLOCK_MITID, reason=BlockReason.MISUSE)
    content = pdf_text(render_receipt_pdf(receipt, "da"))
    assert "Kvittering for spærring af MitID" in content
    assert "Mistanke om misbrug" in content
    assert "Hele dit MitID er spærret" in content
    assert "kontrolleret igen hos Borgerservice" in content


def test_temporary_block_can_be_reopened() -> None:
    receipt = make_receipt(
        reason=BlockReason.WRONG_TRIES,
        methods=(ReceiptMethod(MethodKind.APP, "iPhone 15 Pro", MethodState.BLOCKED_TEMPORARY),),
    )
    content = pdf_text(render_receipt_pdf(receipt, "da"))
    assert "Midlertidigt spærret" in content
    assert "genåbnes hos Borgerservice eller af MitID Support" in content
    assert "aldrig" not in content


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_block_that_leaves_nothing_working_points_to_an_activation_code_from_borgerservice(language: str) -> None:
    """With no method left that works, a new app cannot be activated in an app or on MitID.dk; the receipt
    said so anyway (found by a review, stop 31). Only an activation code from Borgerservice helps."""
    nothing_left = Consequences(ActionKind.BLOCK_APP, (), (), (), (), must_activate_new_app=True, nothing_works=True)
    something_left = dataclasses.replace(nothing_left, nothing_works=False)

    lonely = " ".join(texts.next_steps(language, ActionKind.BLOCK_APP, BlockReason.STOLEN, (), nothing_left))
    other = " ".join(texts.next_steps(language, ActionKind.BLOCK_APP, BlockReason.STOLEN, (), something_left))

    assert "MitID.dk" not in lonely.replace("MitID Support", "") and "Borgerservice" in lonely
    assert texts.text(language, "next.activate_new_app") in lonely
    assert texts.text(language, "next.app_permanent") in other  # a code display still works: that way


@pytest.mark.parametrize(
    ("state", "says"),
    [
        (MethodState.ACTIVE, "still works for its other users"),
        (MethodState.BLOCKED_PERMANENT, "stays blocked"),
        (MethodState.BLOCKED_TEMPORARY, "stays blocked"),
        (MethodState.INACTIVE, "now inactive"),
    ],
)
def test_a_user_removed_from_an_app_is_told_what_the_app_does_now(state: MethodState, says: str) -> None:
    """A blocked app works for none of its users: removing one is no reason to say it still works for the
    others (the receipt said so, beside "none of your methods works", found by a review, stop 31)."""
    steps = " ".join(texts.next_steps("en", ActionKind.REMOVE_APP_USER, None, [state]))
    assert says in steps
    assert ("still works" in steps) is (state is MethodState.ACTIVE)


def test_block_without_reason_follows_method_state() -> None:
    temporary = texts.next_steps("en", ActionKind.BLOCK_APP, None, [MethodState.BLOCKED_TEMPORARY])
    permanent = texts.next_steps("en", ActionKind.BLOCK_APP, None, [MethodState.BLOCKED_PERMANENT])
    assert any("temporary" in step for step in temporary)
    assert any("never be reopened" in step for step in permanent)


def test_block_of_all_apps_lists_each_app() -> None:
    methods = (
        ReceiptMethod(MethodKind.APP, "iPhone 11", MethodState.BLOCKED_PERMANENT),
        ReceiptMethod(MethodKind.APP, "iPad Air (5th generation)", MethodState.BLOCKED_PERMANENT),
        ReceiptMethod(MethodKind.APP, "Google Pixel 8", MethodState.BLOCKED_PERMANENT),
    )
    receipt = make_receipt(
        action=ActionKind.BLOCK_ALL_APPS, methods=methods, channel=Channel.MITID_DK_WITHOUT_LOGIN
    )
    content = pdf_text(render_receipt_pdf(receipt, "da"))
    assert "Kvittering for spærring af alle MitID apps" in content
    assert "MitID.dk uden login" in content
    for method in methods:
        assert method.label in content


@pytest.mark.parametrize(("language", "expected"), [("da", "Intet CPR-nummer"), ("en", "No CPR number")])
def test_citizen_without_cpr_number(language: str, expected: str) -> None:
    receipt = make_receipt(citizen_cpr_masked=None)
    content = pdf_text(render_receipt_pdf(receipt, language))
    assert expected in content
    assert "XXXX" not in content


@pytest.mark.parametrize("kind", texts.DOCUMENT_KINDS)
def test_every_document_kind_renders(kind: str) -> None:
    receipt = make_receipt(document_kind=kind, document_country="SWE")
    content = pdf_text(render_receipt_pdf(receipt, "da"))
    assert squash(texts.document_description("da", kind, "SWE")) in content
    assert "Sverige (SWE)" in content


def test_typed_document_says_so() -> None:
    content = pdf_text(render_receipt_pdf(make_receipt(document_kind="typed"), "da"))
    assert "Legitimation, udstedt af Danmark (DNK); oplysningerne er indtastet af sagsbehandleren" in content


def test_unknown_country_code_is_printed_as_is() -> None:
    assert texts.document_description("en", "passport", "UTO") == "Passport, issued by UTO"


def test_markup_characters_in_data_are_printed_literally() -> None:
    receipt = make_receipt(
        citizen_name="Jens <Hansen> & Co",
        methods=(ReceiptMethod(MethodKind.APP, "Model <X> & Y", MethodState.BLOCKED_PERMANENT),),
    )
    content = pdf_text(render_receipt_pdf(receipt, "en"))
    assert "Jens <Hansen> & Co" in content
    assert "Model <X> & Y" in content


def test_summer_time_is_shown_as_danish_local_time() -> None:
    # 10:15 UTC in July is 12:15 in Copenhagen (CEST, UTC+2).
    assert format_date_time(datetime(2026, 7, 1, 10, 15, tzinfo=UTC), centre_zone()) == "01-07-2026 12:15"
    receipt = make_receipt(issued_at=datetime(2026, 7, 1, 10, 15, tzinfo=UTC))
    assert "01-07-2026 12:15" in pdf_text(render_receipt_pdf(receipt, "en"))


def test_the_issue_time_is_printed_in_the_centres_own_time_zone() -> None:
    # The zone is the centre's (centre.timezone), not a fixed Copenhagen: 09:41 UTC is 09:41 in the Faroes.
    receipt = make_receipt(centre_timezone="Atlantic/Faroe")
    pdf = render_receipt_pdf(receipt, "en")

    assert "27-11-2026 09:41" in pdf_text(pdf)
    assert "10:41" not in pdf_text(pdf)
    assert PdfReader(io.BytesIO(pdf)).metadata["/CreationDate"].startswith("D:20261127094100+00'00'")


def test_naive_issue_time_is_refused() -> None:
    with pytest.raises(ValueError):
        render_receipt_pdf(make_receipt(issued_at=datetime(2026, 11, 27, 10, 41)))


def test_unknown_language_raises() -> None:
    with pytest.raises(ValueError):
        render_receipt_pdf(make_receipt(), "de")
    with pytest.raises(ValueError):
        texts.text("sv", "label.reference")


def test_unknown_key_raises() -> None:
    with pytest.raises(KeyError):
        texts.text("da", "label.no_such_label")


def test_languages_have_the_same_keys() -> None:
    assert texts.keys("da") == texts.keys("en")


def test_every_enum_value_has_wording() -> None:
    for language in texts.LANGUAGES:
        for action in ActionKind:
            assert texts.title(language, action)
        for kind in MethodKind:
            assert texts.method_kind_name(language, kind)
        for state in MethodState:
            assert texts.method_state_name(language, state)
        for reason in BlockReason:
            assert texts.reason_name(language, reason)
        for channel in Channel:
            assert texts.channel_name(language, channel)
        for document in texts.DOCUMENT_KINDS:
            assert texts.document_name(language, document)


@pytest.mark.parametrize(("language", "line"), [
    ("da", "Har du spørgsmål, kan du ringe til MitID Support: +45 33 98 00 10"),
    ("en", "If you have questions, call MitID Support: +45 33 98 00 10"),
])
def test_the_support_line_gives_mitid_supports_number(language: str, line: str) -> None:
    assert texts.support_line(language) == line
    content = pdf_text(render_receipt_pdf(make_receipt(), language))
    assert line in content
    assert re.findall(r"\+45[ 0-9]*[0-9]", content) == ["+45 33 98 00 10"]  # and no other number


def test_next_steps_always_end_with_support_phone() -> None:
    for language in texts.LANGUAGES:
        for action in ActionKind:
            for reason in (*BlockReason, None):
                steps = texts.next_steps(language, action, reason)
                assert steps[-1].endswith(f"MitID Support: {SUPPORT_PHONE}")


def test_helvetica_fallback_keeps_danish_letters(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Where DejaVu is not installed (e.g. Windows) the receipt falls back to Helvetica, whose WinAnsi
    # encoding must still give æ, ø, å back on extraction.
    monkeypatch.setattr(receipt_pdf, "_DEJAVU_DIR", tmp_path)
    receipt_pdf._fonts.cache_clear()
    try:
        pdf = render_receipt_pdf(make_receipt(), "da")
    finally:
        receipt_pdf._fonts.cache_clear()
    assert b"/Helvetica" in pdf
    content = pdf_text(pdf)
    assert "Søren Ærø Åkjær" in content
    assert "Kvittering for spærring af MitID app" in content


# Consequences: what the receipt says still works is derived from the citizen's methods -------------
def _facts(before: Identity, decision: Decision, action: ActionKind) -> Consequences:
    from borgerservice_desk.domain.consequences import consequences
    from borgerservice_desk.domain.mitid import apply

    return consequences(before, apply(before, decision, now=datetime(2026, 11, 27, tzinfo=UTC)), action)


def _apps(state: MethodState, *labels: str) -> tuple[Method, ...]:
    return tuple(Method(i + 1, MethodKind.APP, state, label, users=("Anne",)) for i, label in enumerate(labels))


def test_whole_mitid_receipt_lists_the_methods_and_never_says_none() -> None:
    from borgerservice_desk.domain.mitid import (
        Identity,
        IdentityState,
        decide_block_mitid,
    )

    before = Identity(IdentityState.ACTIVE, _apps(MethodState.BLOCKED_PERMANENT, "iPhone 11", "Pixel 8", "iPad Air"))
    facts = _facts(before, decide_block_mitid(before), ActionKind.BLOCK_MITID)
    methods = tuple(ReceiptMethod(m.kind, m.label, m.state) for m in before.methods)
    receipt = make_receipt(action=ActionKind.BLOCK_MITID, reason=BlockReason.MISUSE, methods=methods, consequences=facts)
    content = pdf_text(render_receipt_pdf(receipt, "da"))
    for label in ("iPhone 11", "Pixel 8", "iPad Air"):
        assert label in content
    assert "Ingen identifikationsmidler" not in content
    assert "virker stadig" not in content


def test_block_all_apps_of_a_citizen_with_only_apps_does_not_say_others_still_work() -> None:
    from borgerservice_desk.domain.mitid import (
        Identity,
        IdentityState,
        decide_block_all_apps,
    )

    before = Identity(IdentityState.ACTIVE, _apps(MethodState.ACTIVE, "iPhone 11", "Pixel 8"))
    facts = _facts(before, decide_block_all_apps(before, BlockReason.LOST), ActionKind.BLOCK_ALL_APPS)
    receipt = make_receipt(action=ActionKind.BLOCK_ALL_APPS, reason=BlockReason.LOST, consequences=facts)
    for language, still, none in (("da", "virker stadig", "Lige nu virker ingen"), ("en", "still work", "None of your")):
        content = pdf_text(render_receipt_pdf(receipt, language))
        assert still not in content and none in content


def test_block_app_receipt_names_what_still_works() -> None:
    from borgerservice_desk.domain.mitid import (
        Identity,
        IdentityState,
        Method,
        decide_block_app,
    )

    before = Identity(
        IdentityState.ACTIVE,
        (*_apps(MethodState.ACTIVE, "iPhone 11"), Method(9, MethodKind.CODE_DISPLAY, MethodState.ACTIVE, "KV-123")),
    )
    facts = _facts(before, decide_block_app(before, 1, BlockReason.STOLEN), ActionKind.BLOCK_APP)
    content = pdf_text(render_receipt_pdf(make_receipt(consequences=facts), "da"))
    assert "Disse identifikationsmidler virker stadig: Kodeviser KV-123." in content


def test_lift_receipt_tells_the_citizen_to_activate_a_new_app_when_no_app_works() -> None:
    from datetime import timedelta

    from borgerservice_desk.domain.mitid import (
        Identity,
        IdentityState,
        decide_lift_mitid_block,
    )

    blocked_at = datetime(2026, 11, 27, tzinfo=UTC)
    before = Identity(
        IdentityState.BLOCKED, _apps(MethodState.BLOCKED_PERMANENT, "iPhone 11", "Pixel 8", "iPad Air"), blocked_at
    )
    decision = decide_lift_mitid_block(before, by_supervisor=True, identity_checked_at=blocked_at + timedelta(hours=1))
    facts = _facts(before, decision, ActionKind.LIFT_MITID_BLOCK)
    methods = tuple(ReceiptMethod(m.kind, m.label, m.state) for m in before.methods)
    receipt = make_receipt(action=ActionKind.LIFT_MITID_BLOCK, reason=None, methods=methods, consequences=facts)
    da = pdf_text(render_receipt_pdf(receipt, "da"))
    assert "skal du aktivere en ny MitID app" in da
    assert "permanent spærret og kan aldrig åbnes igen" in da
    assert "virker igen" not in da
    en = pdf_text(render_receipt_pdf(receipt, "en"))
    assert "activate a new MitID app" in en
