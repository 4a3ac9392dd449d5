"""01 · exercise 6: which facts about 003 does its own text establish?"""

from otter.test_files import test_case

from helpers.answers import expect_answered, expect_fingerprint

OK_FORMAT = False
name = "q6"
points = 2
ANSWER = "d78de366703f5ebe"  # helpers.answers.fingerprint of the answer

FACTS = {"title", "outlet", "author", "published", "url"}


@test_case(
    points=2,
    failure_message="Keep only what you could point to in 003's own words; “Monday” is not a date.",
)
def test_facts_established_from_the_text(q6_established):
    expect_answered(q6_established, "a set of names in quotes, like {'x', 'y'}, or set()")
    assert isinstance(q6_established, set), "Give a set: names in quotes inside { }, or set()."
    names = {str(x).strip().lower() for x in q6_established}
    assert names <= FACTS, f"Use only these names: {', '.join(sorted(FACTS))}."
    expect_fingerprint(
        names, ANSWER, "Not that set. For each fact, ask: which words in 003 state it?"
    )
