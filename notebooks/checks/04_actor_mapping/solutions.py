"""Reference answers for lesson 04 (try the exercises first). Used by the course's tests."""

MILITIA = {
    "actor_id": "national-defence-forces",
    "name": "National Defence Forces",
    "kind": "armed group",
    "parent": "syria",
    "aliases": "NDF",
}

SOLUTIONS = {
    "q1": {"my_actor": MILITIA},
    "q2": {"q2_comment_actor": "nsa"},
    "q3": {"q3_what_holds": "b"},
    "q4": {"q4_source_error": "b"},
}

WRONG = {
    "q1": [{"my_actor": {**MILITIA, "actor_id": "syria"}}],
    "q2": [{"q2_comment_actor": "islamic-state"}, {"q2_comment_actor": "russia"}],
    "q3": [{"q3_what_holds": "a"}, {"q3_what_holds": "d"}],
    "q4": [{"q4_source_error": "a"}, {"q4_source_error": "d"}],
}


def setup_q1():
    """Save the extension file as the lesson's cell does, so the q1 check has it."""
    import pandas as pd

    from helpers.paths import work_dir

    pd.DataFrame([MILITIA]).to_csv(work_dir() / "my_actors.csv", index=False)


SETUP = {"q1": setup_q1}

# Words every student is shown as the allowed answers, so a check may name them.
OPTIONS = {"q1": {"armed group", "syria"}}
