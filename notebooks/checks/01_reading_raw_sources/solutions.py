"""Reference answers for lesson 01 (try the exercises first). Used by the course's tests."""

SOLUTIONS = {
    "q1": {"q1_kinds": {"A": "boilerplate", "B": "link", "C": "pullquote", "D": "disclaimer"}},
    "q2": {"q2_author": "Paul Iddon", "q2_published": "2016-07-21"},
    "q3": {"q3_outlet": "c"},
    "q4": {"q4_captured_after": "2019-03-24"},
    "q5": {"q5_glitch": "b"},
    "q6": {"q6_established": {"title"}},
}

WRONG = {
    "q1": [
        {"q1_kinds": {"A": "boilerplate", "B": "body", "C": "pullquote", "D": "disclaimer"}},
        {"q1_kinds": {"A": "chrome", "B": "link", "C": "pullquote", "D": "disclaimer"}},
    ],
    "q2": [
        {"q2_author": "Rudaw English", "q2_published": "2016-07-21"},
        {"q2_author": "Paul Iddon", "q2_published": "2016-21-07"},
    ],
    "q3": [{"q3_outlet": "a"}, {"q3_outlet": "d"}],
    "q4": [{"q4_captured_after": "2016-07-21"}, {"q4_captured_after": "2019-24-03"}],
    "q5": [{"q5_glitch": "a"}],
    "q6": [{"q6_established": {"title", "published"}}, {"q6_established": set()}],
}
