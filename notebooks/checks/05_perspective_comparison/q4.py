"""05 · exercise 4: which framing function does each passage of 002 perform?

Each passage accepts the function data/framing.csv codes and every alternative it records
(its ``alternatives`` column, argued in the note): a passage can perform two functions.
"""

from otter.test_files import test_case

from helpers.answers import expect_labels, fingerprint
from helpers.labels import FUNCTIONS, read_framing

OK_FORMAT = False
name = "q4"
points = 4

ROWS = {"A": 24, "B": 26, "C": 20, "D": 22}  # the rows of data/framing.csv the lesson prints


def _accepted():
    framing = read_framing()
    accepted = {}
    for key, row in ROWS.items():
        own = framing.loc[row, "function"]
        others = [a for a in framing.loc[row, "alternatives"].split(" | ") if a]
        accepted[key] = {fingerprint(f) for f in (own, *others)}
    return accepted


@test_case(
    points=4, failure_message="Ask: is it naming a problem, a cause, a judgement or a remedy?"
)
def test_each_passage_has_its_function(q4_functions):
    expect_labels(q4_functions, _accepted(), FUNCTIONS, "function")
