"""Reference answers for lesson 03 (try the exercises first). Used by the course's tests."""

SOLUTIONS = {
    "q1": {
        "q1_types": {
            "A": "quantity",
            "B": "intent",
            "C": "evaluation",
            "D": "event",
            "E": "prediction",
        }
    },
    "q2": {"q2_stance": "qualifies"},
    "q3": {"q3_hands": 3},
    "q4": {"q4_witnesses": 1},
    "q5": {"ANNOTATOR": "solution-check"},
    "q6": {"q6_worth": "c"},
}

WRONG = {
    "q1": [
        {
            "q1_types": {
                "A": "quantity",
                "B": "evaluation",
                "C": "intent",
                "D": "event",
                "E": "prediction",
            }
        }
    ],
    "q2": [{"q2_stance": "reports-others-asserting"}, {"q2_stance": "agrees"}],
    "q3": [{"q3_hands": 5}, {"q3_hands": 2}, {"q3_hands": "3"}],
    "q4": [{"q4_witnesses": 3}, {"q4_witnesses": True}],
    "q5": [{"ANNOTATOR": "nobody-saved-anything"}],
    "q6": [{"q6_worth": "a"}, {"q6_worth": "d"}],
}


def setup_q5():
    """Override one proposal as a student would, so the q5 check has something to find."""
    from helpers import load_corpus
    from helpers.annotations import save_annotation
    from helpers.spans import find_quote

    corpus = load_corpus()
    source = corpus["003"]
    span = find_quote(source, "Carlin added that the United States has charged 60 militants")
    save_annotation(
        "solution-check",
        source.id,
        "claim",
        "us-charged-60-militants",
        "",
        6,
        "Carlin is never introduced, so no one can say who gave the figure or when.",
        evidence=[span],
        corpus=corpus,
    )


SETUP = {"q5": setup_q5}

# Answers the lesson fills in with a default the student changes (not a ... placeholder).
PREFILLED = {"ANNOTATOR"}

# Words every student is shown as the allowed answers, so a check may name them.
OPTIONS = {
    "q1": {"event", "intent", "quantity", "prediction", "evaluation"},
    "q2": {"asserts", "reports-others-asserting", "qualifies", "contests"},
}

# Other answers the checks accept, each with why (tests prove every one passes its check).
ALSO_ACCEPTED = {
    "q1": [
        # A: the Paris attacks happened (an event); claims.csv types the claim by its figure
        {"q1_types": {"A": "event", "B": "intent", "C": "evaluation", "D": "event",
                      "E": "prediction"}},
    ],
    "q3": [
        # 000 is a mirror copy of the Wikipedia article: the copy is one more hand (Assad >
        # Iranian TV > source [12] > Wikipedia > the mirror), as claims.csv's note says
        {"q3_hands": 4},
    ],
}
