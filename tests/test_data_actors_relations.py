"""data/actors.csv and data/relations.csv keep the promises data/README.md makes for them."""

import re

from helpers import find_mentions, load_corpus, read_source, segment
from helpers.actors import read_gazetteer
from helpers.network import read_relations, signed_graph, signed_triads

CORPUS = load_corpus()
GAZETTEER = read_gazetteer()
RELATIONS = read_relations(corpus=CORPUS, actor_ids=GAZETTEER)

REQUIRED = [
    "russia",
    "syria",
    "iran",
    "iraq",
    "usa",
    "turkey",
    "irgc",
    "quds-force",
    "syrian-air-force",
    "islamic-state",
    "nusra",
    "hezbollah",
    "fsa",
    "sdf",
    "ypg",
    "ahrar-al-sham",
    "new-syrian-army",
    "un",
    "nato",
    "eu",
    "gcc",
    "rudaw",
    "interfax",
    "putin",
    "assad",
    "lavrov",
    "soleimani",
    "kofman",
    "stent",
    "carlin",
]


def _seed_quotes(evidence):
    return re.findall(r"seed (\d{3}): “([^”]*)”", evidence)


def test_the_gazetteer_holds_the_actors_lessons_and_relations_rely_on():
    table = GAZETTEER.table.set_index("actor_id")
    assert set(REQUIRED) <= set(table.index)
    assert GAZETTEER.parent_of("putin") == "russia"
    assert GAZETTEER.parent_of("kofman") == "wilson-center"


def test_every_seed_quote_in_the_evidence_is_verbatim_and_names_the_actor():
    for row in GAZETTEER.table.itertuples():
        for seed, quote in _seed_quotes(row.evidence):
            assert quote in CORPUS[seed].text, (row.actor_id, seed, quote)
            found = find_mentions(quote)
            assert row.actor_id in set(found["actor_id"]), (row.actor_id, quote)


def test_real_texts_name_actors_in_many_ways_and_the_gazetteer_knows_them():
    surfaces = {
        "islamic-state": [
            "IS",
            "ISIS",
            "ISIL",
            "Daesh",
            "Da'esh",
            "Islamic State of Iraq and the Levant",
        ],
        "nusra": ["Jabhat al-Nusra", "Jabhat Fatah al-Sham", "Jahbat al-Nusra", "Al-Nursra"],
        "sdf": ["SDF", "QSD", "Syrian Democratic Forces"],
        "russia": ["Moscow", "the Kremlin", "Russian Federation"],
        "usa": ["Washington", "the White House", "U.S.", "US"],
    }
    for actor_id, names in surfaces.items():
        for name in names:
            found = find_mentions(f"Then {name} said so.")
            assert found["actor_id"].tolist() == [actor_id], (actor_id, name)


def test_every_relation_points_to_its_sentence_and_known_actors():
    for row in RELATIONS.itertuples():
        assert CORPUS[row.source_id].text[row.start : row.end] == row.quote
        assert row.subject in GAZETTEER and row.object in GAZETTEER


def test_every_seed_states_relations_and_the_signs_are_mixed():
    per_seed = RELATIONS.groupby("source_id").size()
    assert set(per_seed.index) == set(CORPUS.ids) and per_seed.min() >= 5
    assert set(RELATIONS["sign"]) == {-1, 0, 1}


def test_relations_from_reader_comments_say_so():
    for row in RELATIONS.itertuples():
        parts = segment(CORPUS[row.source_id])
        kind = parts[(parts["start"] <= row.start) & (row.start < parts["end"])]["kind"].iloc[0]
        if kind == "comment":
            assert "reader comment" in row.note.lower(), row.Index


def test_the_pooled_relations_contain_balanced_and_unbalanced_triads():
    triads = signed_triads(signed_graph(RELATIONS, zero="drop"))
    assert triads["balanced"].any() and not triads["balanced"].all()
    all_negative = triads[triads["product"] < 0]
    assert len(all_negative) > 0


def test_000s_hostility_to_iraq_is_kept_as_a_source_error_and_left_out_of_the_networks():
    errors = RELATIONS[RELATIONS["status"] == "source-error"]
    assert errors[["subject", "relation", "object"]].values.tolist() == [["usa", "opposes", "iraq"]]
    row = errors.iloc[0]
    assert row.source_id.startswith("000") and "hostile to the four countries" in row.quote
    assert "outside knowledge" in row.note.lower() and "S/2014/695" in row.note
    pooled = signed_graph(RELATIONS)
    assert not pooled.has_edge("usa", "iraq") and pooled.graph["left_out"] == [errors.index[0]]
    assert signed_graph(RELATIONS, include_source_errors=True).edges["usa", "iraq"]["sign"] == -1


def _review_quotes(evidence):
    return re.findall(r"(FA-KES fakes-\d{4}|unseen page \d\d_\w+): “([^”]*)”", evidence)


def test_every_fakes_or_unseen_quote_in_the_evidence_is_verbatim_and_names_the_actor():
    from helpers.fakes import fakes_sources
    from helpers.paths import course_root

    fakes = {s.id: s.text for s in fakes_sources()}
    pages = course_root() / "benchmarks" / "unseen" / "pages"
    checked = 0
    for row in GAZETTEER.table.itertuples():
        for where, quote in _review_quotes(row.evidence):
            if where.startswith("FA-KES"):
                text = fakes[where.split()[-1]]
            else:
                (path,) = pages.glob(where.split()[-1] + ".*")
                assert int(path.name[:2]) % 2 == 1, ("held-out pages are not reviewed", where)
                text = read_source(path).text
            assert quote in text, (row.actor_id, where, quote)
            assert row.actor_id in set(find_mentions(quote)["actor_id"]), (row.actor_id, quote)
            checked += 1
    assert checked >= 50


def test_names_that_contain_an_alias_but_name_something_else_are_listed_and_match_nobody():
    table = GAZETTEER.table.set_index("actor_id")
    for actor_id in ("assad", "syria", "syrian-armed-forces"):
        for name in table.loc[actor_id, "not_aliases"].split(" | "):
            assert actor_id not in set(find_mentions(f"They met at {name} today.")["actor_id"])
