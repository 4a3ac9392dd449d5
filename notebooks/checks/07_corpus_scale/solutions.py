"""Reference answers for lesson 07 (try the exercises first). Used by the course's tests."""

SOLUTIONS = {
    "q1": {"q1_label_zero": "b"},
    "q2": {"q2_terrorists_group": "coalition state media"},
    "q3": {"q3_observatory_articles": 404},
    "q4": {"q4_what_follows": "c"},
}

WRONG = {
    "q1": [{"q1_label_zero": "a"}, {"q1_label_zero": "d"}],
    "q2": [{"q2_terrorists_group": "Syrian opposition"}, {"q2_terrorists_group": "Turkish"}],
    "q3": [{"q3_observatory_articles": 1503}, {"q3_observatory_articles": 0}],
    "q4": [{"q4_what_follows": "a"}, {"q4_what_follows": "b"}],
}

# Words every student is shown as the allowed answers, so a check may name them.
OPTIONS = {
    "q2": {
        "coalition state media",
        "syrian opposition",
        "turkish",
        "gulf",
        "egyptian",
        "jordanian",
        "lebanese",
        "western wire",
    }
}
