"""Whether the lines in the box are still what a scan or a counter reader read, corrected by the clerk, or
another document's lines typed or pasted over them.

A reading waits in the window until a check of it passes, and that check is recorded as the reading's: the
scan's method, its image, why it was given to the clerk to compare whole. A clerk corrects a reading by
changing a few characters (an O for a 0, a missed letter); a clerk who pastes a different document's lines
over it, or types them afresh, has replaced it, and a check of those lines recorded as the scan would keep
the image of one document with the lines of another. So the lines stay the reading's only while most of the
characters it read (fillers aside: two documents share those) are still there, where they were read, a
character inserted or dropped shifting the rest without counting as a change.

Measured on the benchmark's generated documents (benchmarks/mrz_accuracy.py, 400 pairs per format): two
different documents of one format keep at most 67 % of each other's characters (median 29 %); a reading
with one to ten characters changed keeps at least 78 % (67 % on the 30-character licence line, where ten
changes are a third of it), and one whose filler runs were read as K and put right keeps all. Three
quarters lies between. What it cannot tell apart is the same citizen's
other passport: the names, birth date and nationality are the same, and only the number and expiry differ
(65 % to 85 % kept), so lines of a renewed passport pasted over a reading of the old one stay that reading.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from borgerservice_desk.domain.mrz.layouts import FILLER

# The share of a reading's characters (fillers aside) the lines must still hold to be that reading corrected.
KEPT_TO_CORRECT = 0.75
# What the recogniser reads a filler as, most often (a run of `<<<<` read as `KKKK`, a stray C in a name's
# filler): such a letter the clerk turns back into a filler is left out, neither kept nor lost. Counted as
# lost, putting a misread filler run right made a corrected reading "another document" (a passport's
# first-line run: 70 % kept; both lines: 58 %).
FILLER_LOOK_ALIKES = frozenset("KXC")


def kept_share(read: Sequence[str], lines: Sequence[str]) -> float:
    """The share of `read`'s characters other than fillers that `lines` still holds, line by line, in order
    (difflib's matching blocks: an inserted or dropped character moves the rest without losing it). A filler
    look-alike turned back into a filler where it stands is left out. Lines of another count share nothing:
    a reading is never corrected into another format."""
    if len(read) != len(lines):
        return 0.0
    total = kept = 0
    for was, now in zip(read, lines, strict=True):
        same_length = len(was) == len(now)
        counted = [
            i for i, character in enumerate(was)
            if character != FILLER
            and not (same_length and character in FILLER_LOOK_ALIKES and now[i] == FILLER)
        ]  # fmt: skip
        matcher = difflib.SequenceMatcher(None, was, now, autojunk=False)
        matched = {i for block in matcher.get_matching_blocks() for i in range(block.a, block.a + block.size)}
        total += len(counted)
        kept += sum(1 for i in counted if i in matched)
    return kept / total if total else 1.0


def corrects(read: Sequence[str], lines: Sequence[str]) -> bool:
    """`lines` are `read` with the clerk's corrections, not another document's lines put in its place."""
    return kept_share(read, lines) >= KEPT_TO_CORRECT
