"""01 · exercise 1: name the part of the page each line belongs to."""

from otter.test_files import test_case

from helpers.exercises import fingerprint, is_unanswered
from helpers.segments import SEGMENT_KINDS

OK_FORMAT = False
name = "q1"
points = 4

EXPECTED = {
    "A": "9ae3ebf2e993b0de",
    "B": "b1b1bdb480c61d07",
    "C": "dee7b03ef13ea226",
    "D": "c9479b65293d6205",
}
KINDS = {kind for kind, _ in SEGMENT_KINDS}


@test_case(
    points=4,
    failure_message="Find each line in the raw page: what is it doing between its neighbours?",
)
def test_each_line_has_its_kind(q1_kinds):
    assert isinstance(q1_kinds, dict), "Keep q1_kinds a dictionary: {'A': 'kind', ...}."
    assert set(q1_kinds) == set(EXPECTED), "Keep exactly the keys 'A', 'B', 'C' and 'D'."
    blank = sorted(k for k, v in q1_kinds.items() if is_unanswered(v))
    assert not blank, f"Still to answer: {', '.join(blank)}."
    unknown = sorted(k for k, v in q1_kinds.items() if str(v).strip().lower() not in KINDS)
    assert not unknown, f"Not a kind from the table of kinds: {', '.join(unknown)}."
    wrong = sorted(k for k, v in q1_kinds.items() if fingerprint(v) != EXPECTED[k])
    right = len(EXPECTED) - len(wrong)
    assert not wrong, f"{right} of 4 right. Look again at: {', '.join(wrong)}."
