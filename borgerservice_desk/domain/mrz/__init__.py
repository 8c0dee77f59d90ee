"""Machine readable zones: ICAO Doc 9303 (parts 3 to 7) and the one-line EU driving licence (ISO/IEC 18013-3).

- `layouts`: the formats and where each field sits, the one home of every per-position fact;
- `checks`: the check digits, made from the layouts;
- `parsing`: text to an `MrzDocument`, recording (not raising) failed check digits;
- `live_checks`: each check digit's state while an MRZ is typed;
- `rules`: the rules beyond the check digits (document code, country codes, sex, name structure) and the
  marks of characters in doubt;
- `spelling`: how national letters are spelled in the A-Z of an MRZ;
- `corrections`: whether lines are a reading corrected by the clerk or another document's lines.

The names below are the package's public face; import them from here.
"""

from borgerservice_desk.domain.mrz.checks import (
    CheckDigitPlace,
    CheckState,
    character_value,
    check_digit,
    check_digit_places,
)
from borgerservice_desk.domain.mrz.corrections import corrects
from borgerservice_desk.domain.mrz.layouts import (
    FILLER,
    FR_START,
    MRZ_CHARACTERS,
    MrzFormat,
    Span,
    formats_of_shape,
    name_and_country_spans,
    optional_data_spans,
    position_characters,
)
from borgerservice_desk.domain.mrz.live_checks import LiveCheck, LiveChecks, live_checks
from borgerservice_desk.domain.mrz.parsing import (
    RESIDENCE_CARD_CODES,
    DocumentKind,
    MrzDocument,
    clean_mrz_text,
    dl1_configuration,
    document_kind_of,
    is_french_id,
    mask_personal_numbers,
    parse_birth_date,
    parse_dl1,
    parse_expiry_date,
    parse_mrz,
)
from borgerservice_desk.domain.mrz.rules import (
    FAR_AHEAD_YEARS,
    CompareWhole,
    Doubt,
    DoubtReason,
    current_doubts,
    dated_doubts,
    issuer_number_characters,
    rule_doubts,
)

__all__ = [
    "FAR_AHEAD_YEARS",
    "FILLER",
    "FR_START",
    "MRZ_CHARACTERS",
    "RESIDENCE_CARD_CODES",
    "CheckDigitPlace",
    "CheckState",
    "CompareWhole",
    "DocumentKind",
    "Doubt",
    "DoubtReason",
    "LiveCheck",
    "LiveChecks",
    "MrzDocument",
    "MrzFormat",
    "Span",
    "character_value",
    "check_digit",
    "check_digit_places",
    "clean_mrz_text",
    "corrects",
    "current_doubts",
    "dated_doubts",
    "dl1_configuration",
    "document_kind_of",
    "formats_of_shape",
    "is_french_id",
    "issuer_number_characters",
    "live_checks",
    "mask_personal_numbers",
    "name_and_country_spans",
    "optional_data_spans",
    "parse_birth_date",
    "parse_dl1",
    "parse_expiry_date",
    "parse_mrz",
    "position_characters",
    "rule_doubts",
]
