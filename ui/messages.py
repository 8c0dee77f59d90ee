"""Turns the core's coded errors and findings into text for the clerk, in the clerk's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from borgerservice_desk.domain.audit_chain import BreakReason, Verification
from borgerservice_desk.errors import DeskError
from borgerservice_desk.services.identity import ImageNotKept


def describe_error(error: BaseException) -> str:
    if not isinstance(error, DeskError):
        return QCoreApplication.translate("messages", "Something went wrong that the desk did not expect. Nothing was saved. ({detail})").format(
            detail=type(error).__name__
        )
    p = error.params
    texts: dict[str, str] = {
        "cpr.invalid_format": QCoreApplication.translate("messages", "'{value}' is not a CPR number. Type ten digits, e.g. 010190-1234."),
        "cpr.invalid_date": QCoreApplication.translate("messages", "'{value}' is not a CPR number: the first six digits are not a date."),
        "cpr.born_in_future": QCoreApplication.translate("messages", "'{value}' is not a CPR number: the birth date lies in the future."),
        "citizen.not_found": QCoreApplication.translate("messages", "No citizen found for '{query}'."),
        "citizen.empty_query": QCoreApplication.translate("messages", "Type what to search for."),
        "citizen.no_cpr": QCoreApplication.translate("messages", "This citizen has no CPR number."),
        "citizen.document_without_birth_date": QCoreApplication.translate("messages", "The document's birth date could not be read."),
        "auth.failed": QCoreApplication.translate("messages", "Wrong user name or password."),
        "auth.locked": QCoreApplication.translate("messages",
            "Too many wrong tries: signing in is locked until {until_local}. A supervisor can lift the lock."
        ),
        "auth.not_active": QCoreApplication.translate("messages",
            "Your account is no longer active, or has changed. Sign in again; ask a supervisor if it fails."
        ),
        "auth.must_change_password": QCoreApplication.translate("messages", "Choose a new password first."),
        "auth.supervisor_only": QCoreApplication.translate("messages", "Only a supervisor can do this."),
        "auth.wrong_password": QCoreApplication.translate("messages", "The current password is wrong."),
        "desk.unlock_refused": QCoreApplication.translate("messages",
            "Only {name} or a supervisor can unlock this desk."
        ),
        "password.too_short": QCoreApplication.translate("messages", "The password must have at least {min_length} characters."),
        "password.too_long": QCoreApplication.translate("messages", "The password may have at most {max_length} characters."),
        "password.contains_username": QCoreApplication.translate("messages", "The password may not contain the user name."),
        "password.too_simple": QCoreApplication.translate("messages",
            "The password is too easy to guess. Use several words, or mix letters, digits and signs."
        ),
        "password.unchanged": QCoreApplication.translate("messages", "The new password must differ from the current one."),
        "password.mismatch": QCoreApplication.translate("messages", "The two new passwords differ."),
        "clerk.bad_username": QCoreApplication.translate("messages",
            "A user name has 1 to {max_length} letters, digits, dots, hyphens or underscores."
        ),
        "clerk.bad_full_name": QCoreApplication.translate("messages", "Type the clerk's full name (at most {max_length} characters)."),
        "clerk.username_taken": QCoreApplication.translate("messages", "The user name '{username}' is taken."),
        "clerk.not_found": QCoreApplication.translate("messages", "That clerk is not one of this centre's."),
        "clerk.not_yourself": QCoreApplication.translate("messages", "You cannot deactivate or demote yourself; ask another supervisor."),
        "clerk.supervisor_only": QCoreApplication.translate("messages", "Only a supervisor can manage the clerks."),
        "clerk.last_supervisor": QCoreApplication.translate("messages",
            "The centre would have no active supervisor left. Nothing was changed; make another clerk a "
            "supervisor first."
        ),
        "init.not_empty": QCoreApplication.translate("messages",
            "This database already has a centre or clerks. Nothing was changed."
        ),
        "init.bad_centre_name": QCoreApplication.translate("messages", "Type the centre's name (at most {max_length} characters)."),
        "init.bad_centre_address": QCoreApplication.translate("messages", "Type the centre's address (at most {max_length} characters)."),
        "identity_check.not_found": QCoreApplication.translate("messages", "That identity check no longer exists, or is not this centre's."),
        "visit.other_centre": QCoreApplication.translate("messages",
            "This visit belongs to another centre. Nothing was done; the refusal has been recorded."
        ),
        "appointment.not_found": QCoreApplication.translate("messages", "The appointment no longer exists."),
        "appointment.not_booked": QCoreApplication.translate("messages", "This citizen is already checked in or the appointment is closed."),
        "visit.not_found": QCoreApplication.translate("messages", "Check the citizen in first."),
        "mitid.no_identity": QCoreApplication.translate("messages", "The citizen has no MitID."),
        "mitid.no_identity_check": QCoreApplication.translate("messages",
            "The citizen's identity has not been checked in this visit. Check a valid photo ID first. "
            "The refusal has been recorded."
        ),
        "mitid.not_an_app": QCoreApplication.translate("messages", "Choose one of the citizen's MitID apps."),
        "mitid.already_blocked": QCoreApplication.translate("messages", "That app is already blocked."),
        "mitid.misuse_blocks_whole_mitid": QCoreApplication.translate("messages",
            "Suspected misuse means blocking the whole MitID, not a single app."
        ),
        "mitid.too_many_apps": QCoreApplication.translate("messages", "The citizen already has {limit} active apps: {apps}. Block one first."),
        "mitid.changed_by_another_desk": QCoreApplication.translate("messages",
            "Another desk changed this MitID at the same moment. Nothing was saved; look again and retry."
        ),
        "visit.ended": QCoreApplication.translate("messages", "This visit has ended. Check the citizen in again to act."),
        "mitid.app_without_users": QCoreApplication.translate(
            "messages", "The app has no users left and cannot be reopened; the citizen activates a new app."
        ),
        "mitid.unknown_method": QCoreApplication.translate("messages", "That method does not belong to this citizen's MitID."),
        "mitid.no_active_apps": QCoreApplication.translate("messages", "The citizen has no active app to block."),
        "mitid.whole_mitid_already_blocked": QCoreApplication.translate("messages", "The whole MitID is already blocked."),
        "mitid.whole_mitid_blocked": QCoreApplication.translate("messages", "The whole MitID is blocked. A supervisor must lift the block first."),
        "mitid.permanent_block": QCoreApplication.translate("messages", "A permanent block can never be reopened; the citizen activates a new app."),
        "mitid.not_blocked": QCoreApplication.translate("messages", "That method is not blocked."),
        "mitid.supervisor_only": QCoreApplication.translate("messages", "Only a supervisor can do this."),
        "mitid.whole_mitid_not_blocked": QCoreApplication.translate("messages", "The MitID is not blocked."),
        "mitid.new_identity_check_needed": QCoreApplication.translate("messages", "Check the citizen's photo ID again first: lifting the block needs a new identity check made after the block."),
        "mitid.unknown_app_user": QCoreApplication.translate("messages", "That person is not a user of the app."),
        "mitid.app_details_missing": QCoreApplication.translate("messages", "Type the phone or tablet model and the user."),
        "mitid.choose_app": QCoreApplication.translate("messages", "Choose the app in the list of methods first."),
        "mitid.choose_method": QCoreApplication.translate("messages", "Choose the blocked method in the list first."),
        "mitid.nothing_to_reopen": QCoreApplication.translate(
            "messages", "No method is temporarily blocked: only a block for too many wrong tries can be reopened."
        ),
        "mitid.no_app_users": QCoreApplication.translate("messages", "The app has no users to remove."),
        "arrival.too_early": QCoreApplication.translate("messages", "Too early for the appointment. Come back from {come_back_local}."),
        "arrival.not_found": QCoreApplication.translate("messages", "No appointment today for that booking code, CPR number or name."),
        "arrival.how": QCoreApplication.translate("messages", "Type a booking code, a CPR number, or a name and birth date."),
        "booking.taken": QCoreApplication.translate("messages", "That time is taken. The next free time is {next_free_local}."),
        "booking.taken_none_free": QCoreApplication.translate("messages",
            "That time is taken, and no later time is free for this service in the {horizon_days} days that can "
            "be booked. Offer a walk-in, or another service's time if it fits the errand."
        ),
        "booking.too_soon": QCoreApplication.translate("messages", "Too soon: the earliest time that can be booked is {earliest_local}."),
        "booking.too_many_open": QCoreApplication.translate("messages",
            "The citizen already has as many open bookings as allowed ({limit}): {open_bookings}. "
            "Move or cancel one of them first."
        ),
        "booking.closed": QCoreApplication.translate("messages", "The centre or the counter is closed at that time."),
        "booking.counter_does_not_serve": QCoreApplication.translate("messages", "That counter does not offer this service."),
        "appointment.not_today": QCoreApplication.translate(
            "messages", "This appointment is for {booked_for_local}, not today. Move it, or serve the citizen as a walk-in "
            "if there is room."
        ),
        "appointment.passed": QCoreApplication.translate("messages",
            "This appointment was at {booked_for_local} and its late window has passed: it cannot be cancelled or "
            "moved. Mark it as a no-show, and book a new time if the citizen wants one."
        ),
        "appointment.passed_confirmation": QCoreApplication.translate("messages",
            "This appointment was at {booked_for_local} and its late window has passed: no confirmation is "
            "written for a time the citizen no longer has. Mark it as a no-show, and book a new time if the "
            "citizen wants one."
        ),
        "appointment.not_yet_due": QCoreApplication.translate(
            "messages", "The citizen may still come: a no-show can be marked once the late window has passed."
        ),
        "settings.supervisor_only": QCoreApplication.translate("messages", "Only a supervisor can change the centre's settings."),
        "audit.supervisor_only": QCoreApplication.translate("messages", "Only a supervisor can verify the audit trail."),
        "settings.out_of_range": QCoreApplication.translate("messages", "Choose a number from {low} to {high}."),
        "settings.bad_hours": QCoreApplication.translate("messages", "An opening time must come before the closing time."),
        "centre.not_found": QCoreApplication.translate("messages", "This desk's centre is not in the database (any more). Sign in again; ask IT support if it fails."),
        "counter.not_found": QCoreApplication.translate("messages", "That counter no longer exists, or is not this centre's."),
        "service.not_found": QCoreApplication.translate("messages", "The service '{query}' does not exist."),
        "closure.not_found": QCoreApplication.translate("messages", "That closed day or absence no longer exists; it may have been removed at another desk."),
        "settings.unknown": QCoreApplication.translate("messages", "'{key}' is not one of the centre's settings. Nothing was saved."),
        "purge.days": QCoreApplication.translate("messages", "Appointments can be deleted after 1 day at the earliest, not after {days}."),
        "ticket.not_called": QCoreApplication.translate("messages", "That ticket has not been called."),
        "ticket.not_found": QCoreApplication.translate("messages", "That ticket no longer exists, or is not this centre's."),
        "ticket.already_served": QCoreApplication.translate("messages", "That ticket is already being served."),
        "ticket.has_appointment": QCoreApplication.translate("messages", "That ticket has an appointment: the citizen is served from it."),
        "ticket.called_by_other": QCoreApplication.translate("messages", "That ticket was called by another clerk."),
        "ticket.no_citizen": QCoreApplication.translate("messages", "Find the citizen first."),
        "ticket.other_citizen": QCoreApplication.translate("messages", "That ticket belongs to another citizen."),
        "visit.other_clerk": QCoreApplication.translate("messages", "The visit was opened by {clerk}."),
        "queue.busy": QCoreApplication.translate("messages", "Many desks are issuing tickets at once; try again."),
        "queue.walk_ins_wait": QCoreApplication.translate("messages",
            "Walk-ins are waiting ({waiting}), but none can be served before this counter's appointment at "
            "{starts_at_local}. A counter with free time can take them."
        ),
        "queue.walk_ins_wait_begun": QCoreApplication.translate("messages",
            "Walk-ins are waiting ({waiting}), but this counter's appointment at {starts_at_local} has begun and "
            "its citizen may still arrive. Mark the no-show once the late window has passed, or let a counter "
            "with free time take the walk-ins."
        ),
        "mrz.unrecognised_format": QCoreApplication.translate("messages",
            "The text is not a machine readable zone: a passport or visa has 2 lines of 44 characters, "
            "an ID card 3 lines of 30 or 2 lines of 36, an EU driving licence 1 line of 30."
        ),
        "mrz.not_a_licence_line": QCoreApplication.translate("messages",
            "That is not a driving licence line: it is one line of 30 characters starting with D."
        ),
        "mrz.invalid_characters": QCoreApplication.translate("messages", "The machine readable zone may only hold A-Z, 0-9 and '<'."),
        "scan.unreadable_image": QCoreApplication.translate("messages", "The file could not be opened as an image or PDF: it is damaged or too large. Scan the document again."),
        "scan.no_mrz": QCoreApplication.translate("messages",
            "No machine readable zone was found in the image. Scan again with the whole page in view, "
            "or type the lines."
        ),
        "scan.no_mrz_in_time": QCoreApplication.translate("messages",
            "The reader found no machine readable zone within its time limit ({seconds} s). Take a sharper "
            "picture with the zone large and straight, or type the lines."
        ),
        "scan.pdf_without_image": QCoreApplication.translate("messages",
            "The PDF holds no scanned image, only text or drawings. Scan the document again, or type the lines."
        ),
        "scan.cancelled": QCoreApplication.translate("messages", "Reading stopped."),
        "camera.picture_not_saved": QCoreApplication.translate("messages",
            "The camera's picture could not be written to this computer's temporary folder. Take it again, "
            "or type the lines."
        ),
        "licence.bad_country": QCoreApplication.translate("messages", "'{value}' is not the country of an EU or EEA licence."),
        "licence.mrz_line_required": QCoreApplication.translate("messages",
            "A licence from {country} is checked by its machine readable line: read it with the counter reader "
            "or type it."
        ),
        "licence.bad_mrz_line": QCoreApplication.translate("messages",
            "The licence line has 30 characters (A-Z, 0-9 and '<') and starts with D."
        ),
        "licence.bad_number": QCoreApplication.translate("messages",
            "'{value}' is not a licence number: at most {max_length} letters and digits."
        ),
        "licence.bad_danish_number": QCoreApplication.translate("messages",
            "'{value}' is not a Danish licence number: it has 8 digits."
        ),
        "licence.missing_surname": QCoreApplication.translate("messages", "Type the surname as printed on the licence."),
        "licence.birth_date_in_future": QCoreApplication.translate("messages", "The birth date lies in the future."),
        "licence.expiry_before_birth": QCoreApplication.translate("messages", "The expiry date lies before the birth date."),
        "scan.ocr_unavailable": QCoreApplication.translate("messages",
            "The text recognition is not installed completely on this computer. Type the lines instead."
        ),
        "scan.model_missing": QCoreApplication.translate("messages",
            "The scanner's character model has not been built on this computer (run 'make ocrb-model'). "
            "Type the lines instead."
        ),
        "identity.image_unreadable": QCoreApplication.translate("messages",
            "The scanned image could not be read again to keep it. Nothing was saved; scan again."
        ),
        "storage.unavailable": QCoreApplication.translate("messages",
            "The database cannot be reached. Nothing was saved; try again in a moment."
        ),
        "citizen.being_served": QCoreApplication.translate("messages",
            "This citizen is already being served: a visit opened by {clerk} is still open. Finish that visit first."
        ),
        "booking.citizen_busy": QCoreApplication.translate("messages",
            "The citizen already has a booking at that time: {booking_code} at {counter}, {starts_at_local}. "
            "Move or cancel that one first."
        ),
        "receipt.unknown": QCoreApplication.translate("messages", "That receipt is not one of this citizen's."),
        "receipt.not_here": QCoreApplication.translate("messages",
            "Receipt {reference} is not in this desk's archive: it was made at another desk, or it is filed when "
            "this desk starts next time. Ask the operator for it."
        ),
        "storage.outcome_unknown": QCoreApplication.translate("messages",
            "The database stopped answering while the action was being saved, so it may or may not be saved. "
            "Look at the citizen's MitID history before doing it again. If it was saved, its receipt is "
            "finished when the desk starts next time."
        ),
        "text.too_long": QCoreApplication.translate("messages",
            "{field_name} is too long: at most {limit} characters. Nothing was saved."
        ),
        "text.invalid_characters": QCoreApplication.translate("messages",
            "{field_name} holds a control character that cannot be saved (e.g. from a paste). Type it again."
        ),
        "startup.database_too_new": QCoreApplication.translate("messages",
            "The database was set up by a newer version of Borgerservice Desk (revision {revision}). "
            "This version does not understand it and has changed nothing. Install the newer version."
        ),
        "startup.database_corrupt": QCoreApplication.translate("messages",
            "The database file {path} is damaged or is not a database ({detail}). Nothing was written to it. "
            "Restore yesterday's backup ('restore' command) or ask IT support."
        ),
        "startup.database_locked": QCoreApplication.translate("messages",
            "The database {path} is locked by another program. Close the other Borgerservice Desk or "
            "backup, then start again."
        ),
        "startup.restore_running": QCoreApplication.translate("messages",
            "A backup is being restored into the data folder {path}. Start Borgerservice Desk again when "
            "the restore has finished."
        ),
        "startup.data_dir_unusable": QCoreApplication.translate("messages",
            "The data folder {path} cannot be used ({detail}). Choose another with --data-dir or ask IT support."
        ),
        "startup.unknown_database_url": QCoreApplication.translate("messages",
            "The database address starts with '{scheme}', which Borgerservice Desk cannot use. "
            "Give an SQLite file or postgresql://user@host/database."
        ),
        "startup.database_permission_denied": QCoreApplication.translate("messages",
            "The database server refused Borgerservice Desk: the database user lacks the rights to set up or "
            "read the desk's tables ({detail}). Nothing was changed. Ask IT support to give the user those "
            "rights, or to set the database up once with a user that has them."
        ),
        "startup.database_refused": QCoreApplication.translate("messages",
            "The database server refused to set up the database ({detail}). Nothing was changed. If another "
            "desk is starting at the same moment, start again in a minute; otherwise ask IT support."
        ),
        "backup.no_folder": QCoreApplication.translate("messages",
            "The folder {path} is not there (is the backup drive connected?). Give a folder that exists, or a "
            "file name ending in .tar. Nothing was written."
        ),
        "backup.checksum_mismatch": QCoreApplication.translate("messages",
            "The backup is damaged: {file} does not match its checksum. Nothing was restored."
        ),
        "backup.not_a_backup": QCoreApplication.translate("messages",
            "{path} is not a Borgerservice Desk backup ({detail}). Nothing was restored."
        ),
        "backup.unknown_revision": QCoreApplication.translate("messages",
            "The backup was made by a newer version of Borgerservice Desk (revision {revision}). Nothing was restored."
        ),
        "backup.target_newer": QCoreApplication.translate("messages",
            "The database here was set up by a newer version of Borgerservice Desk (revision {target}) than "
            "this one, which cannot restore over it. Nothing was restored."
        ),
        "backup.desk_running": QCoreApplication.translate("messages",
            "Borgerservice Desk is open on this data folder ({path}). Close every desk window on this PC "
            "first, then restore again. Nothing was restored."
        ),
        "backup.database_busy": QCoreApplication.translate("messages",
            "The database {path} stayed busy with another desk's work, so nothing was restored and nothing "
            "was changed. Try again in a moment."
        ),
        "backup.restore_failed": QCoreApplication.translate("messages",
            "The backup's database could not be copied into place ({detail}). Nothing was changed."
        ),
        "backup.sqlite_only": QCoreApplication.translate("messages",
            "Restoring is for an SQLite database; for PostgreSQL use pg_restore."
        ),
        # Identity assurance and getting a working method again (issue 14).
        "assurance.insufficient": QCoreApplication.translate("messages",
            "Not yet: the citizen's identity is not established well enough for this. Missing: {gaps}."
        ),
        "document.use_identity_check": QCoreApplication.translate("messages",
            "A passport, ID card, residence permit or driving licence is checked in the identity check, not typed here."
        ),
        "document.bad_issuer": QCoreApplication.translate("messages",
            "'{value}' is not a country code: type the three letters, e.g. DNK."
        ),
        "document.bad_number": QCoreApplication.translate("messages", "A document number has only letters and digits."),
        "questions.too_few_facts": QCoreApplication.translate("messages",
            "The register knows too little about the citizen to ask {asked} questions. Use a witness instead."
        ),
        "questions.too_many_failed": QCoreApplication.translate("messages",
            "The citizen has failed the control questions {failed} times within a day: no more are drawn. Use a "
            "witness instead."
        ),
        "questions.not_all_answered": QCoreApplication.translate("messages", "Mark every question right or wrong first."),
        "questions.already_marked": QCoreApplication.translate("messages", "These questions are already marked. Draw new ones."),
        "questions.not_found": QCoreApplication.translate("messages", "Those questions do not belong to this visit. Draw new ones."),
        "questions.policy": QCoreApplication.translate("messages",
            "The centre's settings ask for more right answers than questions. A supervisor must correct them."
        ),
        "settings.questions_policy": QCoreApplication.translate("messages",
            "More right answers ({required}) than questions asked ({asked}) could never pass. Nothing was changed."
        ),
        "witness.not_found": QCoreApplication.translate("messages", "No citizen with that CPR number: the witness must be in the register."),
        "witness.is_citizen": QCoreApplication.translate("messages", "The citizen cannot be their own witness."),
        "witness.too_young": QCoreApplication.translate("messages", "A witness must be at least {min_age} years old."),
        "witness.no_mitid": QCoreApplication.translate("messages", "The witness has no MitID that works."),
        "witness.mitid_too_new": QCoreApplication.translate("messages",
            "The witness must have had MitID for more than {min_days} days."
        ),
        "witness.no_photo_id": QCoreApplication.translate("messages", "The witness must show valid photo ID."),
        "witness.mitid_not_shown": QCoreApplication.translate("messages", "The witness must show their own MitID."),
        "witness.limit_reached": QCoreApplication.translate("messages",
            "This witness has already vouched for {limit} people within {days} days and cannot vouch for more now."
        ),
        "activation_code.validity": QCoreApplication.translate("messages",
            "An activation code is valid from {min_hours} hour to {max_days} days. A supervisor must correct the setting."
        ),
        "mitid.already_issued": QCoreApplication.translate("messages",
            "The citizen already has a MitID: give them a new method instead."
        ),
        "device.bad_serial": QCoreApplication.translate("messages",
            "A serial number has 6 to 20 letters and digits, as printed on the device."
        ),
        "device.not_found": QCoreApplication.translate("messages", "No device with serial number {serial} in this centre's stock."),
        "device.not_a_device": QCoreApplication.translate("messages", "That is not a code display, audio code reader or chip."),
        "device.not_in_stock": QCoreApplication.translate("messages",
            "The device {serial} is not in stock: it has been handed out or withdrawn."
        ),
        "device.already_has_one": QCoreApplication.translate("messages",
            "The citizen already has a working device of that kind ({serial}). Block it first if it is lost."
        ),
    }
    code = error.code
    if code == "licence.bad_number" and p.get("danish"):
        code = "licence.bad_danish_number"  # the Danish number has its own, stricter form
    if code == "booking.taken" and not p.get("next_free"):
        code = "booking.taken_none_free"  # nothing free within the horizon: no time to name
    if code == "appointment.passed" and p.get("confirmation"):
        code = "appointment.passed_confirmation"  # Ctrl+P, not a cancel or move, was refused
    if code == "queue.walk_ins_wait" and p.get("begun"):
        code = "queue.walk_ins_wait_begun"  # the booked citizen is late but may still come
    template = texts.get(code)
    if template is None:
        return QCoreApplication.translate("messages", "The action was refused ({code}).").format(code=error.code)
    values = dict(p)
    for key in ("come_back", "next_free", "earliest", "until", "booked_for"):
        # Times travel as ISO text in UTC; the clerk reads them as local day and time.
        values[f"{key}_local"] = _local(values.get(key))
    if "starts_at" in values:  # an appointment of today at this counter: its time says it
        values["starts_at_local"] = _local(values["starts_at"], time_only=True)
    if "field" in values:
        values["field_name"] = _field_name(str(values["field"]))
    if "missing" in values:
        values["gaps"] = ", ".join(_gap(str(gap)) for gap in values["missing"])
    if isinstance(values.get("seconds"), float):
        values["seconds"] = QLocale().toString(values["seconds"], "g", 3)  # "4", "0,5": the clerk's decimal comma
    if "active_apps" in values:
        values["apps"] = ", ".join(str(a) for a in values["active_apps"])
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return template


def describe_gap(code: str) -> str:
    """What an errand still needs, for the visit's overview (ui/recovery_panel.py)."""
    return _gap(code)


