"""Recognising a counter MRZ reader that types like a keyboard ("keyboard wedge").

A wedge reader types the lines of the machine readable zone as key presses, wherever the focus is. What
tells it apart from a clerk is speed: a reader sends its characters a few milliseconds apart (one USB
report per key press and release; serial-to-keyboard converters are no slower), while a human, even a
fast typist rolling two keys, leaves 35 ms or more between most keys and never keeps that up for a dozen
keys. So a run of MRZ-shaped keys, each at most `MAX_GAP_SECONDS` after the one before and at least
`MIN_BURST` MRZ characters long, is a reader; anything else is a clerk.

The detector is fed one keystroke at a time (`feed`) and says what to do with it (`Step`):

- HOLD: keep it back for now; it may be the start of a reader's burst. If it is not, a later step hands
  it back (`Step.released`, in the order typed), so a clerk's typing arrives a moment late but intact.
- PASS: deliver it now (after any keystrokes released by the same step).
- SWALLOW: drop it: it belongs to a burst that has been recognised.

When a burst has ended, `Step.burst` carries its lines; the held keystrokes were the reader's and are
dropped. Lines end in CR, LF or CRLF (empty lines are ignored, so CRLF is one end of line); framing is
stripped: control characters such as STX (0x02) and ETX (0x03), and an AIM symbology identifier (']', a
code character and a modifier character, e.g. "]Q1" or "]o0", which scanners put in front of the data
when configured to). A burst ends as soon as its lines have the shape of a complete MRZ (one line of 30
starting with 'D' for an EU driving licence, three of 30, two of 36 or two of 44); a reader that does
not end its last line ends it by falling silent (`flush`, which the caller runs when `MAX_GAP_SECONDS`
have passed without a key). A fast burst of the wrong shape still comes back as a burst, marked
incomplete, so the clerk sees what the reader sent instead of having it typed into a button or a list.

Pure Python and no Qt: the window feeds it key events, tests feed it characters.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from borgerservice_desk.domain.mrz import MRZ_CHARACTERS as MRZ_CHARACTERS  # ui.wedge_filter takes it from here
from borgerservice_desk.domain.mrz import MrzFormat

# 35 ms: a keyboard-wedge reader sends a key every 2 to 20 ms (the USB keyboard report rate, or the
# reader's configurable inter-character delay, which is 0 to 10 ms by default). Human inter-key
# intervals average 100 to 250 ms; a fast typist's rolled key pairs can come closer than 35 ms, but
# only two or three keys at a time, which `MIN_BURST` rules out.
MAX_GAP_SECONDS = 0.035
# The shortest MRZ line is 30 characters; a run of 12 is already far beyond any human at < 35 ms a key
# (that would be over 340 words a minute), while still catching a reader that stalls mid-line.
MIN_BURST = 12
AIM_FLAG = "]"
LINE_ENDS = frozenset("\r\n")
# Editing keys a clerk presses on their own: never taken for framing at the start of a burst.
_HUMAN_CONTROL_KEYS = frozenset("\b\t\x1b\x7f")
# Complete MRZ shapes of more than one line: (line count, line length), from the domain's layouts.
_SHAPES = frozenset((f.line_count, f.line_length) for f in MrzFormat if f.line_count > 1)


class Action(enum.Enum):
    PASS = "pass"
    HOLD = "hold"
    SWALLOW = "swallow"


@dataclass(frozen=True)
class Burst:
    """What a reader typed: its lines with framing and line ends stripped."""

    lines: tuple[str, ...]
    complete: bool  # the lines have the shape of a whole MRZ

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class Step:
    action: Action
    released: str = ""  # held keystrokes that were a clerk's after all: deliver them first, in this order
    burst: Burst | None = None  # a burst ended: the keystrokes held until now were its own; drop them


def is_complete_mrz(lines: tuple[str, ...] | list[str]) -> bool:
    """True when `lines` have the shape of a whole MRZ (not whether their check digits are right)."""
    if len(lines) == 1:
        licence = MrzFormat.DL1
        return len(lines[0]) == licence.line_length and lines[0].startswith(tuple(licence.code_letters))
    return (len(lines), len(lines[0])) in _SHAPES and len({len(line) for line in lines}) == 1


def _split_run(text: str) -> tuple[str, ...] | None:
    """A reader that sends no line ends at all: cut one run into lines where its length allows one shape."""
    for count, length in sorted(_SHAPES, reverse=True):
        if len(text) == count * length:
            return tuple(text[i * length : (i + 1) * length] for i in range(count))
    return None


@dataclass
class _Candidate:
    """The keystrokes held since a possible burst began, and the lines they make so far."""

    keys: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    current: list[str] = field(default_factory=list)
    mrz_characters: int = 0
    aim_left: int = 0  # characters of an AIM identifier still to skip


class WedgeDetector:
    """Tells a reader's burst of keys from a clerk's typing; see the module docstring."""

    def __init__(self, *, max_gap: float = MAX_GAP_SECONDS, min_burst: int = MIN_BURST) -> None:
        self.max_gap = max_gap
        self.min_burst = min_burst
        self._held = _Candidate()
        self._last_time: float | None = None
        self._burst_ended_at: float | None = None  # trailing line ends and framing after it are its own

    @property
    def holding(self) -> bool:
        return bool(self._held.keys)

    def feed(self, char: str, timestamp: float) -> Step:
        """One keystroke: `char` is the text it types ("" for a key that types nothing, such as an arrow
        or a key with Ctrl or Alt held); `timestamp` in seconds, from any clock that only moves forward."""
        ended = Step(Action.PASS)
        fast = self._last_time is not None and timestamp - self._last_time <= self.max_gap
        if self._burst_ended_at is not None:
            tail = timestamp - self._burst_ended_at <= self.max_gap
            self._burst_ended_at = None
            if tail and _is_framing_or_line_end(char):
                self._burst_ended_at = timestamp
                self._last_time = timestamp
                return Step(Action.SWALLOW)
        if self.holding and not fast:
            ended = self.flush()
        self._last_time = timestamp
        if not self.takes(char):
            if self.holding:
                ended = self.flush()
            return Step(Action.PASS, ended.released, ended.burst)
        burst = self._add(char)
        if burst is not None:
            self._held = _Candidate()
            self._burst_ended_at = timestamp
            return Step(Action.SWALLOW, burst=burst)
        return Step(Action.HOLD, ended.released, ended.burst)

    def flush(self) -> Step:
        """The held keystrokes have ended (no key for `max_gap`, or a key that is no part of a burst):
        a long enough run is a burst, anything shorter is handed back."""
        held, self._held = self._held, _Candidate()
        if not held.keys:
            return Step(Action.PASS)
        if held.mrz_characters < self.min_burst:
            return Step(Action.PASS, released="".join(held.keys))
        lines = list(held.lines)
        if held.current:
            lines.append("".join(held.current))
        if len(lines) == 1 and not is_complete_mrz(lines):
            lines = list(_split_run(lines[0]) or lines)
        self._burst_ended_at = self._last_time
        return Step(Action.PASS, burst=Burst(tuple(lines), is_complete_mrz(lines)))

    # -----------------------------------------------------------------------------------------------
    def takes(self, char: str) -> bool:
        """Whether `char` may belong to a burst that is (or could be) under way right now."""
        held = self._held
        if len(char) != 1:
            return False
        if held.aim_left:
            return char.isprintable() and not char.isspace()
        if char in MRZ_CHARACTERS:
            return True
        if char == AIM_FLAG:
            return not held.current
        if char in LINE_ENDS:
            return self.holding
        if _is_control(char):
            return self.holding or char not in _HUMAN_CONTROL_KEYS
        return False

    def _add(self, char: str) -> Burst | None:
        held = self._held
        held.keys.append(char)
        if held.aim_left:
            held.aim_left -= 1
        elif char in MRZ_CHARACTERS:
            held.current.append(char)
            held.mrz_characters += 1
        elif char == AIM_FLAG:
            held.aim_left = 2
        elif char in LINE_ENDS and held.current:
            held.lines.append("".join(held.current))
            held.current = []
            if held.mrz_characters >= self.min_burst and is_complete_mrz(held.lines):
                return Burst(tuple(held.lines), True)
        return None


def _is_control(char: str) -> bool:
    return ord(char) < 0x20 or ord(char) == 0x7F


def _is_framing_or_line_end(char: str) -> bool:
    return len(char) == 1 and (_is_control(char) or char in LINE_ENDS)
