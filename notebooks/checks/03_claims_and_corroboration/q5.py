"""03 · exercise 5: override one credibility proposal, with a rationale and evidence."""

from otter.test_files import test_case

from helpers.claims import read_claims
from helpers.exercises import student_annotations

OK_FORMAT = False
name = "q5"
points = 3


@test_case(points=3, failure_message="Edit the override cell above, run it, then run this check.")
def test_a_claim_credibility_is_saved_with_reasons(ANNOTATOR):
    rows = student_annotations(ANNOTATOR)
    rated = rows[(rows["level"] == "claim") & (rows["credibility"] != "")]
    assert len(rated) > 0, "Your file has no claim with a credibility code yet."
    claims = read_claims()
    known = set(zip(claims["claim_id"], claims["source_id"], strict=True))
    ours = rated[
        [(t, s) in known for t, s in zip(rated["target"], rated["source_id"], strict=True)]
    ]
    assert len(ours) > 0, "Rate a claim of data/claims.csv, in a source that speaks to it."
    argued = ours[ours["rationale"].str.split().str.len() >= 8]
    assert len(argued) > 0, "Give your reasons in a sentence or two (at least 8 words)."
    assert (argued["evidence"] != "").any(), "Attach the passage your override rests on."
