"""The rating form without a browser: methods and button clicks write what the store expects."""

from __future__ import annotations

import pytest

from helpers import load_corpus
from helpers.annotations import annotation_path, load_annotations
from helpers.corpus import Corpus, Source
from helpers.widgets import RatingForm, rating_form

QUOTE = (
    "The United States has proposed working militarily with the Russians in Syria against a "
    "common enemy, the al-Qaeda-linked Jabhat al-Nusra group."
)
RUDAW = "001_d05eff7ba99ae3f9"


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


@pytest.fixture
def form(corpus, tmp_path):
    return rating_form(corpus, "student", folder=tmp_path, start=1)


def csv_rows(tmp_path):
    path = annotation_path("student", tmp_path)
    return load_annotations(path) if path.exists() else None


def test_save_writes_the_row_with_the_located_span(form, corpus, tmp_path):
    assert form.source.id == RUDAW
    form.set_rating(reliability="B", rationale="Three named analysts, dated, outlet known.")
    assert form.add_evidence(QUOTE) is True
    start = corpus[RUDAW].text.index(QUOTE)
    assert form.evidence == [(start, start + len(QUOTE))]
    assert form.save() is True
    assert "student.csv" in form.status and "Saved reliability B" in form.status
    rows = csv_rows(tmp_path)
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row.source_id, row.level, row.target, row.reliability, row.credibility) == (
        RUDAW,
        "source",
        "article",
        "B",
        "",
    )
    assert row.rationale == "Three named analysts, dated, outlet known."
    assert row.evidence == f"{start}-{start + len(QUOTE)}"
    assert "Three named analysts" in form.saved_view.value
    assert "1 evidence span" in form.saved_view.value
    assert form.saved()["source_id"].tolist() == [RUDAW]


def test_a_quote_not_in_the_text_is_refused_and_nothing_is_attached(form):
    assert form.add_evidence("The United States has proposed working militarily!") is False
    assert form.evidence == []
    assert "not found in the text: copy it exactly, including punctuation" in form.status
    assert form.add_evidence("   ") is False
    assert form.evidence == []


def test_quote_surrounding_whitespace_is_ignored_and_duplicates_are_not_added(form):
    assert form.add_evidence(f"  {QUOTE}\n") is True
    assert form.add_evidence(QUOTE) is True
    assert len(form.evidence) == 1
    assert "–" in form.evidence_view.value
    form.clear_evidence()
    assert form.evidence == []
    assert "No evidence attached" in form.evidence_view.value


def test_save_without_rationale_shows_the_store_message_and_writes_nothing(form, tmp_path):
    form.set_rating(reliability="C")
    assert form.save() is False
    assert form.status.startswith("Not saved: student.csv, new row, column rationale: empty")
    assert "rationale: empty" in form.status_view.value
    assert not annotation_path("student", tmp_path).exists()
    assert not list(tmp_path.iterdir())


def test_save_without_reliability_is_refused_by_the_store(form, tmp_path):
    form.set_rating(rationale="A reason.")
    assert form.save() is False
    assert "column reliability: empty" in form.status
    assert csv_rows(tmp_path) is None


def test_navigation_stops_at_the_ends(corpus, tmp_path):
    form = rating_form(corpus, "student", folder=tmp_path)
    assert form.index == 0 and form.previous_button.disabled
    form.previous()
    assert form.index == 0 and "first source" in form.status
    for expected in range(1, len(corpus)):
        form.next()
        assert form.index == expected
    assert form.next_button.disabled and not form.previous_button.disabled
    form.next()
    assert form.index == len(corpus) - 1 and "last source" in form.status
    assert "5 of 5" in form.header.value
    form.select(2)
    assert form.index == 2 and "3 of 5" in form.header.value
    form.select(99)
    assert form.index == 2 and "no source 100" in form.status


def test_navigating_loads_the_saved_rating_and_empties_unrated_ones(form):
    form.set_rating(reliability="B", rationale="Named analysts.")
    form.add_evidence(QUOTE)
    assert form.save()
    form.next()
    assert (form.reliability.value, form.rationale.value, form.evidence) == ("", "", [])
    assert "nothing for this source yet" in form.saved_view.value
    form.previous()
    assert (form.reliability.value, form.rationale.value) == ("B", "Named analysts.")
    assert len(form.evidence) == 1
    assert "loaded your saved rating" in form.status
    form.set_rating(target="comments")
    assert (form.reliability.value, form.rationale.value, form.evidence) == ("", "", [])
    form.set_rating(reliability="D", rationale="Anonymous readers.")
    assert form.save()
    latest = form.saved().set_index("target")
    assert latest.loc["article", "reliability"] == "B"
    assert latest.loc["comments", "reliability"] == "D"
    assert "comments" in form.saved_view.value and "article" in form.saved_view.value


def test_one_file_can_hold_ratings_of_two_corpora_and_each_form_shows_its_own(corpus, tmp_path):
    seeds_form = rating_form(corpus, "student", folder=tmp_path, start=1)
    seeds_form.set_rating(reliability="B", rationale="Named analysts.")
    assert seeds_form.save()
    own = Corpus([Source.from_text("My own page, rated too.", source_id="my-page")])
    own_form = rating_form(own, "student", folder=tmp_path)
    assert "nothing for this source yet" in own_form.saved_view.value
    own_form.set_rating(reliability="C", rationale="One page of my own.")
    assert own_form.save()
    assert own_form.saved()["source_id"].tolist() == ["my-page"]
    again = rating_form(corpus, "student", folder=tmp_path, start=1)
    assert (again.reliability.value, again.rationale.value) == ("B", "Named analysts.")
    assert "loaded your saved rating" in again.status
    assert len(csv_rows(tmp_path)) == 2  # both kept in the one file


