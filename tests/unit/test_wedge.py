"""The keyboard-wedge burst detector: a reader's fast MRZ typing is recognised, a clerk's typing is not."""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from borgerservice_desk.domain.wedge import (
    MAX_GAP_SECONDS,
    MIN_BURST,
    Action,
    Burst,
    Step,
    WedgeDetector,
    is_complete_mrz,
)

TD3 = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)
TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
)
TD2 = (
    "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
    "D231458907UTO7408122F1204159<<<<<<<6",
)
DL1 = ("D1NLD15094962111659SH6DL5KL1N3",)
READER_GAP = 0.004  # a USB reader: a key every few milliseconds


@dataclass
class Desk:
    """Runs the detector the way the window does: holds, hands back, drops; the timer flushes."""

    detector: WedgeDetector = field(default_factory=WedgeDetector)
    delivered: list[str] = field(default_factory=list)  # what reached the focused widget, in order
    bursts: list[Burst] = field(default_factory=list)
    held: list[str] = field(default_factory=list)
    now: float = 1000.0

    def type(self, text: str, gap: float) -> None:
        for char in text:
            if gap > MAX_GAP_SECONDS:
                self._apply(self.detector.flush(), "")  # the window's timer fired in the pause
            self.now += gap
            self._apply(self.detector.feed(char, self.now), char)

    def pause(self) -> None:
        self._apply(self.detector.flush(), "")
        self.now += 1.0

    def _apply(self, step: Step, char: str) -> None:
        if step.released:
            assert "".join(self.held[: len(step.released)]) == step.released
            self.delivered.extend(self.held[: len(step.released)])
            del self.held[: len(step.released)]
        if step.burst is not None:
            self.bursts.append(step.burst)
            self.held.clear()
        if char:
            if step.action is Action.HOLD:
                self.held.append(char)
            elif step.action is Action.PASS:
                self.delivered.append(char)


def test_a_passport_read_by_a_reader_is_one_burst_and_nothing_reaches_the_widget() -> None:
    desk = Desk()
    desk.type("\r".join(TD3) + "\r", READER_GAP)
    assert desk.bursts == [Burst(TD3, True)]
    assert desk.delivered == [] and desk.held == []


def test_each_document_shape_is_recognised_with_crlf() -> None:
    for lines in (TD1, TD2, TD3, DL1):
        desk = Desk()
        desk.type("\r\n".join(lines) + "\r\n", READER_GAP)
        desk.pause()
        assert desk.bursts == [Burst(lines, True)], lines
        assert desk.delivered == []


def test_stx_etx_and_an_aim_identifier_are_stripped() -> None:
    desk = Desk()
    desk.type("\x02]o0" + "\n".join(TD1) + "\n\x03", READER_GAP)
    desk.pause()
    assert desk.bursts == [Burst(TD1, True)]
    assert desk.delivered == []


def test_a_reader_that_ends_no_line_is_cut_into_lines_when_it_falls_silent() -> None:
    desk = Desk()
    desk.type("".join(TD3), READER_GAP)
    assert desk.bursts == []  # still typing, as far as anyone can tell
    desk.pause()
    assert desk.bursts == [Burst(TD3, True)]


def test_the_last_line_without_a_line_end_completes_when_the_reader_falls_silent() -> None:
    desk = Desk()
    desk.type(TD2[0] + "\r" + TD2[1], READER_GAP)
    desk.pause()
    assert desk.bursts == [Burst(TD2, True)]


def test_a_misread_line_comes_back_as_an_incomplete_burst() -> None:
    desk = Desk()
    desk.type(TD3[0] + "\r" + TD3[1][:40] + "\r", READER_GAP)
    desk.pause()
    assert desk.bursts == [Burst((TD3[0], TD3[1][:40]), False)]
    assert desk.delivered == []


def test_a_clerk_typing_an_mrz_by_hand_is_no_burst() -> None:
    desk = Desk()
    desk.type(TD3[0] + "\r", 0.12)
    desk.pause()
    assert desk.bursts == []
    assert "".join(desk.delivered) == TD3[0] + "\r"


def test_a_fast_typist_rolling_a_few_keys_is_handed_back_in_order() -> None:
    desk = Desk()
    desk.type("P<D", 0.02)  # three keys 20 ms apart: fast, but far too short
    desk.type("NK", 0.2)
    desk.pause()
    assert desk.bursts == []
    assert "".join(desk.delivered) == "P<DNK"


def test_a_key_that_is_no_mrz_character_hands_back_what_was_held_first() -> None:
    desk = Desk()
    desk.type("AB", 0.01)
    desk.type("x", 0.01)  # lower case: a clerk, not a reader
    assert desk.delivered == ["A", "B", "x"]


