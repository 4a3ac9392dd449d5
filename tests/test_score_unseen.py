"""The unseen-page scorer (benchmarks/score_unseen.py) scores as designed.

These check the scorer, not the tools: a tiny page and gold written here, with a fake voices
table, must give the verdicts chosen for them; and the real gold set must load and locate.
"""

from __future__ import annotations

import importlib.util
import json

import pandas as pd
import pytest

from helpers.paths import course_root

SCRIPT = course_root() / "benchmarks" / "score_unseen.py"
UNSEEN = course_root() / "benchmarks" / "unseen"


@pytest.fixture(scope="module")
def scorer():
    spec = importlib.util.spec_from_file_location("score_unseen", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PAGE = (
    "Talks stall in Geneva\n\n"
    "Kremlin spokesman Dmitry Peskov said the strikes would go on.\n\n"  # right (last name)
    "Sergei Lavrov said the talks had failed.\n\n"  # wrong: the tool says Kerry
    "Officials said the convoy was delayed.\n\n"  # missed: no tool row
    "The talks were reported to have stalled.\n\n"  # null speaker, tool gives none: right
    "The strikes were said to have hit a hospital.\n\n"  # null speaker, tool names one: wrong
    "Weather was fine, a forecaster said.\n"  # extra: no gold voice here
)
GOLD_VOICES = [
    {"quote": "the strikes would go on", "speaker": "Kremlin spokesman Dmitry Peskov",
     "speaker_full": "Dmitry Peskov", "relay": [], "kind": "reported statement"},
    {"quote": "the talks had failed", "speaker": "Sergei Lavrov", "speaker_full": None,
     "relay": [], "kind": "reported statement"},
    {"quote": "the convoy was delayed", "speaker": "Officials", "speaker_full": None,
     "relay": ["Interfax"], "kind": "reported statement"},
    {"quote": "to have stalled", "speaker": None, "speaker_full": None, "relay": [],
     "kind": "reported statement"},
    {"quote": "to have hit a hospital", "speaker": None, "speaker_full": None, "relay": [],
     "kind": "reported statement"},
]  # fmt: skip


def _row(needle: str, speaker: str, resolved: str | None = None) -> dict:
    start = PAGE.index(needle)
    return {"start": start, "end": start + len(needle), "speaker": speaker,
            "resolved": speaker if resolved is None else resolved}  # fmt: skip


def fake_voices() -> pd.DataFrame:
    return pd.DataFrame(
        [
            _row("Peskov said the strikes would go on", "Peskov"),
            _row("Lavrov said the talks had failed", "Kerry"),
            _row("The talks were reported to have stalled", ""),
            _row("The strikes were said to have hit", "Moscow"),
            _row("Weather was fine, a forecaster said", "a forecaster"),
        ]
    )


def test_verdicts_right_wrong_missed_extra(scorer):
    items, extras = scorer.score_speakers("page", PAGE, GOLD_VOICES, fake_voices())
    verdicts = [i["verdict"] for i in items]
    assert verdicts == ["right", "wrong", "missed", "right", "wrong"]
    assert items[0]["how"] == "last name"
    assert items[2]["how"] == "no tool row overlaps"
    assert items[2]["relay_named"] == "not produced"  # the fake table has no relay column
    assert [e["speaker"] for e in extras] == ["a forecaster"]
    for item in items:
        assert PAGE[item["start"] : item["end"]] == item["quote"]


def _write_set(folder) -> None:
    (folder / "pages").mkdir()
    (folder / "gold").mkdir()
    (folder / "pages" / "page.txt").write_text(PAGE, encoding="utf-8")
    metadata = {
        f: {"value": None, "basis": "unknown", "evidence": None, "note": ""}
        for f in ("author", "published", "outlet", "url")
    }
    metadata["title"] = {
        "value": "Talks stall in Geneva",
        "basis": "text",
        "evidence": "",
        "note": "",
    }
    gold = {
        "file": "page.txt",
        "metadata": metadata,
        "parts": [{"kind": "headline", "quote": "Talks stall in Geneva"}],
        "truncated": False,
        "listing": False,
        "voices": GOLD_VOICES,
    }
    (folder / "gold" / "page.json").write_text(json.dumps(gold), encoding="utf-8")


def test_whole_run_on_a_tiny_set(scorer, tmp_path, monkeypatch):
    import helpers.perspectives

    _write_set(tmp_path)
    monkeypatch.setattr(helpers.perspectives, "voices", lambda source: fake_voices())
    result = scorer.run(tmp_path / "pages", tmp_path / "gold")
    figures = result["figures"]["speakers"]
    assert (figures["right"], figures["wrong"], figures["missed"], figures["extra"]) == (2, 2, 1, 1)
    assert result["errors"] == []
    assert len(result["items"]["metadata"]) == 5
    assert "speakers right" in scorer.report(result)


def test_a_tool_error_counts_the_page_wrong_and_is_named(scorer, tmp_path, monkeypatch):
    import helpers.perspectives

    def broken(source):
        raise RuntimeError("boom")

    _write_set(tmp_path)
    monkeypatch.setattr(helpers.perspectives, "voices", broken)
    result = scorer.run(tmp_path / "pages", tmp_path / "gold")
    assert {i["verdict"] for i in result["items"]["speakers"]} == {"wrong"}
    assert result["errors"] == [{"page": "page", "tool": "voices", "error": "RuntimeError: boom"}]
    assert "page voices: RuntimeError: boom" in scorer.report(result)


def test_last_name_rule_and_names(scorer):
    assert scorer.names_match("Peskov", "Dmitry Peskov") == "last name"
    assert scorer.names_match("Dmitrý PESKOV", "dmitry peskov") == "exact"
    assert scorer.names_match("the Observatory", "Observatory") == "exact"
    assert scorer.names_match("Lavrov", "Dmitry Peskov") == ""
    assert scorer.names_match("Cavuşoğlu's", "Mevlut Cavusoglu") == "last name"
    # a pronoun counts by what the tool resolves it to
    obama = {"speaker": "he", "speaker_full": "Barack Obama"}
    wrong_one = [{"speaker": "He", "resolved": "Rami Abdulrahman"}]
    assert scorer.speaker_verdict(obama, wrong_one)[0] == "wrong"
    assert scorer.speaker_verdict(obama, [{"speaker": "he", "resolved": "Obama"}])[0] == "right"
    assert scorer.speaker_verdict({"speaker": "Kerry"}, [{"speaker": "I", "resolved": ""}]) == (
        "missed",
        "tool gives an unresolved pronoun",
    )


def test_null_gold_speaker_right_only_without_tool_speaker(scorer):
    null = {"speaker": None, "speaker_full": None}
    assert scorer.speaker_verdict(null, [{"speaker": "", "resolved": ""}])[0] == "right"
    assert scorer.speaker_verdict(null, [{"speaker": "Russia", "resolved": "Russia"}])[0] == "wrong"
    assert scorer.speaker_verdict(null, [])[0] == "missed"


def test_repeated_quote_takes_the_occurrence_after_the_previous_voice(scorer):
    text = "A said it failed. B said the plan works. C said it failed."
    gold = [
        {"quote": "the plan works", "speaker": "B", "speaker_full": None, "kind": "x"},
        {"quote": "it failed", "speaker": "C", "speaker_full": None, "kind": "x"},
    ]
    items, _ = scorer.score_speakers("p", text, gold, [])
    assert items[1]["start"] == text.rindex("it failed")


def test_metadata_and_parts_rules(scorer):
    gold = {"value": "2015-10", "basis": "inferred"}
    assert scorer.metadata_verdict("published", gold, "October 3, 2015", "inferred") == "right"
    assert scorer.metadata_verdict("published", gold, "2015-10-03", "text") == "wrong"
    unknown = {"value": None, "basis": "unknown"}
    assert scorer.metadata_verdict("author", unknown, None, "unknown") == "right"
    assert scorer.metadata_verdict("author", unknown, "Staff", "text") == "wrong"
    title = {"value": "Talks  Stall", "basis": "text"}
    assert scorer.metadata_verdict("title", title, "talks stall", "text") == "right"
    parts = [{"start": 0, "end": 23, "kind": "headline"}, {"start": 23, "end": 90, "kind": "body"}]
    gold_parts = [
        {"kind": "headline", "quote": "Talks stall"},
        {"kind": "credit", "quote": "Kreml"},
    ]
    items = scorer.score_parts("p", PAGE, gold_parts, parts)
    assert [(i["verdict"], i["mapped"]) for i in items] == [
        ("right", "headline"),
        ("wrong", "body"),
    ]
    assert set(scorer.PART_MAP.values()) <= set(scorer.GOLD_PART_KINDS)


def test_real_gold_loads_and_every_quote_is_found(scorer):
    from helpers import load_corpus

    gold = scorer.load_gold(UNSEEN / "gold")
    assert len(gold) == 35
    corpus = load_corpus(UNSEEN / "pages")
    assert sorted(gold) == sorted(corpus.ids)
    for page, one in gold.items():
        raw = (UNSEEN / "pages" / one["file"]).read_text(encoding="utf-8")
        source = corpus[page]
        for voice in one["voices"]:
            assert voice["quote"] in raw, (page, voice["quote"])
            located = scorer.locate(voice["quote"], source.text, 0, source.format == "html")
            assert located is not None, (page, voice["quote"])
        for part in one["parts"]:
            assert scorer.locate(part["quote"], source.text, 0, source.format == "html"), page
    json.dumps(scorer.load_kinds(UNSEEN / "manifest.csv"))  # the manifest reads


def test_pages_split_into_dev_and_held_out_and_held_out_items_stay_hidden(scorer, capsys):
    pages = [p.stem for p in (SCRIPT.parent / "unseen" / "pages").iterdir()]
    dev = {p for p in pages if scorer.in_split(p, "dev")}
    held_out = {p for p in pages if scorer.in_split(p, "held-out")}
    assert dev and held_out and not dev & held_out and dev | held_out == set(pages)
    with pytest.raises(SystemExit):
        scorer.main(["--items", "--split", "held-out"])
    assert "dev pages only" in capsys.readouterr().err
