"""02 · exercise 2: which axis does each fact bear on?"""

from otter.test_files import test_case

from helpers.exercises import fingerprint, is_unanswered

OK_FORMAT = False
name = "q2"
points = 4

EXPECTED = {
    "A": "819bb986f4199f14",
    "B": "844a6074dcc0f8a4",
    "C": "819bb986f4199f14",
    "D": "844a6074dcc0f8a4",
}


@test_case(
    points=4,
    failure_message="Ask of each fact: is it about who is speaking, or about this one item?",
)
def test_each_fact_on_its_axis(q2_axes):
    assert isinstance(q2_axes, dict), "Keep q2_axes a dictionary: {'A': 'reliability', ...}."
    assert set(q2_axes) == set(EXPECTED), "Keep exactly the keys 'A', 'B', 'C' and 'D'."
    blank = sorted(k for k, v in q2_axes.items() if is_unanswered(v))
    assert not blank, f"Still to answer: {', '.join(blank)}."
    odd = sorted(k for k, v in q2_axes.items() if str(v).strip().lower() not in EXPECTED_WORDS)
    assert not odd, f"Answer 'reliability' or 'credibility' for: {', '.join(odd)}."
    wrong = sorted(k for k, v in q2_axes.items() if fingerprint(v) != EXPECTED[k])
    assert not wrong, f"{4 - len(wrong)} of 4 right. Look again at: {', '.join(wrong)}."


EXPECTED_WORDS = {"reliability", "credibility"}
