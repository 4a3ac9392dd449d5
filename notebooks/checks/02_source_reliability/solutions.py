"""Reference answers for lesson 02 (try the exercises first). Used by the course's tests."""

SOLUTIONS = {
    "q1": {"q1_quote": "says one Syrian in Paris"},
    "q2": {
        "q2_axes": {"A": "reliability", "B": "credibility", "C": "reliability", "D": "credibility"}
    },
    "q3": {"q3_f_means": "b"},
    "q4": {"ANNOTATOR": "solution-check"},
    "q5": {"q5_counted": 2},
}

WRONG = {
    "q1": [{"q1_quote": "says Stent"}, {"q1_quote": "not in the text at all"}],
    "q2": [
        {
            "q2_axes": {
                "A": "credibility",
                "B": "credibility",
                "C": "reliability",
                "D": "credibility",
            }
        }
    ],
    "q3": [{"q3_f_means": "a"}, {"q3_f_means": "d"}],
    "q4": [{"ANNOTATOR": "nobody-saved-anything"}],
    "q5": [{"q5_counted": 3}, {"q5_counted": True}],
}


def setup_q4():
    """Save one rating as a student would, so the q4 check has something to find."""
    from helpers import load_corpus
    from helpers.annotations import save_annotation
    from helpers.spans import find_quote

    corpus = load_corpus()
    span = find_quote(corpus["001"], "By Paul Iddon 21/7/2016")
    save_annotation(
        "solution-check",
        corpus["001"].id,
        "source",
        "article",
        "B",
        "",
        "Named reporter and named, affiliated analysts.",
        evidence=[span],
        corpus=corpus,
    )


SETUP = {"q4": setup_q4}

# Answers the lesson fills in with a default the student changes (not a ... placeholder).
PREFILLED = {"ANNOTATOR"}

# Words every student is shown as the allowed answers, so a check may name them.
OPTIONS = {"q2": {"reliability", "credibility"}}

# Other answers the checks accept, each with why (tests prove every one passes its check).
ALSO_ACCEPTED = {
    "q1": [
        # data/claims.csv codes this speaker as unnamed: most Western nations
        {"q1_quote": "Most Western nations say"},
        # the activists of the caption, who are not named either
        {"q1_quote": "what activists said were Russian airstrikes"},
    ],
}
