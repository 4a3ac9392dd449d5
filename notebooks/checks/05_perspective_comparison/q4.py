"""05 · exercise 4: which framing function does each passage of 002 perform?"""

from otter.test_files import test_case

from helpers.answers import expect_labels
from helpers.labels import FUNCTIONS

OK_FORMAT = False
name = "q4"
points = 4

EXPECTED = {
    "A": "ced18c7a4b5bb495",
    "B": "3cf1b108a78bb845",
    "C": "231326d2d0f47e62",
    "D": "becf2f854f4afd6b",
}


@test_case(
    points=4, failure_message="Ask: is it naming a problem, a cause, a judgement or a remedy?"
)
def test_each_passage_has_its_function(q4_functions):
    expect_labels(q4_functions, EXPECTED, FUNCTIONS, "function")
