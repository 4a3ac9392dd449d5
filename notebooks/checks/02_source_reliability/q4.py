"""02 · exercise 4: save at least one rating of your own with the form."""

from otter.test_files import test_case

from helpers.exercises import student_annotations

OK_FORMAT = False
name = "q4"
points = 2


@test_case(points=2, failure_message="Rate a source in the form above, write a rationale, Save.")
def test_a_rating_with_rationale_is_saved(ANNOTATOR):
    rows = student_annotations(ANNOTATOR)
    sources = rows[rows["level"] == "source"]
    assert len(sources) > 0, "Your file has no source-level rating yet."
    with_evidence = sources[sources["evidence"] != ""]
    assert len(with_evidence) > 0, "Attach at least one piece of evidence to a rating."