def test_a_line_end_after_the_burst_is_swallowed_too() -> None:
    desk = Desk()
    desk.type("\r".join(TD1) + "\r\n\x03", READER_GAP)  # complete at the CR; LF and ETX follow
    desk.type("Q", 0.3)  # later, the clerk types again
    desk.pause()
    assert desk.bursts == [Burst(TD1, True)]
    assert desk.delivered == ["Q"]


def test_enter_and_editing_keys_of_a_clerk_pass_straight_on() -> None:
    detector = WedgeDetector()
    for char, t in (("\r", 1.0), ("\b", 2.0), ("\t", 3.0), ("", 4.0), (" ", 5.0)):
        assert detector.feed(char, t).action is Action.PASS


def test_shapes() -> None:
    assert is_complete_mrz(DL1) and is_complete_mrz(TD1) and is_complete_mrz(TD2) and is_complete_mrz(TD3)
    assert not is_complete_mrz(("I" + DL1[0][1:],))  # one line of 30 is a licence only when it starts 'D'
    assert not is_complete_mrz((TD3[0], TD2[1]))
    assert not is_complete_mrz(TD1[:2])


# --- properties -------------------------------------------------------------------------------------

_mrz_char = st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, ...]:
    count, length = draw(st.sampled_from([(1, 30), (3, 30), (2, 36), (2, 44)]))
    lines = [draw(st.text(_mrz_char, min_size=length, max_size=length)) for _ in range(count)]
    if count == 1:
        lines[0] = "D" + lines[0][1:]
    elif count == 3:
        lines[0] = draw(st.sampled_from("IAC")) + lines[0][1:]  # a TD1 never starts like a licence
    return tuple(lines)


_line_end = st.sampled_from(["\r", "\n", "\r\n"])
_prefix = st.sampled_from(["", "\x02", "]Q1", "]o0", "\x02]d2", "\x01"])
_suffix = st.sampled_from(["", "\x03", "\x04", "\t", "\x17"])


@settings(max_examples=300, deadline=None)
@given(
    lines=documents(),
    ends=st.lists(_line_end, min_size=3, max_size=3),
    last_end=st.sampled_from(["", "\r", "\n", "\r\n"]),
    prefix=_prefix,
    suffix=_suffix,
    gaps=st.lists(st.floats(0.0, MAX_GAP_SECONDS * 0.9), min_size=200, max_size=200),
)
def test_any_reader_burst_gives_exactly_its_lines_and_types_nothing(
    lines: tuple[str, ...], ends: list[str], last_end: str, prefix: str, suffix: str, gaps: list[float]
) -> None:
    text = prefix + "".join(line + end for line, end in zip(lines[:-1], ends, strict=False))
    text += lines[-1] + last_end + suffix
    desk = Desk()
    for char, gap in zip(text, gaps, strict=False):
        desk.type(char, gap)
    desk.pause()
    assert desk.bursts == [Burst(lines, True)]
    assert desk.delivered == []


@settings(max_examples=300, deadline=None)
@given(
    keys=st.lists(
        st.tuples(
            st.sampled_from([*"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<", "\r", "\n", "\b", "x", " ", ""]),
            st.floats(MAX_GAP_SECONDS * 1.05, 0.6),
        ),
        max_size=120,
    )
)
def test_a_clerk_typing_at_human_speed_is_never_a_burst_and_every_key_arrives_in_order(
    keys: list[tuple[str, float]],
) -> None:
    desk = Desk()
    for char, gap in keys:
        desk.type(char, gap)
    desk.pause()
    assert desk.bursts == []
    assert desk.delivered == [char for char, _gap in keys if char]


@settings(max_examples=300, deadline=None)
@given(
    keys=st.lists(
        st.tuples(st.sampled_from(list("ABC<019\r\n\b x]\x02")), st.floats(0.0, 0.2)),
        max_size=150,
    )
)
def test_whatever_is_typed_either_arrives_in_order_or_belongs_to_a_burst(keys: list[tuple[str, float]]) -> None:
    """No keystroke is ever lost or reordered: each is delivered, or is part of a reported burst."""
    desk = Desk()
    for char, gap in keys:
        desk.type(char, gap)
    desk.pause()
    typed = "".join(char for char, _gap in keys)
    delivered = "".join(desk.delivered)
    if not desk.bursts:
        assert delivered == typed
    else:
        # What was delivered is the typed text with the bursts' keystrokes taken out, order kept.
        it = iter(typed)
        assert all(char in it for char in delivered)
        for burst in desk.bursts:
            assert sum(len(line) for line in burst.lines) >= MIN_BURST


# --- corners found by mutation testing --------------------------------------------------------------


def test_del_is_a_control_character_and_after_a_burst_is_swallowed_as_framing() -> None:
    desk = Desk()
    desk.type("\r".join(TD1) + "\r\x7f", READER_GAP)  # DEL (0x7F) is as much an ASCII control as ETX
    desk.pause()
    assert desk.bursts == [Burst(TD1, True)]
    assert desk.delivered == []


