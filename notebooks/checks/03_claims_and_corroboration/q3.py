"""03 · exercise 3: how many hands did Assad's words pass through to reach 000?

Two counts are accepted, as data/claims.csv's note on the passage says: the chain as the text
names it, to the encyclopedia, and that chain with one more hand, the mirror site that copied
the article (000 is a copy, "Katana VentraIP").
"""

from otter.test_files import test_case

from helpers.answers import expect_fingerprint, expect_whole_number

OK_FORMAT = False
name = "q3"
points = 2
ANSWERS = ("a416ea84421fa7e1", "fbd04e1aae9ce0b1")  # helpers.answers.fingerprint of each


@test_case(
    points=2, failure_message="Write the chain out: who spoke, who carried it, who cites that."
)
def test_hands_between_assad_and_the_encyclopedia(q3_hands):
    expect_whole_number(q3_hands, 0, example=1)
    expect_fingerprint(
        q3_hands,
        ANSWERS,
        "Not that number. The speaker is not a hand; every retelling after him is, 000 included.",
    )