def _gap(code: str) -> str:
    """What an errand still needs (domain/assurance/errands.Gap), as the clerk says it to the citizen."""
    return {
        "photo_id": QCoreApplication.translate("messages", "a valid photo ID"),
        "cpr_document": QCoreApplication.translate("messages", "a Danish document that shows the CPR number"),
        "stronger_document": QCoreApplication.translate("messages",
            "a stronger document (e.g. a Danish passport with CPR number)"
        ),
        "questions_or_witness": QCoreApplication.translate("messages", "control questions answered, or a witness"),
    }.get(code, code)


def describe_no_clerks() -> str:
    """At start-up, a database nobody can sign in to: not a demo, and not set up yet."""
    return QCoreApplication.translate("messages",
        "No clerk can sign in to this database. Set up the centre and its first supervisor with "
        "'python main.py init', then start again."
    )


def _field_name(field: str) -> str:
    """The name of a text field, as the clerk sees it, for "text.*" messages."""
    names = {
        "purpose": QCoreApplication.translate("messages", "The purpose"),
        "username": QCoreApplication.translate("messages", "The user name"),
        "password": QCoreApplication.translate("messages", "The password"),
        "query": QCoreApplication.translate("messages", "The search text"),
        "user_id": QCoreApplication.translate("messages", "The MitID user ID"),
        "cpr": QCoreApplication.translate("messages", "The CPR number"),
        "name": QCoreApplication.translate("messages", "The name"),
        "booking_code": QCoreApplication.translate("messages", "The booking code"),
        "closure_reason": QCoreApplication.translate("messages", "The reason"),
        "model": QCoreApplication.translate("messages", "The phone or tablet model"),
        "device_name": QCoreApplication.translate("messages", "The device name"),
        "app_user": QCoreApplication.translate("messages", "The app user"),
        "surname": QCoreApplication.translate("messages", "The surname"),
        "given_names": QCoreApplication.translate("messages", "The given names"),
        "licence_number": QCoreApplication.translate("messages", "The licence number"),
        "licence_line": QCoreApplication.translate("messages", "The licence line"),
        "mrz": QCoreApplication.translate("messages", "The machine readable zone"),
        "full_name": QCoreApplication.translate("messages", "The full name"),
        "centre_name": QCoreApplication.translate("messages", "The centre's name"),
        "centre_address": QCoreApplication.translate("messages", "The centre's address"),
        "desk": QCoreApplication.translate("messages", "The desk's name"),
    }
    return names.get(field, QCoreApplication.translate("messages", "The text"))