def test_a_key_that_types_nothing_right_after_a_burst_passes_on() -> None:
    detector = WedgeDetector()
    t = 1000.0
    steps = []
    for char in "\r".join(TD1) + "\r":
        t += READER_GAP
        steps.append(detector.feed(char, t))
    assert steps[-1].burst == Burst(TD1, True)
    assert detector.feed("", t + READER_GAP) == Step(Action.PASS)  # an arrow key: no framing, nothing typed


def test_a_second_document_sent_straight_after_the_first_is_a_burst_of_its_own() -> None:
    desk = Desk()
    desk.type("\r".join(TD1) + "\r" + "\r".join(TD3) + "\r", READER_GAP)
    desk.pause()
    assert desk.bursts == [Burst(TD1, True), Burst(TD3, True)]
    assert desk.delivered == []


def test_flushing_with_nothing_held_is_a_plain_pass() -> None:
    assert WedgeDetector().flush() == Step(Action.PASS)


def _read(detector: WedgeDetector, text: str, *, ending_at: float) -> list[Step]:
    """Feed `text` at reader speed so that its last key falls at `ending_at`."""
    start = ending_at - (len(text) - 1) * READER_GAP
    return [detector.feed(char, start + i * READER_GAP) for i, char in enumerate(text)]


def test_a_burst_is_at_least_min_burst_mrz_characters() -> None:
    short, exact = WedgeDetector(), WedgeDetector()
    _read(short, "12345678901", ending_at=1.0)  # 11: a fast typist's luck at most
    _read(exact, "123456789012", ending_at=1.0)  # 12: a reader
    assert MIN_BURST == 12
    assert short.flush() == Step(Action.PASS, released="12345678901")
    assert exact.flush() == Step(Action.PASS, burst=Burst(("123456789012",), False))


def test_a_key_exactly_max_gap_after_the_one_before_still_belongs_to_the_run() -> None:
    detector = WedgeDetector()
    assert detector.feed("A", 0.0) == Step(Action.HOLD)
    assert detector.feed("B", MAX_GAP_SECONDS) == Step(Action.HOLD)  # not handed back: still one run
    assert detector.holding


def test_a_line_end_exactly_max_gap_after_the_burst_is_still_its_own() -> None:
    detector = WedgeDetector()
    steps = _read(detector, "\r".join(TD1) + "\r", ending_at=0.0)
    assert steps[-1] == Step(Action.SWALLOW, burst=Burst(TD1, True))
    assert detector.feed("\n", MAX_GAP_SECONDS) == Step(Action.SWALLOW)
    assert detector.feed("\r", 1.0) == Step(Action.PASS)  # a clerk's Enter a second later is the clerk's


def test_a_slow_key_ends_the_held_run_before_it_is_held_itself() -> None:
    """The window's timer may not have fired yet (the event loop was busy): the pause itself ends the run."""
    detector = WedgeDetector()
    detector.feed("A", 1.0)
    detector.feed("B", 1.01)
    assert detector.feed("C", 1.5) == Step(Action.HOLD, released="AB")
    assert detector.flush() == Step(Action.PASS, released="C")


def test_a_run_without_line_ends_is_cut_into_lines_only_when_it_is_one_line() -> None:
    """88 characters then a line end and more: not a TD3 sent without line ends; all of it comes back."""
    desk = Desk()
    desk.type("".join(TD3) + "\r" + "12345", READER_GAP)
    desk.pause()
    assert desk.bursts == [Burst(("".join(TD3), "12345"), False)]


def test_a_line_end_after_a_burst_ended_by_a_key_that_is_no_part_of_it_is_swallowed() -> None:
    """A reader whose suffix is a space and CR: the space ends the run (and is typed), the CR is framing."""
    detector = WedgeDetector()
    _read(detector, "\r".join(TD2), ending_at=1.0)
    assert detector.feed(" ", 1.0 + READER_GAP) == Step(Action.PASS, burst=Burst(TD2, True))
    assert detector.feed("\r", 1.0 + 2 * READER_GAP) == Step(Action.SWALLOW)


def test_a_slow_key_after_a_whole_document_ends_its_burst() -> None:
    detector = WedgeDetector()
    _read(detector, "\r".join(TD2), ending_at=1.0)  # no line end after the last line
    assert detector.feed("Q", 1.5) == Step(Action.HOLD, burst=Burst(TD2, True))


def test_an_aim_flag_followed_by_a_space_is_a_clerks_typing() -> None:
    """An AIM identifier is ']' and two printable characters; a space is none, so the ']' is handed back."""
    detector = WedgeDetector()
    assert detector.feed("]", 1.0) == Step(Action.HOLD)
    assert detector.feed(" ", 1.01) == Step(Action.PASS, released="]")
