"""06 · exercise 1: rate one item of evidence against each of the four hypotheses."""

from otter.test_files import test_case

from helpers.answers import fingerprint, is_unanswered
from helpers.hypotheses import RATINGS

OK_FORMAT = False
name = "q1"
points = 4

# Each hypothesis accepts the reference rating and one defensible neighbour (see solutions.py).
ACCEPTED = {
    "fight-is": {"de7d1b721a1e0632", "5d7f49449ab22dea"},
    "keep-assad": {"355b1bbfc96725cd", "2e7d2c03a9507ae2"},
    "leverage-west": {"de7d1b721a1e0632", "1b16b1df538ba12d"},
    "bases-influence": {"2e7d2c03a9507ae2", "355b1bbfc96725cd"},
}


@test_case(
    points=4,
    failure_message=(
        "For each hypothesis ask: if this were Russia's main aim, how expected would such a "
        "campaign be?"
    ),
)
def test_each_hypothesis_has_a_defensible_rating(q1_ratings):
    keys = ", ".join(repr(k) for k in ACCEPTED)
    assert isinstance(q1_ratings, dict), "Keep the answer a dictionary: {hypothesis: rating}."
    assert set(q1_ratings) == set(ACCEPTED), f"Keep exactly the keys {keys}."
    blank = sorted(k for k, v in q1_ratings.items() if is_unanswered(v))
    assert not blank, f"Still to answer: {', '.join(blank)}."
    odd = sorted(k for k, v in q1_ratings.items() if str(v).strip().upper() not in RATINGS)
    assert not odd, f"Not a rating for: {', '.join(odd)}. Use one of {', '.join(RATINGS)}."
    wrong = [k for k in ACCEPTED if fingerprint(q1_ratings[k]) not in ACCEPTED[k]]
    right = len(ACCEPTED) - len(wrong)
    assert not wrong, f"{right} of {len(ACCEPTED)} defensible. Look again at: {', '.join(wrong)}."
