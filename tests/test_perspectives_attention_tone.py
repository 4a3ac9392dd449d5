"""Attention shares and relation tone: what each source attends to, and how it portrays ties."""

import math

import pandas as pd

from helpers.perspectives import attention_share, relation_tone
from helpers.plotting import value_heatmap


def test_attention_shares_sum_to_one_per_source_and_keep_the_most_mentioned():
    counts = pd.DataFrame({"s1": [6, 3, 1], "s2": [0, 0, 4]}, index=["russia", "iran", "usa"])
    shares = attention_share(counts)
    assert shares.sum().round(6).tolist() == [1.0, 1.0]
    assert attention_share(counts, top=2).index.tolist() == ["russia", "usa"]


def test_a_source_with_no_mentions_gets_zero_shares_not_an_error():
    shares = attention_share(pd.DataFrame({"s": [0, 0]}, index=["a", "b"]))
    assert shares["s"].tolist() == [0.0, 0.0]


def test_tone_counts_an_actor_as_subject_and_object_and_leaves_silence_missing():
    relations = pd.DataFrame(
        {
            "source_id": ["s1", "s1", "s1", "s2"],
            "subject": ["russia", "iran", "usa", "russia"],
            "object": ["syria", "russia", "russia", "iran"],
            "sign": [1, 1, -1, -1],
        }
    )
    tone = relation_tone(relations)
    assert tone.loc["russia", "s1"] == round((1 + 1 - 1) / 3, 2)
    assert tone.loc["russia", "s2"] == -1.0
    assert math.isnan(tone.loc["syria", "s2"])
    assert relation_tone(relations, actors=["iran", "zzz"]).index.tolist() == ["iran"]


def test_the_heatmap_prints_every_value_and_leaves_missing_cells_blank():
    table = pd.DataFrame({"s1": [0.5, -1.0], "s2": [None, 0.25]}, index=["a", "b"])
    texts = [t.get_text() for t in value_heatmap(table, diverging=True).axes[0].texts]
    assert texts == ["0.50", "-1.00", "0.25"]
