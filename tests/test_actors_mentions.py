"""Finding actors in text: which words count as a mention, where, and of whom.

Written against the small gazetteer in ``tests/fixtures/gazetteer_small.csv`` (the real format)
and checked against a slow reference implementation written here from the rules alone.
"""

from __future__ import annotations

import csv
import itertools
import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import helpers.actors as actors_module
from helpers import Source, load_corpus
from helpers.actors import (
    ACTOR_COLUMNS,
    MENTION_COLUMNS,
    NOT_ALIASES,
    Gazetteer,
    find_mentions,
    mention_counts,
    mentions_by_segment,
    read_gazetteer,
)
from helpers.paths import data_dir
from helpers.tables import TableError

FIXTURE = Path(__file__).parent / "fixtures" / "gazetteer_small.csv"
REAL = data_dir() / "actors.csv"


@pytest.fixture(scope="module")
def small() -> Gazetteer:
    return read_gazetteer(FIXTURE)


def found(text, gazetteer, **options) -> list[tuple[str, str]]:
    """(actor_id, surface) of each mention, in order."""
    table = find_mentions(text, gazetteer, **options)
    return list(zip(table["actor_id"], table["surface"], strict=True))


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def actor_row(actor_id, name, kind="state", parent="", aliases="", ambiguous="") -> list[str]:
    return [actor_id, name, kind, "", "", parent, aliases, ambiguous, "outside: test", ""]


# ----------------------------------------------------------------------------- reference


def _ref_is_word(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char).startswith("M")


def _ref_fold(text: str) -> str:
    """Per character: its lower case (first character if it lowers to two), σ for ς, ' for ’,
    a space for line breaks, tabs and non-breaking spaces."""
    out = []
    for char in text:
        low = char.lower()[0]
        low = {"ς": "σ", "\u2019": "'", "\n": " ", "\r": " ", "\t": " ", "\xa0": " "}.get(low, low)
        out.append(low)
    return "".join(out)


