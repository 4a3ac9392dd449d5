"""04 · exercise 1: extend the gazetteer with your own file, and see the counts change."""

from otter.test_files import test_case

from helpers.actors import find_mentions, read_gazetteer
from helpers.answers import expect_answered
from helpers.fakes import load_fakes
from helpers.paths import work_dir
from helpers.tables import TableError

OK_FORMAT = False
name = "q1"
points = 3


@test_case(
    points=3, failure_message="Fill in the new actor, run the cell that saves it, then check."
)
def test_the_militia_is_found_with_your_gazetteer(my_actor):
    assert isinstance(my_actor, dict), "Keep my_actor a dictionary."
    for key in ("actor_id", "name", "aliases"):
        expect_answered(my_actor.get(key), f"the new actor's {key} in quotes")
    my_file = work_dir() / "my_actors.csv"
    assert my_file.exists(), "Run the cell after my_actor: it saves work/my_actors.csv."
    try:
        extended = read_gazetteer(extra=my_file)
    except TableError as err:
        raise AssertionError(f"Your file has a problem: {err}") from None
    assert my_actor["actor_id"] not in read_gazetteer(), "Give the militia a new id of its own."
    fakes = load_fakes()
    article = fakes.loc[fakes["row"] == 20, "article_content"].iloc[0]
    mine = find_mentions(article, extended)
    mine = mine[mine["actor_id"] == my_actor["actor_id"]]
    assert len(mine) >= 2, "Your actor is not found twice in the article: check its names."
    assert extended.parent_of(my_actor["actor_id"]) == "syria", "Whom does the militia fight for?"