def test_a_resave_is_a_new_row_and_the_latest_wins(form, tmp_path):
    form.set_rating(reliability="C", rationale="First look.")
    assert form.save()
    form.set_rating(reliability="B", rationale="Second look.")
    assert form.save()
    assert len(csv_rows(tmp_path)) == 2
    assert form.saved()["reliability"].tolist() == ["B"]


def test_bad_codes_and_targets_are_refused_in_the_status(form):
    form.set_rating(reliability="G")
    assert form.reliability.value == "" and "Not a reliability code" in form.status
    form.set_rating(credibility=2)
    assert form.credibility.value == "" and "not rated at level 'source'" in form.status
    form.set_rating(target="headline")
    assert form.target_choice.value == "article" and "Not a target" in form.status


def test_credibility_is_greyed_at_source_level_and_active_for_claims(corpus, tmp_path):
    form = rating_form(corpus, "student", folder=tmp_path)
    assert form.credibility.disabled
    assert "opacity" in form.credibility_help.value
    claims = rating_form(corpus, "student", folder=tmp_path, level="claim", targets=("c1",))
    assert not claims.credibility.disabled
    claims.set_rating(credibility="2", rationale="Consistent with the wire reports.")
    assert claims.save(), claims.status
    row = csv_rows(tmp_path).iloc[0]
    assert (row.level, row.target, row.credibility, row.reliability) == ("claim", "c1", "2", "")


def test_scale_help_lists_every_code_and_emphasises_the_chosen_one(form):
    for code in "ABCDEF":
        assert f"{code} — " in form.reliability_help.value
    form.set_rating(reliability="E")
    assert "<b>E — Unreliable</b>" in form.reliability_help.value
    assert "◀ chosen" in form.reliability_help.value


def test_the_source_text_is_escaped(tmp_path):
    evil = Source.from_text(
        "Headline\n\nA body line with <script>alert('x')</script> in it, long enough to be "
        "prose for the segmenter to call it body text.\n",
        source_id="evil<b>",
        title="<img src=x onerror=alert(1)>",
    )
    form = rating_form(Corpus([evil]), "student", folder=tmp_path)
    shown = form.text_view.value + form.header.value
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert "<img" not in shown and "evil<b>" not in shown
    assert not form.add_evidence("<script>nope")
    assert "<script>" not in form.status_view.value


def test_clicking_the_buttons_does_what_the_methods_do(corpus, tmp_path):
    form = rating_form(corpus, "student", folder=tmp_path)
    form.next_button.click()
    assert form.index == 1
    form.reliability.value = "B"
    form.rationale.value = "Clicked through."
    form.quote.value = "no such words"
    form.add_button.click()
    assert form.evidence == [] and "not found in the text" in form.status
    form.quote.value = QUOTE
    form.add_button.click()
    assert len(form.evidence) == 1 and form.quote.value == ""
    form.clear_button.click()
    assert form.evidence == []
    form.quote.value = QUOTE
    form.add_button.click()
    form.save_button.click()
    assert "Saved reliability B" in form.status
    row = csv_rows(tmp_path).iloc[0]
    assert (row.source_id, row.reliability, row.rationale) == (RUDAW, "B", "Clicked through.")
    start = corpus[RUDAW].text.index(QUOTE)
    assert row.evidence == f"{start}-{start + len(QUOTE)}"
    form.previous_button.click()
    assert form.index == 0


def test_a_malformed_file_is_reported_not_raised_and_left_alone(form, tmp_path):
    path = annotation_path("student", tmp_path)
    path.write_text("not,a,valid,header\n", encoding="utf-8")
    form.select(0)
    assert "cannot read your file" in form.saved_view.value
    form.set_rating(reliability="B", rationale="Fine.")
    assert form.save() is False
    assert "Not saved: student.csv: missing columns" in form.status
    assert path.read_text(encoding="utf-8") == "not,a,valid,header\n"


def test_display_fallback_is_short_and_stable(form):
    assert repr(form) == "Rating form: 5 sources, annotator 'student'"
    assert form.widget.children


def test_bad_arguments_raise_at_construction(corpus, tmp_path):
    with pytest.raises(ValueError, match="annotator name"):
        rating_form(corpus, "no spaces please", folder=tmp_path)
    with pytest.raises(ValueError, match="level 'page'"):
        rating_form(corpus, "student", folder=tmp_path, level="page")
    with pytest.raises(ValueError, match="start 7"):
        rating_form(corpus, "student", folder=tmp_path, start=7)
    assert isinstance(rating_form(corpus, "student", folder=tmp_path), RatingForm)


def test_default_folder_is_the_work_dir(corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_WORK_DIR", str(tmp_path / "w"))
    form = rating_form(corpus, "student")
    form.set_rating(reliability="F", rationale="No basis.")
    assert form.save(), form.status
    assert (tmp_path / "w" / "annotations" / "student.csv").is_file()


def test_the_displayed_bundle_has_the_short_text_fallback(form, monkeypatch):
    shown = []
    monkeypatch.setattr("helpers.widgets.rating.display", lambda obj, raw=False: shown.append(obj))
    form._ipython_display_()
    (bundle,) = shown
    assert bundle["text/plain"] == "Rating form: 5 sources, annotator 'student'"
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == form.widget.model_id