def _ref_words_of_line(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """Words (runs of word characters) on the same line within 64 characters either side."""
    breaks = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
    left = text[max(0, start - 64) : start]
    for b in breaks:
        left = left.split(b)[-1]
    right = text[end : end + 64]
    for b in breaks:
        right = right.split(b)[0]

    def words(s):
        return ["".join(g) for k, g in itertools.groupby(s, key=_ref_is_word) if k]

    return words(left), words(right)


def _ref_in_capitals(text, start, end, caps_aliases) -> bool:
    left, right = _ref_words_of_line(text, start, end)

    def counts(w):
        return w not in caps_aliases and any(c.isalpha() for c in w)

    left = [w for w in left if counts(w)]
    right = [w for w in right if counts(w)]
    nearest = left[-1:] + right[:1]
    return bool(nearest) and all(w.isupper() for w in nearest)


_REF_INVISIBLE = set("\u00ad\u180e\u2060\u2061\u2062\u2063\u2064\ufeff") | {
    chr(c) for c in [*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
}


def _ref_view(text: str) -> tuple[str, list[int], list[int]]:
    """Invisible characters dropped; a character followed by combining marks NFC-composed."""
    view, starts, ends = [], [], []
    i = 0
    while i < len(text):
        if text[i] in _REF_INVISIBLE:
            i += 1
            continue
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        cluster = text[i:j]
        composed = unicodedata.normalize("NFC", cluster) if j - i > 1 else cluster
        if composed == cluster:
            view += list(cluster)
            starts += range(i, j)
            ends += range(i + 1, j + 1)
        else:
            view += list(composed)
            starts += [i] * len(composed)
            ends += [j] * len(composed)
        i = j
    return "".join(view), starts, ends


def reference_mentions(text: str, gazetteer: Gazetteer, include_ambiguous=True) -> pd.DataFrame:
    """Slow reference: in the matching view, one regex scan per alias and per name that is no
    actor's, then greedy longest-leftmost selection, then back to raw offsets."""
    raw = text
    text, view_starts, view_ends = _ref_view(raw)
    folded = _ref_fold(text)
    assert len(folded) == len(text)
    aliases = gazetteer.aliases
    caps_aliases = set(aliases.loc[aliases["exact_case"], "alias"])
    candidates = []
    not_names = [
        ("", name, name.isupper() and name.isalnum(), False) for name in gazetteer.not_names
    ]
    for actor_id, alias, exact, ambiguous in [*aliases.itertuples(index=False), *not_names]:
        if ambiguous and not include_ambiguous:
            continue
        alias = unicodedata.normalize("NFC", alias)
        haystack, needle = (text, alias) if exact else (folded, _ref_fold(alias))
        for m in re.finditer(f"(?={re.escape(needle)})", haystack):  # overlapping too
            start, end = m.start(), m.start() + len(alias)
            if _ref_is_word(alias[0]) and start > 0 and _ref_is_word(text[start - 1]):
                continue
            if _ref_is_word(alias[-1]) and end < len(text) and _ref_is_word(text[end]):
                continue
            if exact and len(alias) <= 3 and _ref_in_capitals(text, start, end, caps_aliases):
                continue
            if not exact and alias[0].isupper() and not text[start].isupper():
                continue
            candidates.append((start, end, actor_id))
    candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
    kept, last = [], -1
    for start, end, actor_id in candidates:
        if start >= last:
            kept.append((actor_id, view_starts[start], view_ends[end - 1]))
            last = end
    names = dict(zip(gazetteer.table["actor_id"], gazetteer.table["name"], strict=True))
    return pd.DataFrame(
        [(a, names[a], raw[s:e], s, e) for a, s, e in kept if a], columns=MENTION_COLUMNS
    )


def same_as_reference(text, gazetteer, include_ambiguous=True) -> None:
    ours = find_mentions(text, gazetteer, include_ambiguous)
    ref = reference_mentions(text, gazetteer, include_ambiguous)
    assert list(ours.itertuples(index=False)) == list(ref.itertuples(index=False))


# ----------------------------------------------------------------------------- the table


def test_mentions_table_has_the_contract_columns_and_points_into_the_raw_text(small):
    text = "Moscow and Washington talked; the U.N. watched Vladimir Putin."
    table = find_mentions(text, small)
    assert list(table.columns) == ["actor_id", "actor", "surface", "start", "end"]
    assert table["start"].dtype == "int64" and table["end"].dtype == "int64"
    assert all(text[s:e] == surface for surface, s, e in table[["surface", "start", "end"]].values)
    assert table["start"].is_monotonic_increasing
    assert table["actor"].tolist() == [
        "Russia",
        "United States",
        "United Nations",
        "Vladimir Putin",
    ]


def test_a_source_and_its_text_give_the_same_mentions(small):
    source = Source.from_text("Assad met Putin in Moscow.", source_id="note")
    assert found(source, small) == found(source.text, small)


@pytest.mark.parametrize("bad", [b"Moscow", None, 42, ["Moscow"]])
def test_anything_but_a_source_or_a_str_is_refused(small, bad):
    with pytest.raises(TypeError, match="Source or a str"):
        find_mentions(bad, small)


def test_empty_text_and_text_without_actors_give_an_empty_table_with_the_columns(small):
    for text in ("", "Nothing to see here, only weather.", "   \n\n"):
        table = find_mentions(text, small)
        assert table.empty and list(table.columns) == MENTION_COLUMNS


# ----------------------------------------------------------------------------- case rules


def test_IS_in_capitals_is_the_group_but_is_and_Is_are_the_verb(small):
    text = "Is this the end? IS fighters left; the town is quiet and IS is gone."
    assert found(text, small) == [("islamic-state", "IS"), ("islamic-state", "IS")]


def test_US_is_the_country_us_is_a_pronoun_and_U_S_is_listed_apart(small):
    text = "Tell us what the US and the U.S. want; Us too."
    assert found(text, small) == [("usa", "US"), ("usa", "U.S.")]


def test_every_name_of_the_islamic_state_is_the_same_actor(small):
    text = "ISIS, ISIL, Daesh, Da'esh, Da’esh, DAESH and the Islamic State group."
    assert [a for a, _ in found(text, small)] == ["islamic-state"] * 7
    assert found(text, small)[-1] == ("islamic-state", "Islamic State group")


def test_isis_in_small_letters_is_not_the_acronym(small):
    assert found("isis and Isis are names; crisis is a word.", small) == []


def test_a_capitalised_alias_needs_a_capital_first_letter(small):
    text = "Assad, ASSAD and pro-Assad rallies, but assad is not a name here."
    assert found(text, small) == [("assad", "Assad"), ("assad", "ASSAD"), ("assad", "Assad")]


def test_a_lower_case_alias_matches_in_any_case(small):
    text = "The Kremlin, the Kremlin, THE KREMLIN and the kremlin."
    assert [s for _, s in found(text, small)] == [
        "The Kremlin",
        "the Kremlin",
        "THE KREMLIN",
        "the kremlin",
    ]


def test_short_acronyms_in_an_all_capitals_headline_are_skipped(small):
    headline = "WHAT IS NEXT FOR US AND THE UN?\nThe US and the UN said IS fighters left.\n"
    assert found(headline, small) == [
        ("usa", "US"),
        ("un", "UN"),
        ("islamic-state", "IS"),
    ]


def test_a_list_of_acronyms_is_not_taken_for_a_headline(small):
    assert found("US, UK and EU diplomats met.", small) == [
        ("usa", "US"),
        ("uk", "UK"),
        ("eu", "EU"),
    ]


def test_long_acronyms_and_capitalised_names_count_in_headlines(small):
    assert found("RUSSIA STRIKES ISIS IN SYRIA", small) == [
        ("russia", "RUSSIA"),
        ("islamic-state", "ISIS"),
        ("syria", "SYRIA"),
    ]


# ----------------------------------------------------------------------------- boundaries


def test_possessives_with_straight_and_curly_apostrophes_count(small):
    text = "Russia’s jets and Russia's ships; Hay’at Tahrir al-Sham and Hay'at Tahrir al-Sham."
    assert found(text, small) == [
        ("russia", "Russia"),
        ("russia", "Russia"),
        ("nusra", "Hay’at Tahrir al-Sham"),
        ("nusra", "Hay'at Tahrir al-Sham"),
    ]


def test_a_match_never_cuts_a_word_in_any_script(small):
    cut = [
        "Russian",
        "Syrians",
        "Iranian",
        "ISIS2",
        "2US",
        "USé",
        "Russiaé",
        "ÉRussia",
        "Russia\u0301",  # a combining accent continues the word
        "Iranو",  # an Arabic letter
        "Iraq٣",  # an Arabic-Indic digit
        "xAssad",
    ]
    for word in cut:
        assert found(word, small) == [], word


def test_punctuation_and_hyphens_are_boundaries(small):
    text = "US-led, (Iran), “Syria”, pro-Assad/anti-ISIS, Iraq_"
    assert [s for _, s in found(text, small)] == ["US", "Iran", "Syria", "Assad", "ISIS", "Iraq"]


def test_an_alias_ending_in_a_full_stop_needs_no_space_after_it(small):
    # Seed 003 lost a space: "the U.S.is" still names the United States.
    assert found("the U.S.is ready", small) == [("usa", "U.S.")]


def test_a_name_broken_over_a_line_or_a_non_breaking_space_is_one_mention(small):
    text = "the Islamic\nState of Iraq and the Levant, Bashar\xa0al-Assad"
    table = find_mentions(text, small)
    assert table["surface"].tolist() == [
        "Islamic\nState of Iraq and the Levant",
        "Bashar\xa0al-Assad",
    ]


# ----------------------------------------------------------------------------- selection


def test_the_longest_alias_wins_and_mentions_never_overlap(small):
    text = "The Islamic State of Iraq and the Levant and the Islamic State of Iraq met Iraq."
    assert found(text, small) == [
        ("islamic-state", "Islamic State of Iraq and the Levant"),
        ("islamic-state", "Islamic State"),
        ("iraq", "Iraq"),
        ("iraq", "Iraq"),
    ]
    table = find_mentions(text, small)
    assert (table["start"].to_numpy()[1:] >= table["end"].to_numpy()[:-1]).all()


def test_a_person_s_full_name_is_one_mention_not_a_name_and_a_surname(small):
    assert found("President Assad and Bashar al-Assad", small) == [
        ("assad", "President Assad"),
        ("assad", "Bashar al-Assad"),
    ]


def test_metonyms_are_ambiguous_and_can_be_left_out(small):
    text = "Moscow and the Kremlin denied it; Russia did not."
    assert found(text, small) == [
        ("russia", "Moscow"),
        ("russia", "the Kremlin"),
        ("russia", "Russia"),
    ]
    assert found(text, small, include_ambiguous=False) == [("russia", "Russia")]


def test_leaving_out_an_ambiguous_long_alias_lets_the_shorter_one_through(tmp_path):
    path = write_csv(
        tmp_path / "g.csv",
        ACTOR_COLUMNS,
        [
            actor_row(
                "usa",
                "United States",
                aliases="the White House | White House",
                ambiguous="the White House",
            )
        ],
    )
    g = read_gazetteer(path)
    assert found("the White House said", g) == [("usa", "the White House")]
    assert found("the White House said", g, include_ambiguous=False) == [("usa", "White House")]


# ----------------------------------------------------------------------------- hostile input


def test_hostile_input_is_handled_and_offsets_stay_exact(small):
    long_word = "a" * 1_000_000
    binaryish = bytes(range(1, 256)).decode("latin-1") * 200
    surrogates = "\ud800Russia\udfff Russia"
    astral = "🙂🙂 Syria 𝐀 Iran"
    expanding = "İİİ Russia İSTANBUL İran"  # 'İ'.lower() is two characters
    for text in (
        long_word + " Iran " + long_word,
        binaryish + " Iraq",
        surrogates,
        astral,
        expanding,
    ):
        table = find_mentions(text, small)
        assert all(text[s:e] == v for v, s, e in table[["surface", "start", "end"]].values)
        same_as_reference(text, small)
    assert found(astral, small) == [("syria", "Syria"), ("iran", "Iran")]
    # 'İ' folds to 'i' (the first character of its lower case), so "İran" is Iran.
    assert found(expanding, small) == [("russia", "Russia"), ("iran", "İran")]


def test_results_do_not_depend_on_how_the_text_is_chunked(small, monkeypatch):
    text = (
        "WHAT IS NEXT\nThe Islamic State of Iraq and the Levant, Moscow’s ally Assad, US-led "
        "and U.S. forces; Jabhat al-Nusra near Damascus. " * 40
    )
    whole = find_mentions(text, small)
    for size in (1, 7, 64, 1000):
        monkeypatch.setattr(actors_module, "_CHUNK", size)
        assert find_mentions(text, small).equals(whole), size


# ----------------------------------------------------------------------------- property tests

_SURFACES = sorted(set(read_gazetteer(FIXTURE).aliases["alias"]))
_PIECES = st.one_of(
    st.sampled_from(_SURFACES),
    st.sampled_from(_SURFACES).map(str.upper),
    st.sampled_from(_SURFACES).map(str.lower),
    st.sampled_from(_SURFACES).map(lambda s: s.replace("'", "’")),
    st.sampled_from(
        [
            " ",
            "  ",
            ", ",
            ". ",
            "\n",
            "\r\n",
            "\t",
            "\xa0",
            "’s ",
            "'s ",
            "-",
            "/",
            "(",
            ")",
            "the ",
            "The ",
            "is ",
            "us ",
            "Is ",
            "WHAT ",
            "NEXT ",
            "AND ",
            "a",
            "an",
            "n",
            "s",
            "ian",
            "2",
            "é",
            "É",
            "İ",
            "Σ",
            "ς",
            "\u0301",
            "و",
            "🙂",
            "U.S",
            ".",
        ]
    ),
    st.text(max_size=3),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(_PIECES, max_size=30), include_ambiguous=st.booleans())
def test_property_mentions_equal_the_slow_reference_and_keep_their_invariants(
    small, pieces, include_ambiguous
):
    text = "".join(pieces)
    table = find_mentions(text, small, include_ambiguous=include_ambiguous)
    starts, ends = table["start"].tolist(), table["end"].tolist()
    assert all(0 <= s < e <= len(text) for s, e in zip(starts, ends, strict=True))
    assert table["surface"].tolist() == [text[s:e] for s, e in zip(starts, ends, strict=True)]
    assert starts == sorted(starts)
    assert all(e <= s for e, s in zip(ends, starts[1:], strict=False))
    same_as_reference(text, small, include_ambiguous)


# ----------------------------------------------------------------------------- the gazetteer


def test_gazetteer_tables_and_parents(small):
    assert list(small.table.columns) == [*ACTOR_COLUMNS, NOT_ALIASES]
    assert small.table["actor_id"].is_unique
    assert list(small.aliases.columns) == ["actor_id", "alias", "exact_case", "ambiguous"]
    rows = small.aliases.set_index("alias")
    assert rows.loc["IS", "exact_case"] and not rows.loc["U.S.", "exact_case"]
    assert rows.loc["Moscow", "ambiguous"] and not rows.loc["Russia", "ambiguous"]
    assert rows.loc["Russia", "actor_id"] == "russia"  # the name is an alias too
    assert small.parent_of("quds-force") == "irgc" and small.parent_of("irgc") == "iran"
    assert small.parent_of("russia") is None
    with pytest.raises(KeyError, match="no actor 'atlantis'"):
        small.parent_of("atlantis")


def bad_gazetteer(tmp_path, rows, header=ACTOR_COLUMNS) -> str:
    path = write_csv(tmp_path / "actors.csv", header, rows)
    with pytest.raises(TableError) as err:
        read_gazetteer(path)
    return str(err.value)


@pytest.mark.parametrize(
    "rows, expected",
    [
        (
            [actor_row("russia", "Russia"), actor_row("russia", "Russland")],
            r"actors\.csv, line 3, column actor_id: 'russia' is already used "
            r"\(actors\.csv, line 2\)",
        ),
        ([actor_row("Russia", "Russia")], r"line 2, column actor_id: 'Russia' is not a slug"),
        ([actor_row("russia", "Russia", kind="country")], r"line 2, column kind: 'country'"),
        (
            [actor_row("putin", "Putin", "person", parent="russia")],
            r"line 2, column parent: no actor 'russia'",
        ),
        (
            [actor_row("a", "A", parent="b"), actor_row("b", "B", parent="a")],
            r"line 2, column parent: 'a' would be its own ancestor",
        ),
        (
            [actor_row("russia", "Russia", aliases="Moscow", ambiguous="Kremlin")],
            r"column ambiguous: 'Kremlin'",
        ),
        (
            [actor_row("russia", "Russia", aliases="Moscow|Kremlin")],
            r"column aliases: 'Moscow\|Kremlin' contains '\|'",
        ),
        (
            [actor_row("russia", "Russia", aliases="Moscow |  Kremlin")],
            r"column aliases: ' Kremlin' has a space",
        ),
        (
            [actor_row("russia", "Russia", aliases="Russia | Moscow")],
            r"column aliases: 'Russia' repeats the name",
        ),
        ([actor_row("russia", "Russia", aliases="Moscow | Moscow")], r"'Moscow' is listed twice"),
        ([actor_row("russia", "")], r"line 2, column name: empty"),
        (
            [
                actor_row("russia", "Russia", aliases="Moscow"),
                actor_row("moscow-city", "City", aliases="moscow"),
            ],
            r"line 3, column aliases: alias 'moscow' already names 'russia' "
            r"\(actors\.csv, line 2\)",
        ),
        (
            [
                actor_row("nusra", "Nusra", aliases="Hay'at"),
                actor_row("hts", "HTS", aliases="Hay’at"),
            ],
            r"line 3, column aliases: alias 'Hay’at' already names 'nusra'",
        ),
    ],
)
def test_a_gazetteer_that_breaks_a_rule_is_refused_naming_file_line_column(
    tmp_path, rows, expected
):
    assert re.search(expected, bad_gazetteer(tmp_path, rows))


def test_a_gazetteer_with_other_columns_is_refused(tmp_path):
    message = bad_gazetteer(tmp_path, [["russia", "Russia"]], header=["actor_id", "name"])
    assert message.startswith("actors.csv: missing columns: kind, cameo, ")
    assert "give actor_id, name, kind" in message


def test_an_alias_ambiguous_in_both_rows_goes_to_the_first_row(tmp_path):
    path = write_csv(
        tmp_path / "actors.csv",
        ACTOR_COLUMNS,
        [
            actor_row("syria", "Syria", aliases="the regime", ambiguous="the regime"),
            actor_row("iran", "Iran", aliases="the regime", ambiguous="the regime"),
        ],
    )
    g = read_gazetteer(path)
    assert found("The regime said", g) == [("syria", "The regime")]
    assert g.aliases.query("alias == 'the regime'")["actor_id"].tolist() == ["syria"]
    assert found("The regime said", g, include_ambiguous=False) == []


# ----------------------------------------------------------------------------- extensions


def test_an_extension_adds_aliases_and_the_counts_change(small, tmp_path):
    text = "Vova spoke. The Kremlin agreed. Kremlin sources and Putin."
    extra = write_csv(tmp_path / "mine.csv", ["actor_id", "aliases"], [["putin", "Vova"]])
    before = mention_counts({"t": text}, gazetteer=small)
    after = mention_counts({"t": text}, gazetteer=read_gazetteer(FIXTURE, extra=extra))
    assert before.loc["putin", "t"] == 1 and after.loc["putin", "t"] == 2
    assert after.loc["russia", "t"] == before.loc["russia", "t"] == 2


def test_an_extension_can_add_an_actor_named_by_its_first_alias(tmp_path):
    extra = write_csv(
        tmp_path / "mine.csv",
        ["actor_id", "aliases", "ambiguous", "parent"],
        [["white-helmets", "White Helmets | Syria Civil Defence | the helmets", "the helmets", ""]],
    )
    g = read_gazetteer(FIXTURE, extra=extra)
    row = g.table.set_index("actor_id").loc["white-helmets"]
    assert row["name"] == "White Helmets" and row["aliases"] == "Syria Civil Defence | the helmets"
    text = "The White Helmets (Syria Civil Defence) and the helmets in Syria."
    assert found(text, g) == [
        ("white-helmets", "White Helmets"),
        ("white-helmets", "Syria Civil Defence"),
        ("white-helmets", "the helmets"),
        ("syria", "Syria"),
    ]
    assert ("white-helmets", "the helmets") not in found(text, g, include_ambiguous=False)


def test_an_extension_can_mark_an_alias_the_actor_already_has_as_ambiguous(small, tmp_path):
    extra = write_csv(
        tmp_path / "mine.csv",
        ["actor_id", "aliases", "ambiguous"],
        [["russia", "Russian Federation | Rossiya", "Russian Federation | Russia"]],
    )
    g = read_gazetteer(FIXTURE, extra=extra)
    text = "Russia, the Russian Federation, Rossiya"
    assert found(text, small, include_ambiguous=False) == [
        ("russia", "Russia"),
        ("russia", "Russian Federation"),
    ]
    assert found(text, g, include_ambiguous=False) == [("russia", "Rossiya")]
    row = g.table.set_index("actor_id").loc["russia"]
    assert row["ambiguous"].split(" | ")[-2:] == ["Russian Federation", "Russia"]
    assert row["aliases"].endswith(" | Rossiya")


def test_an_extension_that_steals_an_alias_is_refused_naming_its_file_and_line(tmp_path):
    extra = write_csv(
        tmp_path / "mine.csv",
        ["actor_id", "aliases"],
        [["putin", "Vova"], ["moscow-city", "Moscow | Moskva"]],
    )
    with pytest.raises(TableError) as err:
        read_gazetteer(FIXTURE, extra=extra)
    message = str(err.value)
    assert "mine.csv, line 3, column aliases" in message
    assert "'Moscow' already names 'russia' (gazetteer_small.csv, line 2)" in message


def test_an_extension_cannot_rename_an_existing_actor(tmp_path):
    extra = write_csv(
        tmp_path / "mine.csv", ["actor_id", "name", "aliases"], [["putin", "Vova", "V."]]
    )
    with pytest.raises(TableError, match=r"mine\.csv, line 2, column name: 'Vova' differs"):
        read_gazetteer(FIXTURE, extra=extra)


def test_an_extension_with_an_unknown_column_is_refused(tmp_path):
    extra = write_csv(
        tmp_path / "mine.csv", ["actor_id", "aliases", "colour"], [["putin", "V", "red"]]
    )
    with pytest.raises(TableError, match=r"mine\.csv: unexpected columns: 'colour'; give actor_id"):
        read_gazetteer(FIXTURE, extra=extra)


# ----------------------------------------------------------------------------- counts, segments


def test_mention_counts_has_one_row_per_actor_and_one_column_per_source(small):
    sources = [
        Source.from_text("Russia and Iran. Russia again.", source_id="a"),
        Source.from_text("Iran’s view; Tehran agrees.", source_id="b"),
    ]
    counts = mention_counts(sources, gazetteer=small)
    assert list(counts.columns) == ["a", "b"]
    assert counts.to_dict("index") == {"iran": {"a": 1, "b": 2}, "russia": {"a": 2, "b": 0}}
    by_surface = mention_counts(sources, by="surface", gazetteer=small)
    assert by_surface.loc["Tehran"].tolist() == [0, 1]
    strict = mention_counts(sources, gazetteer=small, include_ambiguous=False)
    assert strict.loc["iran"].tolist() == [1, 1]


def test_mention_counts_accepts_a_mentions_table_with_a_source_column(small):
    a = find_mentions("Russia, Russia", small).assign(source_id="a")
    b = find_mentions("Russia", small).assign(source_id="b")
    counts = mention_counts(pd.concat([a, b]))
    assert counts.loc["russia"].tolist() == [2, 1]
    with pytest.raises(ValueError, match="by="):
        mention_counts(a, by="kind")


def test_mentions_by_segment_tells_the_article_from_its_comments(small):
    page = (
        "Russia and Iran deepen ties\n\n"
        "Russia and Iran agreed on Monday to share intelligence with Iraq, officials in Baghdad "
        "said in a statement released after the meeting.\n\n"
        "The Kremlin said the centre would open in Baghdad within weeks, and that Syria would "
        "take part in it as well.\n\n"
        "Comments\n\n"
        "Sam | 21/7/2016\nThe Kremlin cannot be trusted, and neither can the US.\n"
    )
    table = mentions_by_segment(page, gazetteer=small)
    assert list(table.columns) == [*MENTION_COLUMNS, "segment"]
    assert table.groupby("segment", sort=False)["actor_id"].apply(list).to_dict() == {
        "headline": ["russia", "iran"],
        "standfirst": ["russia", "iran", "iraq", "iraq"],
        "body": ["russia", "iraq", "syria"],
        "comment": ["russia", "usa"],
    }
    assert mentions_by_segment("", gazetteer=small).columns.tolist() == [
        *MENTION_COLUMNS,
        "segment",
    ]


# ----------------------------------------------------------------------------- real data


def test_the_seeds_match_the_reference_with_the_fixture(small):
    for source in load_corpus():
        same_as_reference(source.text, small)
        same_as_reference(source.text, small, include_ambiguous=False)


needs_real = pytest.mark.skipif(not REAL.is_file(), reason="data/actors.csv not written yet")


@needs_real
def test_the_shipped_gazetteer_reads_and_is_the_cached_default():
    g = read_gazetteer()
    assert actors_module.default_gazetteer() is actors_module.default_gazetteer()
    for actor_id in ("russia", "syria", "usa", "islamic-state", "nusra", "putin", "assad", "un"):
        assert actor_id in g
    assert g.parent_of("putin") == "russia" and g.parent_of("quds-force") == "irgc"
    assert find_mentions("The Kremlin").loc[0, "actor_id"] == "russia"


@needs_real
def test_the_shipped_gazetteer_matches_the_reference_on_seeds_and_fakes():
    from helpers.fakes import fakes_sources

    g = read_gazetteer()
    for source in load_corpus():
        same_as_reference(source.text, g)
    for source in itertools.islice(fakes_sources(), 0, 804, 8):
        same_as_reference(source.text, g)
        same_as_reference(source.text, g, include_ambiguous=False)


# ------------------------------------------------------- Unicode, and names that are no actor's


@pytest.mark.parametrize(
    "written",
    [
        unicodedata.normalize("NFD", "Erdoğan"),
        "Erdo\u00adğan",
        "Erdo\u200bğan",
        "\u200eErdoğan\u200f",
        "Erdo\u00ad" + unicodedata.normalize("NFD", "ğ") + "an",
    ],
    ids=["decomposed", "soft-hyphen", "zero-width-space", "direction-marks", "both"],
)
def test_a_name_written_with_invisible_characters_or_decomposed_accents_is_found(written):
    text = f"President {written} spoke."
    table = find_mentions(text)
    assert table["actor_id"].tolist() == ["erdogan"]
    start, end = int(table["start"].iloc[0]), int(table["end"].iloc[0])
    assert text[start:end] == table["surface"].iloc[0]
    assert text[start:end].strip("\u200e\u200f") == written.strip("\u200e\u200f")


def test_offsets_after_a_normalised_name_still_point_into_the_raw_text():
    text = unicodedata.normalize("NFD", "Erdoğan and Éric met in Moscow") + "\u00ad and Ankara"
    table = find_mentions(text)
    for row in table.itertuples():
        assert text[row.start : row.end] == row.surface
    assert table["surface"].tolist()[-2:] == ["Moscow", "Ankara"]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Flights landed at Bassel al-Assad International Airport near Latakia.", "assad"),
        ("Iran's Supreme National Security Council met in Tehran.", "un-security-council"),
        ("the more Islamist Syrian forces like Ahrar al-Sham", "syrian-armed-forces"),
    ],
)
def test_a_longer_name_that_contains_an_alias_does_not_name_the_actor(text, absent):
    assert absent not in find_mentions(text)["actor_id"].tolist()


