"""08 · exercise 3: an alias row that makes a missed actor found."""

from otter.test_files import test_case

from helpers.actors import find_mentions, read_gazetteer
from helpers.answers import expect_answered, expect_fingerprint
from helpers.corpus import read_source
from helpers.paths import data_dir, work_dir
from helpers.tables import TableError

OK_FORMAT = False
name = "q3"
points = 3
ANSWER = "039dfc6915424c45"  # helpers.answers.fingerprint of the answer

REPORT = data_dir() / "byo-sample" / "pages" / "01_baghdad_cell_report.txt"


@test_case(points=3, failure_message="Fill in the row, run the cell that saves it, then check.")
def test_the_abbreviation_is_found(my_alias_row):
    assert isinstance(my_alias_row, dict), "Keep my_alias_row a dictionary."
    for key in ("actor_id", "aliases"):
        expect_answered(my_alias_row.get(key), f"the row's {key} in quotes")
    my_file = work_dir() / "my_byo_aliases.csv"
    assert my_file.exists(), "Run the cell after my_alias_row: it saves work/my_byo_aliases.csv."
    try:
        extended = read_gazetteer(extra=my_file)
    except TableError as err:
        raise AssertionError(f"Your file has a problem: {err}") from None
    actor_id = str(my_alias_row["actor_id"]).strip()
    assert actor_id in read_gazetteer(), (
        "Give the id of an actor the gazetteer already has: the page names it in full first."
    )
    expect_fingerprint(actor_id, ANSWER, "Not that actor: who issued the statement?")
    found = find_mentions(read_source(REPORT), extended)
    found = found[found["actor_id"] == actor_id]
    assert len(found) >= 4, "The short name is still not found: spell it exactly as the page does."
