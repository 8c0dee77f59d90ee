"""How long free text may be, and which characters it may hold: one home for each limit.

`storage/models.py` sizes its String columns with these constants, and every service that takes text
from the clerk passes it through `checked_text` first. So PostgreSQL (which refuses NUL and text longer
than a column) and SQLite (which would take anything) refuse the same input the same way: with
InvalidInput "text.too_long" (field, limit) or "text.invalid_characters" (field), before anything is
written and before any query is sent.
"""

from __future__ import annotations

import unicodedata

from borgerservice_desk.errors import InvalidInput

# Columns (String(n) in storage/models.py).
PURPOSE_MAX = 200  # audit_entry.purpose: why a person was looked up
USERNAME_MAX = 60  # clerk.username
FULL_NAME_MAX = 120  # clerk.full_name
NAME_MAX = 120  # citizen.given_names, citizen.surname
CLOSURE_REASON_MAX = 120  # closure.reason
DEVICE_LABEL_MAX = 120  # mitid_method.label: the phone or tablet model, or a serial
DEVICE_NAME_MAX = 120  # mitid_method.device_name
NOTE_MAX = 200  # mitid_action.note: e.g. the user removed from an app
USER_ID_MAX = 40  # mitid_identity.user_id
BOOKING_CODE_MAX = 12  # appointment.booking_code
CENTRE_NAME_MAX = 120
ADDRESS_MAX = 200
TIMEZONE_MAX = 64
COUNTER_NAME_MAX = 60
SERVICE_CODE_MAX = 32
SERVICE_NAME_MAX = 80
AUDIT_ACTION_MAX = 60
SETTING_KEY_MAX = 60
FILE_NAME_MAX = 200
RECEIPT_REFERENCE_MAX = 40
MEDIA_TYPE_MAX = 64
DOCUMENT_KIND_MAX = 32
PASSWORD_HASH_MAX = 200
AUDIT_OUTCOME_MAX = 20
DESK_NAME_MAX = 120  # sign_in_lock.desk: a workstation's host name
SIGN_IN_KEY_MAX = 120  # sign_in_lock.name and .username: a clerk's name, a keyed hash or a desk

# Text that is never stored whole but is matched or hashed: bounded so it cannot be abused.
APP_USER_MAX = 120  # a person registered in a MitID app (stored in a JSON list and in the note)
PASSWORD_MAX = 200  # what argon2 hashes at sign-in
SEARCH_MAX = 200  # a name typed to search by name and birth date
CPR_TEXT_MAX = 40  # a CPR number as typed, with dashes and spaces
MRZ_TEXT_MAX = 400  # up to three lines of an MRZ, with what a reader adds between them
LICENCE_LINE_MAX = 60  # the DL1 line of a licence (30 characters) with spaces


def checked_text(value: str, field: str, max_len: int, *, multiline: bool = False) -> str:
    """`value` unchanged when it fits the limit and holds no control characters (NUL and the rest of
    Unicode's Cc, and lone surrogates that cannot be stored as UTF-8); line breaks and tabs only where
    `multiline`. Unicode's line and paragraph separators (U+2028, U+2029) are refused everywhere: a
    one-line field would break at them in a label or a log, and no keyboard or reader sends them.
    Raises InvalidInput "text.invalid_characters" (field) or "text.too_long" (field, limit).
    """
    for char in value:
        category = unicodedata.category(char)
        if category in ("Cc", "Cs", "Zl", "Zp") and not (multiline and char in "\n\r\t"):
            raise InvalidInput("text.invalid_characters", field=field)
    if len(value) > max_len:
        raise InvalidInput("text.too_long", field=field, limit=max_len, length=len(value))
    return value


def checked_optional_text(value: str | None, field: str, max_len: int) -> str | None:
    return None if value is None else checked_text(value, field, max_len)
