"""Reference answers for lesson 05 (try the exercises first). Used by the course's tests."""

SOLUTIONS = {
    "q1": {"q1_one_voice": "002"},
    "q2": {"q2_comment_term": "terrorists"},
    "q3": {"q3_usa_most": "001"},
    "q4": {
        "q4_functions": {
            "A": "moral evaluation",
            "B": "treatment recommendation",
            "C": "problem definition",
            "D": "causal interpretation",
        }
    },
    "q5": {"q5_shift": "b"},
}

WRONG = {
    "q1": [{"q1_one_voice": "003"}],
    "q2": [{"q2_comment_term": "rebels"}],
    "q3": [{"q3_usa_most": "003"}],
    "q4": [
        {
            "q4_functions": {
                "A": "causal interpretation",
                "B": "treatment recommendation",
                "C": "problem definition",
                "D": "moral evaluation",
            }
        }
    ],
    "q5": [{"q5_shift": "a"}, {"q5_shift": "d"}],
}

# Other answers the checks accept, each with why (tests prove every one passes its check).
ALSO_ACCEPTED = {
    "q4": [
        # data/framing.csv records a causal reading of A ("sabotage": who broke the deal) and of
        # C (the divergence comes "as their short-term goal ... has been achieved")
        {
            "q4_functions": {
                "A": "causal interpretation",
                "B": "treatment recommendation",
                "C": "causal interpretation",
                "D": "causal interpretation",
            }
        }
    ],
}

# Words every student is shown as the allowed answers, so a check may name them.
OPTIONS = {
    "q4": {
        "problem definition",
        "causal interpretation",
        "moral evaluation",
        "treatment recommendation",
    }
}