def describe_image_not_kept(notice: ImageNotKept) -> str:
    """Why a check was saved without its image although the centre keeps images."""
    locale = QLocale()  # the clerk's decimal comma in Danish
    return QCoreApplication.translate("messages",
        "The check is saved, but the document image was not kept: the file is {size_mb} MB and at most "
        "{limit_mb} MB can be kept. Scan at a lower resolution if the image must be kept."
    ).format(size_mb=locale.toString(notice.size_mb, "f", 1), limit_mb=locale.toString(notice.limit_mb))


def describe_audit_verification(result: Verification) -> str:
    """What the supervisor is told after verifying the audit trail: intact, or the first broken entry."""
    broken = result.first_break
    if broken is None:
        return QCoreApplication.translate("messages",
            "The audit trail is intact: {entries} entries, none changed or removed.\n\n"
            "The last entry's fingerprint is {hash}. Kept somewhere else, it shows later whether the whole "
            "trail was rewritten."
        ).format(entries=result.entries, hash=result.head_hash)
    reasons = {
        BreakReason.CONTENT_CHANGED: QCoreApplication.translate("messages", "its content was changed after it was written"),
        BreakReason.PREVIOUS_MISMATCH: QCoreApplication.translate("messages",
            "it does not follow the entry before it (that one was changed or replaced)"
        ),
        BreakReason.MISSING: QCoreApplication.translate("messages", "it is missing: it was removed from the trail"),
        BreakReason.END_MISSING: QCoreApplication.translate("messages",
            "it and the entries after it are missing: they were removed from the end of the trail"
        ),
        BreakReason.HEAD_MISMATCH: QCoreApplication.translate("messages",
            "the last entry is not the one the trail recorded last"
        ),
        BreakReason.AFTER_HEAD: QCoreApplication.translate("messages", "it was added outside the program"),
    }
    if broken.entry_id is None:
        where = QCoreApplication.translate("messages", "entry no. {seq}").format(seq=broken.seq)
    else:
        where = QCoreApplication.translate("messages", "entry no. {seq} (id {id})").format(seq=broken.seq, id=broken.entry_id)
    return QCoreApplication.translate("messages",
        "The audit trail has been tampered with. The first broken entry is {where}: {reason}.\n\n"
        "Report it to the centre's management; the entries before it are intact."
    ).format(where=where, reason=reasons[broken.reason])


def _local(iso: object, *, time_only: bool = False) -> str:
    from datetime import datetime

    from ui.dates import moment_text, time_text

    if not isinstance(iso, str):
        return "-"
    moment = datetime.fromisoformat(iso)
    return time_text(moment) if time_only else moment_text(moment)
