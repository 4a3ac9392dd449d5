"""04 · exercise 2: the actor the comments name and the article never does."""

from otter.test_files import test_case

from helpers.answers import expect_answered, expect_fingerprint

OK_FORMAT = False
name = "q2"
points = 2


@test_case(points=2, failure_message="Compare the comment and body columns of the table above.")
def test_the_comment_threads_own_actor(q2_comment_actor):
    expect_answered(q2_comment_actor, "an actor_id in quotes")
    assert isinstance(q2_comment_actor, str), "Give the actor_id as text in quotes."
    expect_fingerprint(
        q2_comment_actor,
        {"bc86e3cd94a18e62", "8e470362391025bf"},
        "Not that one: is it named in the body too, or less often in the comments?",
    )
