"""Reference answers for lesson 00 (try the exercises first). Used by the course's tests."""

SOLUTIONS = {
    "q1": {"q1_authors_in_text": 2},
    "q2": {"q2_no_outlet": "003"},
}

WRONG = {
    "q1": [{"q1_authors_in_text": 3}, {"q1_authors_in_text": "2"}],
    "q2": [{"q2_no_outlet": "004"}, {"q2_no_outlet": 3}],
}
