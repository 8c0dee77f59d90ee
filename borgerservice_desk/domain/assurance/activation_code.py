"""The activation code from Borgerservice for a new MitID app (shared/DOMAIN.md, "Getting going again").

With their user ID and this code the citizen activates a new app (then a temporary PIN comes by SMS). So:
- it is issued only when the errand's identity requirements are met (`errands.Errand.ACTIVATION_CODE`), the
  whole MitID is not blocked, and fewer than three apps are active (otherwise the clerk names the three and
  offers to block one first: `mitid.ensure_room_for_new_app`);
- it is random (the `secrets` module), shown once and printed on a slip for the citizen only;
- it is stored only as a salted, slow hash with its expiry, never in a receipt or the audit trail;
- it is valid for a limited time (a centre setting);
- issuing a new code supersedes every unused, unexpired older one, so only one code works at a time.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import random
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from borgerservice_desk.domain.mitid import Identity, IdentityState, ensure_room_for_new_app
from borgerservice_desk.errors import RuleViolation

# No 0/O, 1/I/L: the citizen types the code from paper.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
GROUPS = 3
GROUP_LENGTH = 4  # 12 characters of 31: about 59 bits
VALIDITY_DEFAULT = timedelta(days=7)
VALIDITY_MIN = timedelta(hours=1)
VALIDITY_MAX = timedelta(days=30)
# scrypt: memory-hard, in the standard library; the cost makes a stolen database slow to search.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1


class CodeState(enum.StrEnum):
    VALID = "valid"
    USED = "used"
    SUPERSEDED = "superseded"
    EXPIRED = "expired"


@dataclass(frozen=True)
class IssuedCode:
    """A code as stored: never the code itself."""

    id: int
    issued_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
    superseded_at: datetime | None = None

    def state(self, now: datetime) -> CodeState:
        if self.used_at is not None:
            return CodeState.USED
        if self.superseded_at is not None:
            return CodeState.SUPERSEDED
        if now >= self.expires_at:
            return CodeState.EXPIRED
        return CodeState.VALID


@dataclass(frozen=True)
class NewCode:
    code: str  # shown once, printed on the citizen's slip, then forgotten
    code_hash: str
    issued_at: datetime
    expires_at: datetime
    supersedes: tuple[int, ...]


def generate(rng: random.Random | None = None) -> str:
    chooser = rng or secrets.SystemRandom()
    groups = ("".join(chooser.choice(ALPHABET) for _ in range(GROUP_LENGTH)) for _ in range(GROUPS))
    return "-".join(groups)


def normalise(code: str) -> str:
    return code.replace("-", "").replace(" ", "").upper()


def hash_code(code: str, salt: bytes | None = None) -> str:
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(normalise(code).encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P)
    return f"scrypt${salt.hex()}${digest.hex()}"


def matches(code: str, stored: str) -> bool:
    scheme, salt_hex, digest_hex = stored.split("$")
    if scheme != "scrypt":
        return False
    expected = hash_code(code, bytes.fromhex(salt_hex)).split("$")[2]
    return hmac.compare_digest(expected, digest_hex)


def check_validity(validity: timedelta) -> None:
    if not VALIDITY_MIN <= validity <= VALIDITY_MAX:
        raise RuleViolation("activation_code.validity", min_hours=1, max_days=VALIDITY_MAX.days)


def check_can_issue(identity: Identity) -> None:
    """Before anything is printed: the whole MitID must work and there must be room for another app."""
    if identity.state is IdentityState.BLOCKED:
        raise RuleViolation("mitid.whole_mitid_blocked")
    ensure_room_for_new_app(identity.methods)


def decide_issue(
    identity: Identity,
    earlier: Sequence[IssuedCode],
    *,
    now: datetime,
    validity: timedelta = VALIDITY_DEFAULT,
    rng: random.Random | None = None,
) -> NewCode:
    check_validity(validity)
    check_can_issue(identity)
    code = generate(rng)
    superseded = tuple(c.id for c in earlier if c.state(now) is CodeState.VALID)
    return NewCode(code, hash_code(code), now, now + validity, superseded)


def used_by_activation(issued: Sequence[IssuedCode], now: datetime) -> int | None:
    """The code an app activated now used: the citizen's valid code, if one is out (issuing a code supersedes
    the earlier valid ones, so at most one is). None: the app was activated some other way (with a working
    method), and no code changes state."""
    valid = [c for c in issued if c.state(now) is CodeState.VALID]
    return max(valid, key=lambda c: c.issued_at).id if valid else None
