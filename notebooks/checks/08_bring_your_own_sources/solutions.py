"""Reference answers for lesson 08 (try the exercises first). Used by the course's tests."""

from helpers.paths import data_dir

ALIAS_ROW = {"actor_id": "iraqi-joint-operations-command", "aliases": "JOC"}

SOLUTIONS = {
    "q1": {"q1_why_apart": "c"},
    "q2": {"q2_fix": "b"},
    "q3": {"my_alias_row": ALIAS_ROW},
    "q4": {"q4_most_words": "Neil Hauer"},
}

WRONG = {
    "q1": [{"q1_why_apart": "a"}, {"q1_why_apart": "b"}, {"q1_why_apart": "d"}],
    "q2": [{"q2_fix": "a"}, {"q2_fix": "c"}],
    "q3": [{"my_alias_row": {"actor_id": "iraq", "aliases": "JOC"}}],
    "q4": [{"q4_most_words": "Timur Akhmetov"}, {"q4_most_words": "Michael Kofman"}],
}


def setup_q3():
    """Save the aliases file as the lesson's cell does: the sample's rows plus the new one."""
    import pandas as pd

    from helpers.paths import work_dir

    sample = pd.read_csv(data_dir() / "byo-sample" / "my_aliases.csv", dtype=str)
    rows = pd.concat([sample, pd.DataFrame([ALIAS_ROW])], ignore_index=True)
    rows.to_csv(work_dir() / "my_byo_aliases.csv", index=False)


SETUP = {"q3": setup_q3}
