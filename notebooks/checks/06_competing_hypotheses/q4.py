"""06 · exercise 4: the linchpin, the one item the first place rests on."""

from otter.test_files import test_case

from helpers.answers import expect_answered, fingerprint
from helpers.hypotheses import reference_matrix

OK_FORMAT = False
name = "q4"
points = 2

ACCEPTED = "422269272fd4d1ea"
HINTS = {
    "95514bd66a0fa129": "Leaving that item out lowers both of the top two by the same amount.",
}


@test_case(
    points=2,
    failure_message="Compare the first and second place with and without each item that scores.",
)
def test_the_item_the_first_place_rests_on(q4_linchpin):
    expect_answered(q4_linchpin, "an evidence id in quotes")
    assert isinstance(q4_linchpin, str), "Give the evidence id in quotes."
    ids = set(reference_matrix().index)
    assert q4_linchpin.strip().lower() in ids, "That is not an evidence id of the matrix."
    given = fingerprint(q4_linchpin)
    if given != ACCEPTED:
        raise AssertionError(HINTS.get(given, "Leaving that item out does not change first place."))
