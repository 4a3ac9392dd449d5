"""02 · exercise 2: which axis does each fact bear on?"""

from otter.test_files import test_case

from helpers.answers import expect_labels

OK_FORMAT = False
name = "q2"
points = 4

AXES = ("reliability", "credibility")
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
    expect_labels(q2_axes, EXPECTED, AXES, "axis")
