"""06 · exercise 5: save your own ACH matrix, with at least one rating changed."""

from otter.test_files import test_case

from helpers.annotations import AnnotationError
from helpers.answers import expect_answered
from helpers.hypotheses import RUSSIA_AIMS, ach_path, load_ach, reference_matrix

OK_FORMAT = False
name = "q5"
points = 2


@test_case(points=2, failure_message="Fill in my_changes, run the save cell, then this check.")
def test_own_matrix_is_saved(ANNOTATOR):
    expect_answered(ANNOTATOR, "your name in quotes")
    try:
        path = ach_path(ANNOTATOR)
        assert path.exists(), f"Nothing saved yet under the name {ANNOTATOR!r}."
        mine = load_ach(ANNOTATOR)
    except AnnotationError as err:
        raise AssertionError(f"Your matrix has a problem: {err}") from None
    reference = reference_matrix()
    assert set(RUSSIA_AIMS) <= set(mine.columns), "Rate every item against all four hypotheses."
    assert set(reference.index) <= set(mine.index), "Keep every item of the reference matrix."
    mine = mine.loc[reference.index, reference.columns]
    changed = int((mine != reference).sum().sum())
    assert changed >= 1, "Change at least one rating you disagree with, then save again."
