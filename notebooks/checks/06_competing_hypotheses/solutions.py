"""Reference answers for lesson 06 (try the exercises first). Used by the course's tests."""

SOLUTIONS = {
    # The reference ratings of data/ach.csv. The check also accepts one neighbour each:
    # fight-is II (a campaign that "ignored Islamic State" is very hard to square with fighting
    # it; the reference says I because the hypothesis also names jihadist terrorism, and some
    # groups hit, such as Ahrar al-Sham, are called jihadist by many); keep-assad C (the strikes
    # fit, without being the only explanation); leverage-west N (standing with the West could be
    # sought at the table whatever was bombed); bases-influence CC (saving the host regime is
    # what securing the bases needs first).
    "q1": {
        "q1_ratings": {
            "fight-is": "I",
            "keep-assad": "CC",
            "leverage-west": "I",
            "bases-influence": "C",
        }
    },
    "q2": {"q2_why": "b"},
    "q3": {"q3_rule": "b"},
    "q4": {"q4_linchpin": "sdf-backed-by-us-acceptable-to-russia"},
    "q5": {"ANNOTATOR": "solution-check"},
}

WRONG = {
    "q1": [
        {
            "q1_ratings": {
                "fight-is": "C",
                "keep-assad": "CC",
                "leverage-west": "I",
                "bases-influence": "C",
            }
        },
        {
            "q1_ratings": {
                "fight-is": "II",
                "keep-assad": "I",
                "leverage-west": "CC",
                "bases-influence": "II",
            }
        },
        {
            "q1_ratings": {
                "fight-is": "II",
                "keep-assad": "maybe",
                "leverage-west": "I",
                "bases-influence": "C",
            }
        },
    ],
    "q2": [{"q2_why": "a"}, {"q2_why": "d"}],
    "q3": [{"q3_rule": "a"}, {"q3_rule": "d"}],
    "q4": [
        {"q4_linchpin": "russia-seeks-leverage-over-ukraine"},
        {"q4_linchpin": "russia-hit-rebels-not-is"},
        {"q4_linchpin": "bases-influence"},
    ],
    "q5": [{"ANNOTATOR": "nobody-saved-anything"}],
}


def setup_q5():
    """Save a matrix as a student would: the reference with the weak I of the linchpin changed."""
    from helpers.hypotheses import reference_matrix, save_ach

    mine = reference_matrix()
    mine.loc["sdf-backed-by-us-acceptable-to-russia", "keep-assad"] = "N"
    save_ach("solution-check", mine)


SETUP = {"q5": setup_q5}

# Answers the lesson fills in with a default the student changes (not a ... placeholder).
PREFILLED = {"ANNOTATOR"}

# Words every student is shown as the allowed answers, so a check may name them.
OPTIONS = {
    "q1": {"CC", "C", "N", "I", "II", "NA"},
}