def test_the_more_islamist_forces_are_ahrar_al_sham_not_the_army():
    found_ids = find_mentions("the more Islamist Syrian forces like Ahrar al-Sham")["actor_id"]
    assert found_ids.tolist() == ["ahrar-al-sham"]


def test_a_name_listed_as_no_actor_s_and_as_an_alias_is_refused(tmp_path):
    header = [*ACTOR_COLUMNS, NOT_ALIASES]
    rows = [
        [*actor_row("syria", "Syria", aliases="Damascus"), ""],
        [*actor_row("iran", "Iran"), "Damascus"],
    ]
    path = write_csv(tmp_path / "actors.csv", header, rows)
    with pytest.raises(TableError, match=r"line 3, column not_aliases: 'Damascus' .* alias of"):
        read_gazetteer(path)


def test_names_that_are_no_actor_s_block_the_alias_inside_them(tmp_path):
    header = [*ACTOR_COLUMNS, NOT_ALIASES]
    rows = [[*actor_row("syria", "Syria", aliases="Damascus"), "Damascus University"]]
    gazetteer = read_gazetteer(write_csv(tmp_path / "actors.csv", header, rows))
    text = "Damascus said so at Damascus University."
    assert found(text, gazetteer) == [("syria", "Damascus")]
    same_as_reference(text, gazetteer)
