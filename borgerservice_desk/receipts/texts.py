"""The receipt's wording in Danish and English, as plain dicts.

Plain Python rather than the GUI's translation files on purpose: the receipt is rendered in a worker
where no translator is loaded, and a receipt printed in the wrong language because a translation file
went missing would be handed to a citizen. Every key exists in every language (a test checks), so a
lookup either finds the wording or fails loudly.

The "what to do next" wording restates shared/DOMAIN.md ("MitID rules") for the citizen.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from borgerservice_desk.domain.consequences import Consequences, MethodRef, WhyNot
from borgerservice_desk.domain.mitid import (
    ActionKind,
    BlockReason,
    Channel,
    MethodKind,
    MethodState,
)
from borgerservice_desk.domain.receipt import SUPPORT_PHONE

LANGUAGES: tuple[str, ...] = ("da", "en")

# The kinds a Receipt.document_kind may hold (see domain/receipt.py).
DOCUMENT_KINDS: tuple[str, ...] = (
    "passport", "id_card", "residence_card", "driving_licence", "typed",
    # Typed documents of the assurance rules (domain/assurance/documents.DocumentType).
    "national_id_card", "driving_licence_app", "residence_permit", "mfa_id_card", "municipal_id_card",
    "health_card", "health_card_app", "special_health_card", "residence_certificate", "personal_certificate",
    "baptism_certificate", "birth_certificate",
)

_DA: dict[str, str] = {
    # Titles, one per ActionKind.
    "title.block_app": "Kvittering for spærring af MitID app",
    "title.block_all_apps": "Kvittering for spærring af alle MitID apps",
    "title.block_mitid": "Kvittering for spærring af MitID",
    "title.reopen_method": "Kvittering for genåbning af MitID identifikationsmiddel",
    "title.lift_mitid_block": "Kvittering for ophævelse af spærring af MitID",
    "title.remove_app_user": "Kvittering for fjernelse af bruger fra MitID app",
    "title.activate_app": "Kvittering for aktivering af MitID app",
    "title.issue_activation_code": "Kvittering for udlevering af aktiveringskode til MitID app",
    "title.hand_out_device": "Kvittering for udlevering af MitID identifikationsmiddel",
    "title.block_device": "Kvittering for spærring af MitID identifikationsmiddel",
    "title.show_user_id": "Kvittering for visning af MitID bruger-ID",
    "title.issue_mitid": "Kvittering for udstedelse af MitID",
    # Labels.
    "label.centre": "Borgerservice",
    "label.date_time": "Dato og tidspunkt",
    "label.reference": "Reference",
    "label.clerk": "Sagsbehandler",
    "label.citizen": "Borger",
    "label.cpr": "CPR-nummer",
    "label.method": "Identifikationsmiddel",
    "label.method_label": "Model / serienummer",
    "label.new_state": "Ny status",
    "label.reason": "Årsag",
    "label.document": "Kontrolleret legitimation",
    "label.channel": "Udført via",
    # Section headings and fixed phrases.
    "section.details": "Oplysninger",
    "section.methods": "Berørte identifikationsmidler",
    "section.action": "Handling",
    "section.next_steps": "Hvad skal du gøre nu?",
    "value.no_cpr": "Intet CPR-nummer",
    "value.no_methods": "Ingen identifikationsmidler",
    "document.issued_by": "udstedt af",
    "footer.page": "Side {page} af {pages}",
    "footer.keep": "Gem kvitteringen. Oplys referencen, hvis du kontakter os om sagen.",
    # Method kinds.
    "method_kind.app": "MitID app",
    "method_kind.code_display": "Kodeviser",
    "method_kind.code_reader": "Kodeoplæser",
    "method_kind.chip": "MitID chip",
    # Method states.
    "method_state.active": "Aktiv",
    "method_state.blocked_temporary": "Midlertidigt spærret",
    "method_state.blocked_permanent": "Permanent spærret",
    "method_state.inactive": "Inaktiv",
    # Block reasons.
    "reason.lost": "Mistet",
    "reason.stolen": "Stjålet",
    "reason.misuse": "Mistanke om misbrug",
    "reason.replaced": "Udskiftet med en ny enhed",
    "reason.wrong_tries": "For mange forkerte forsøg",
    # Channels.
    "channel.app": "MitID appen",
    "channel.mitid_dk_without_login": "MitID.dk uden login",
    "channel.mitid_dk_after_login": "MitID.dk efter login",
    "channel.mitid_support": "MitID Support",
    "channel.borgerservice": "Borgerservice",
    # Identity documents.
    "document.passport": "Pas",
    "document.id_card": "ID-kort",
    "document.residence_card": "Opholdskort",
    "document.driving_licence": "Kørekort",
    "document.typed": "Legitimation indtastet af sagsbehandler",
    "document.generic": "Legitimation",
    "document.typed_note": "oplysningerne er indtastet af sagsbehandleren",
    "document.national_id_card": "Nationalt ID-kort",
    "document.driving_licence_app": "Kørekort-appen",
    "document.residence_permit": "Opholdstilladelse",
    "document.mfa_id_card": "Udenrigsministeriets ID-kort",
    "document.municipal_id_card": "Kommunalt ID-kort",
    "document.health_card": "Sundhedskort",
    "document.health_card_app": "Sundhedskort-appen",
    "document.special_health_card": "Særligt sundhedskort",
    "document.residence_certificate": "Bopælsattest",
    "document.personal_certificate": "Personattest",
    "document.baptism_certificate": "Dåbsattest",
    "document.birth_certificate": "Fødselsattest",
    # What to do next.
    "next.app_permanent": (
        "Den spærrede MitID app kan aldrig åbnes igen. Vil du bruge MitID på en telefon eller "
        "tablet, skal du aktivere en ny MitID app. Det gør du i MitID appen eller på MitID.dk."
    ),
    "next.apps_permanent": (
        "De spærrede MitID apps kan aldrig åbnes igen. Vil du bruge MitID på en telefon eller "
        "tablet, skal du aktivere en ny MitID app. Det gør du i MitID appen eller på MitID.dk."
    ),
    "next.app_temporary": (
        "Spærringen er midlertidig. MitID appen kan genåbnes hos Borgerservice eller af MitID Support."
    ),
    "next.apps_temporary": (
        "Spærringen er midlertidig. MitID apps kan genåbnes hos Borgerservice eller af MitID Support."
    ),
    "next.uninstall": (
        "Det er ikke nok at afinstallere en MitID app: den tæller som aktiv, indtil den er spærret. "
        "Du kan højst have tre aktive MitID apps ad gangen."
    ),
    "next.still_working": "Disse identifikationsmidler virker stadig: {methods}.",
    "next.nothing_works": "Lige nu virker ingen af dine MitID identifikationsmidler.",
    "next.works_again": "Disse identifikationsmidler virker igen: {methods}.",
    "next.still_permanent": "Disse er fortsat permanent spærret og kan aldrig åbnes igen: {methods}.",
    "next.still_temporary": (
        "Disse er fortsat midlertidigt spærret og kan genåbnes hos Borgerservice eller af MitID Support: "
        "{methods}."
    ),
    "next.still_inactive": "Disse er fortsat inaktive: {methods}.",
    "next.activate_new_app": (
        "Du har ingen MitID app, der virker. Vil du bruge MitID på en telefon eller tablet, skal du "
        "aktivere en ny MitID app med en aktiveringskode fra Borgerservice."
    ),
    "next.mitid_blocked": (
        "Hele dit MitID er spærret. Ingen af dine identifikationsmidler virker, heller ikke for dig selv."
    ),
    "next.mitid_lift": (
        "Spærringen kan først ophæves, når din identitet er kontrolleret igen hos Borgerservice. "
        "Husk at bestille tid og at medbringe gyldig billedlegitimation, fx pas eller kørekort."
    ),
    "next.codes_void": (
        "Den aktiveringskode, du har fået tidligere, virker ikke længere. Du kan få en ny hos Borgerservice, "
        "når din identitet er kontrolleret igen."
    ),
    "next.reopened": "Identifikationsmidlet er genåbnet og kan bruges igen.",
    "next.user_removed": "Brugeren er fjernet fra MitID appen. Appen virker fortsat for de andre brugere.",
    "next.user_removed_blocked": "Brugeren er fjernet fra MitID appen. Appen er fortsat spærret.",
    "next.app_never_reopened": "Den spærrede MitID app kan aldrig åbnes igen.",
    "next.apps_never_reopened": "De spærrede MitID apps kan aldrig åbnes igen.",
    "next.app_inactive": (
        "Appen havde ikke flere brugere og er nu inaktiv. Vil du bruge MitID på enheden igen, skal du "
        "aktivere en ny MitID app."
    ),
    "next.app_activated": (
        "Den nye MitID app er aktiv. Du kan højst have tre aktive MitID apps ad gangen; spær en app, "
        "du ikke længere bruger, også selv om den er afinstalleret."
    ),
    "next.lifted": (
        "Spærringen af dit MitID er ophævet efter en ny kontrol af din identitet."
    ),
    "next.support": "Har du spørgsmål, kan du ringe til MitID Support: {phone}",
    "next.code_issued": (
        "Du har fået en aktiveringskode på en særskilt seddel. Den står ikke på denne kvittering. Aktivér din "
        "nye MitID app med dit bruger-ID og koden, før koden udløber; derefter får du en midlertidig "
        "adgangskode på SMS. Vis aldrig koden til andre."
    ),
    "next.code_replaces": "En aktiveringskode, du har fået før, virker ikke længere.",
    "next.device_handed_out": (
        "Identifikationsmidlet er knyttet til dit MitID og kan bruges nu. Mister du det, så spær det med "
        "det samme hos MitID Support eller Borgerservice."
    ),
    "next.device_permanent": (
        "Det spærrede identifikationsmiddel kan aldrig bruges igen. Du kan få et nyt hos Borgerservice."
    ),
    "next.device_temporary": (
        "Spærringen er midlertidig. Identifikationsmidlet kan genåbnes hos Borgerservice eller af MitID Support."
    ),
    "next.user_id_shown": (
        "Dit bruger-ID blev vist for dig alene på skærmen ved skranken. Det står ikke på denne kvittering. "
        "Del det ikke med andre."
    ),
    "next.mitid_issued": "Dit MitID er oprettet hos Borgerservice.",
    # The slip with the activation code: for the citizen only, never archived.
    "slip.title": "Aktiveringskode til MitID app",
    "slip.code": "Aktiveringskode",
    "slip.valid_until": "Gyldig til",
    "slip.citizen": "Udleveret til",
    "slip.how": (
        "Åbn MitID appen på din nye telefon eller tablet, vælg at aktivere med aktiveringskode fra "
        "Borgerservice, og indtast dit bruger-ID og koden. Derefter får du en midlertidig adgangskode på SMS."
    ),
    "slip.secret": (
        "Koden er personlig. Vis den aldrig til andre, heller ikke til nogen, der siger, de er fra MitID. "
        "Riv sedlen i stykker, når appen er aktiveret."
    ),
    # Issuing countries seen most at a Danish counter; any other code is printed as it is.
    "country.DNK": "Danmark",
    "country.SWE": "Sverige",
    "country.NOR": "Norge",
    "country.FIN": "Finland",
    "country.ISL": "Island",
    "country.DEU": "Tyskland",
    "country.POL": "Polen",
    "country.GBR": "Storbritannien",
}

_EN: dict[str, str] = {
    "title.block_app": "Receipt: MitID app blocked",
    "title.block_all_apps": "Receipt: all MitID apps blocked",
    "title.block_mitid": "Receipt: MitID blocked",
    "title.reopen_method": "Receipt: MitID identification method reopened",
    "title.lift_mitid_block": "Receipt: MitID block lifted",
    "title.remove_app_user": "Receipt: user removed from MitID app",
    "title.activate_app": "Receipt: MitID app activated",
    "title.issue_activation_code": "Receipt: activation code for a MitID app handed out",
    "title.hand_out_device": "Receipt: MitID identification method handed out",
    "title.block_device": "Receipt: MitID identification method blocked",
    "title.show_user_id": "Receipt: MitID user ID shown",
    "title.issue_mitid": "Receipt: MitID issued",
    "label.centre": "Citizen Service Centre",
    "label.date_time": "Date and time",
    "label.reference": "Reference",
    "label.clerk": "Clerk",
    "label.citizen": "Citizen",
    "label.cpr": "CPR number",
    "label.method": "Identification method",
    "label.method_label": "Model / serial number",
    "label.new_state": "New state",
    "label.reason": "Reason",
    "label.document": "Identity document checked",
    "label.channel": "Carried out via",
    "section.details": "Details",
    "section.methods": "Identification methods affected",
    "section.action": "Action",
    "section.next_steps": "What to do next",
    "value.no_cpr": "No CPR number",
    "value.no_methods": "No identification methods",
    "document.issued_by": "issued by",
    "footer.page": "Page {page} of {pages}",
    "footer.keep": "Keep this receipt. Quote the reference if you contact us about this matter.",
    "method_kind.app": "MitID app",
    "method_kind.code_display": "Code display",
    "method_kind.code_reader": "Audio code reader",
    "method_kind.chip": "MitID chip",
    "method_state.active": "Active",
    "method_state.blocked_temporary": "Temporarily blocked",
    "method_state.blocked_permanent": "Permanently blocked",
    "method_state.inactive": "Inactive",
    "reason.lost": "Lost",
    "reason.stolen": "Stolen",
    "reason.misuse": "Suspected misuse",
    "reason.replaced": "Replaced by a new device",
    "reason.wrong_tries": "Too many wrong attempts",
    "channel.app": "The MitID app",
    "channel.mitid_dk_without_login": "MitID.dk without logging in",
    "channel.mitid_dk_after_login": "MitID.dk after logging in",
    "channel.mitid_support": "MitID Support",
    "channel.borgerservice": "Citizen Service Centre (Borgerservice)",
    "document.passport": "Passport",
    "document.id_card": "ID card",
    "document.residence_card": "Residence card",
    "document.driving_licence": "Driving licence",
    "document.typed": "Identity document typed in by the clerk",
    "document.generic": "Identity document",
    "document.typed_note": "details typed in by the clerk",
    "document.national_id_card": "National ID card",
    "document.driving_licence_app": "Driving licence app",
    "document.residence_permit": "Residence permit",
    "document.mfa_id_card": "Ministry of Foreign Affairs ID card",
    "document.municipal_id_card": "Municipal ID card",
    "document.health_card": "Health insurance card",
    "document.health_card_app": "Health card app",
    "document.special_health_card": "Special health card",
    "document.residence_certificate": "Residence certificate",
    "document.personal_certificate": "Personal certificate",
    "document.baptism_certificate": "Baptism certificate",
    "document.birth_certificate": "Birth certificate",
    "next.app_permanent": (
        "The blocked MitID app can never be reopened. To use MitID on a phone or tablet, activate "
        "a new MitID app. You do this in the MitID app or on MitID.dk."
    ),
    "next.apps_permanent": (
        "The blocked MitID apps can never be reopened. To use MitID on a phone or tablet, activate "
        "a new MitID app. You do this in the MitID app or on MitID.dk."
    ),
    "next.app_temporary": (
        "The block is temporary. The MitID app can be reopened at Borgerservice or by MitID Support."
    ),
    "next.apps_temporary": (
        "The block is temporary. The MitID apps can be reopened at Borgerservice or by MitID Support."
    ),
    "next.uninstall": (
        "Uninstalling a MitID app is not enough: it counts as active until it is blocked. "
        "You can have at most three active MitID apps at a time."
    ),
    "next.still_working": "These identification methods still work: {methods}.",
    "next.nothing_works": "None of your MitID identification methods works right now.",
    "next.works_again": "These identification methods work again: {methods}.",
    "next.still_permanent": "These stay permanently blocked and can never be reopened: {methods}.",
    "next.still_temporary": (
        "These stay temporarily blocked and can be reopened at Borgerservice or by MitID Support: {methods}."
    ),
    "next.still_inactive": "These stay inactive: {methods}.",
    "next.activate_new_app": (
        "You have no MitID app that works. To use MitID on a phone or tablet, activate a new MitID app "
        "with an activation code from Borgerservice."
    ),
    "next.mitid_blocked": (
        "Your whole MitID is blocked. None of your identification methods work, not even for you."
    ),
    "next.mitid_lift": (
        "The block can only be lifted after a new check of your identity at Borgerservice. "
        "Remember to book an appointment and bring valid photo ID, such as a passport or driving licence."
    ),
    "next.codes_void": (
        "The activation code you were given earlier no longer works. You can get a new one at Borgerservice "
        "once your identity has been checked again."
    ),
    "next.reopened": "The identification method has been reopened and can be used again.",
    "next.user_removed": "The user has been removed from the MitID app. The app still works for its other users.",
    "next.user_removed_blocked": "The user has been removed from the MitID app. The app stays blocked.",
    "next.app_never_reopened": "The blocked MitID app can never be reopened.",
    "next.apps_never_reopened": "The blocked MitID apps can never be reopened.",
    "next.app_inactive": (
        "The app had no users left and is now inactive. To use MitID on the device again, activate a new "
        "MitID app."
    ),
    "next.app_activated": (
        "The new MitID app is active. You can have at most three active MitID apps at a time; block an app "
        "you no longer use, even if it is uninstalled."
    ),
    "next.lifted": (
        "The block on your MitID has been lifted after a new check of your identity."
    ),
    "next.support": "If you have questions, call MitID Support: {phone}",
    "next.code_issued": (
        "You have received an activation code on a separate slip. It is not on this receipt. Activate your "
        "new MitID app with your user ID and the code before the code expires; then a temporary password "
        "comes by SMS. Never show the code to anyone."
    ),
    "next.code_replaces": "An activation code you received earlier no longer works.",
    "next.device_handed_out": (
        "The identification method is tied to your MitID and can be used now. If you lose it, block it at "
        "once with MitID Support or Borgerservice."
    ),
    "next.device_permanent": (
        "The blocked identification method can never be used again. You can get a new one at Borgerservice."
    ),
    "next.device_temporary": (
        "The block is temporary. The identification method can be reopened at Borgerservice or by MitID Support."
    ),
    "next.user_id_shown": (
        "Your user ID was shown to you alone on the screen at the counter. It is not on this receipt. "
        "Do not share it with anyone."
    ),
    "next.mitid_issued": "Your MitID has been created at Borgerservice.",
    "slip.title": "Activation code for the MitID app",
    "slip.code": "Activation code",
    "slip.valid_until": "Valid until",
    "slip.citizen": "Handed to",
    "slip.how": (
        "Open the MitID app on your new phone or tablet, choose to activate with an activation code from "
        "Borgerservice, and type your user ID and the code. Then a temporary password comes by SMS."
    ),
    "slip.secret": (
        "The code is personal. Never show it to anyone, not even someone who says they are from MitID. "
        "Tear up this slip once the app is activated."
    ),
    "country.DNK": "Denmark",
    "country.SWE": "Sweden",
    "country.NOR": "Norway",
    "country.FIN": "Finland",
    "country.ISL": "Iceland",
    "country.DEU": "Germany",
    "country.POL": "Poland",
    "country.GBR": "United Kingdom",
}

_TEXTS: Mapping[str, Mapping[str, str]] = {"da": _DA, "en": _EN}


def _table(language: str) -> Mapping[str, str]:
    try:
        return _TEXTS[language]
    except KeyError:
        # ValueError, not KeyError: the language is a bad argument, not a missing entry.
        raise ValueError(f"unknown receipt language {language!r}; expected one of {LANGUAGES}") from None


def check_language(language: str) -> None:
    """Raise ValueError for a language the receipt has no wording for."""
    _table(language)


def keys(language: str) -> frozenset[str]:
    """All keys of one language (tests use it to prove the languages match)."""
    return frozenset(_table(language))


def text(language: str, key: str) -> str:
    """The wording for `key`; ValueError for an unknown language, KeyError for an unknown key."""
    table = _table(language)
    try:
        return table[key]
    except KeyError:
        raise KeyError(f"no receipt text {key!r} in language {language!r}") from None


def title(language: str, action: ActionKind) -> str:
    return text(language, f"title.{action.value}")


def method_kind_name(language: str, kind: MethodKind) -> str:
    return text(language, f"method_kind.{kind.value}")


def method_state_name(language: str, state: MethodState) -> str:
    return text(language, f"method_state.{state.value}")


def reason_name(language: str, reason: BlockReason) -> str:
    return text(language, f"reason.{reason.value}")


def channel_name(language: str, channel: Channel) -> str:
    return text(language, f"channel.{channel.value}")


def document_name(language: str, kind: str) -> str:
    """The name of a document kind; an unknown kind is a programming error and raises ValueError."""
    if kind not in DOCUMENT_KINDS:
        raise ValueError(f"unknown document kind {kind!r}; expected one of {DOCUMENT_KINDS}")
    return text(language, f"document.{kind}")


def country_name(language: str, code: str) -> str:
    """A readable country name for an ISO 3166 alpha-3 code, or the code itself when unknown."""
    table = _table(language)
    return table.get(f"country.{code.upper()}", code.upper())


def document_description(language: str, kind: str, country: str) -> str:
    """E.g. "Pas, udstedt af Danmark (DNK)"; the code stays so a rare country is still exact.

    A typed-in document reads "Legitimation, udstedt af Danmark (DNK); oplysningerne er indtastet af
    sagsbehandleren", so the issuer does not land in the middle of the typed-in remark.
    """
    code = country.strip().upper()
    typed = kind == "typed"
    name = text(language, "document.generic") if typed else document_name(language, kind)
    if code:
        readable = country_name(language, code)
        issuer = code if readable == code else f"{readable} ({code})"
        name = f"{name}, {text(language, 'document.issued_by')} {issuer}"
    if typed:
        name = f"{name}; {text(language, 'document.typed_note')}"
    return name


def support_line(language: str) -> str:
    return text(language, "next.support").format(phone=SUPPORT_PHONE)


def method_list(language: str, methods: Iterable[MethodRef]) -> str:
    """E.g. "MitID app iPhone 15, Kodeviser CD-00012345"."""
    return ", ".join(f"{method_kind_name(language, m.kind)} {m.label}" for m in methods)


def _listed(language: str, key: str, methods: tuple[MethodRef, ...]) -> list[str]:
    return [text(language, key).format(methods=method_list(language, methods))] if methods else []


def _left_as_they_are(language: str, facts: Consequences) -> list[str]:
    """What still does not work after a lift or a reopen, and what that means for the citizen."""
    steps = [
        *_listed(language, "next.still_permanent", facts.stays_because(WhyNot.PERMANENT)),
        *_listed(language, "next.still_temporary", facts.stays_because(WhyNot.TEMPORARY)),
        *_listed(language, "next.still_inactive", facts.stays_because(WhyNot.INACTIVE)),
    ]
    if facts.must_activate_new_app:
        steps.append(text(language, "next.activate_new_app"))
    if facts.nothing_works:
        steps.append(text(language, "next.nothing_works"))
    return steps


def next_steps(
    language: str,
    action: ActionKind,
    reason: BlockReason | None,
    new_states: Iterable[MethodState] = (),
    facts: Consequences | None = None,
    *,
    codes_voided: bool = False,
) -> tuple[str, ...]:
    """The "what to do next" paragraphs for an action, always ending with the MitID Support line.

    The reason decides whether an app block is permanent. A receipt without a reason falls back to the
    states the methods were put in, so a temporary block is never described as final. What still works
    (or that nothing does) is said only from `facts` (domain/consequences.py): without them the receipt
    makes no such claim.
    """
    check_language(language)
    steps: list[str]
    if action in (ActionKind.BLOCK_APP, ActionKind.BLOCK_ALL_APPS):
        plural = action is ActionKind.BLOCK_ALL_APPS
        if reason is not None:
            temporary = not reason.is_permanent
        else:
            states = set(new_states)
            temporary = bool(states) and states <= {MethodState.BLOCKED_TEMPORARY}
        if temporary:
            steps = [text(language, "next.apps_temporary" if plural else "next.app_temporary")]
        elif facts is not None and facts.nothing_works:
            # With no method left that works, a new app cannot be activated in an app or on MitID.dk: only
            # with an activation code from Borgerservice.
            steps = [
                text(language, "next.apps_never_reopened" if plural else "next.app_never_reopened"),
                text(language, "next.activate_new_app"),
                text(language, "next.uninstall"),
            ]
        else:
            steps = [
                text(language, "next.apps_permanent" if plural else "next.app_permanent"),
                text(language, "next.uninstall"),
            ]
        if facts is not None:
            steps += _listed(language, "next.still_working", facts.keeps_working)
            if facts.nothing_works:
                steps.append(text(language, "next.nothing_works"))
    elif action is ActionKind.BLOCK_MITID:
        steps = [text(language, "next.mitid_blocked"), text(language, "next.mitid_lift")]
    elif action is ActionKind.REOPEN_METHOD:
        steps = [text(language, "next.reopened")]
    elif action is ActionKind.LIFT_MITID_BLOCK:
        steps = [text(language, "next.lifted")]
        if facts is not None:
            steps += _listed(language, "next.works_again", facts.starts_working)
            steps += _left_as_they_are(language, facts)
    elif action is ActionKind.REMOVE_APP_USER:
        states = set(new_states)
        if MethodState.INACTIVE in states:
            key = "next.app_inactive"
        elif states & {MethodState.BLOCKED_TEMPORARY, MethodState.BLOCKED_PERMANENT}:
            key = "next.user_removed_blocked"  # a blocked app works for nobody, its other users included
        else:
            key = "next.user_removed"
        steps = [text(language, key)]
        if facts is not None and facts.nothing_works:
            steps.append(text(language, "next.nothing_works"))
    elif action is ActionKind.ACTIVATE_APP:
        steps = [text(language, "next.app_activated")]
    elif action is ActionKind.ISSUE_ACTIVATION_CODE:
        steps = [text(language, "next.code_issued"), text(language, "next.code_replaces")]
    elif action is ActionKind.HAND_OUT_DEVICE:
        steps = [text(language, "next.device_handed_out")]
    elif action is ActionKind.BLOCK_DEVICE:
        temporary = reason is BlockReason.WRONG_TRIES
        steps = [text(language, "next.device_temporary" if temporary else "next.device_permanent")]
        if facts is not None:
            steps += _listed(language, "next.still_working", facts.keeps_working)
            if facts.nothing_works:
                steps.append(text(language, "next.nothing_works"))
    elif action is ActionKind.SHOW_USER_ID:
        steps = [text(language, "next.user_id_shown")]
    elif action is ActionKind.ISSUE_MITID:
        # With a device the MitID works at once; with an app, once the citizen activates it with the code.
        with_device = bool(list(new_states))
        steps = [
            text(language, "next.mitid_issued"),
            text(language, "next.device_handed_out" if with_device else "next.code_issued"),
        ]
    else:  # pragma: no cover - a new ActionKind must get its own wording
        raise ValueError(f"no next-steps wording for action {action!r}")
    if codes_voided:
        steps.append(text(language, "next.codes_void"))
    steps.append(support_line(language))
    return tuple(steps)
