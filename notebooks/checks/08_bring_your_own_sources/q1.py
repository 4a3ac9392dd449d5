"""08 · exercise 1: the file that load_corpus passed over without a word."""

from otter.test_files import test_case

from helpers.exercises import expect_answered, expect_fingerprint

OK_FORMAT = False
name = "q1"
points = 1


@test_case(
    points=1,
    failure_message="Compare the folder listing with corpus.table() and corpus.problems.",
)
def test_the_silently_skipped_file(q1_skipped_file):
    expect_answered(q1_skipped_file, "a file name in quotes, e.g. '01_baghdad_cell_report.txt'")
    assert isinstance(q1_skipped_file, str), "Give the file name as text in quotes."
    expect_fingerprint(
        q1_skipped_file.strip(),
        {"843a7fcc77a5ae5d", "76f088b0a5dd4451"},
        "Not that one: that file is in corpus.table() or in corpus.problems.",
    )
