"""Exercise checks: reference answers pass, placeholders and wrong answers fail, no answer leaks."""

from __future__ import annotations

import importlib.util
import json
import re

import pytest

from helpers.exercises import lesson_checker
from helpers.paths import course_root

CHECKS = course_root() / "notebooks" / "checks"
LESSONS = sorted(p.name for p in CHECKS.iterdir() if p.is_dir())


def _solutions(lesson):
    spec = importlib.util.spec_from_file_location(
        f"solutions_{lesson}", CHECKS / lesson / "solutions.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _questions(lesson):
    return sorted(p.stem for p in (CHECKS / lesson).glob("q*.py"))


def _feedback(result):
    return repr(result) + result._repr_html_()


def _answer_texts(value):
    if isinstance(value, str):
        return [value] if len(value) > 1 else []
    if isinstance(value, dict):
        return [t for v in value.values() for t in _answer_texts(v)]
    if isinstance(value, set | list | tuple):
        return [t for v in value for t in _answer_texts(v)]
    return []


CASES = [(lesson, q) for lesson in LESSONS for q in _questions(lesson)]


def test_every_lesson_with_checks_has_a_notebook_and_solutions():
    assert LESSONS, "no checks found"
    for lesson in LESSONS:
        assert (course_root() / "notebooks" / f"{lesson}.ipynb").exists()
        assert set(_solutions(lesson).SOLUTIONS) == set(_questions(lesson))


@pytest.mark.parametrize(("lesson", "question"), CASES)
def test_reference_answer_passes(lesson, question):
    solutions = _solutions(lesson)
    setup = getattr(solutions, "SETUP", {}).get(question)
    if setup:  # e.g. save a rating first, as the student would have
        setup()
    env = dict(solutions.SOLUTIONS[question])
    result = lesson_checker(lesson).check(question, global_env=env)
    assert result.passed_all, _feedback(result)


ALTERNATIVES = [
    (lesson, question, answer)
    for lesson in LESSONS
    for question, answers in getattr(_solutions(lesson), "ALSO_ACCEPTED", {}).items()
    for answer in answers
]


@pytest.mark.parametrize(("lesson", "question", "answer"), ALTERNATIVES)
def test_every_recorded_alternative_answer_passes(lesson, question, answer):
    """solutions.py's ALSO_ACCEPTED: defensible answers other than the reference one."""
    solutions = _solutions(lesson)
    setup = getattr(solutions, "SETUP", {}).get(question)
    if setup:
        setup()
    result = lesson_checker(lesson).check(question, global_env=dict(answer))
    assert result.passed_all, _feedback(result)


def test_every_lesson_records_its_alternatives_where_the_data_has_them():
    assert ALTERNATIVES, "no ALSO_ACCEPTED answers recorded"


@pytest.mark.parametrize(("lesson", "question"), CASES)
def test_placeholder_fails_without_revealing_the_answer(lesson, question):
    solution = _solutions(lesson).SOLUTIONS[question]
    env = {name: ... for name in solution}
    if any(isinstance(v, dict) for v in solution.values()):
        env = {name: {k: ... for k in v} for name, v in solution.items()}
    result = lesson_checker(lesson).check(question, global_env=env)
    assert not result.passed_all
    feedback = _feedback(result)
    assert "Replace the ..." in feedback or "Still to answer" in feedback
    listed = getattr(_solutions(lesson), "OPTIONS", {}).get(question, set())  # shown to everyone
    for text in set(_answer_texts(solution)) - listed:
        assert text.lower() not in feedback.lower(), (
            f"{question} feedback shows the answer {text!r}"
        )


@pytest.mark.parametrize(("lesson", "question"), CASES)
def test_wrong_answers_fail_without_revealing_the_answer(lesson, question):
    solutions = _solutions(lesson)
    listed = getattr(solutions, "OPTIONS", {}).get(question, set())  # shown to everyone
    for wrong in solutions.WRONG[question]:
        result = lesson_checker(lesson).check(question, global_env=dict(wrong))
        assert not result.passed_all, f"{question} accepted {wrong}"
        feedback = _feedback(result)
        for text in _answer_texts(solutions.SOLUTIONS[question][next(iter(wrong))]):
            if text not in _answer_texts(wrong) and text not in listed:
                assert text.lower() not in feedback.lower(), f"{question} feedback shows {text!r}"


@pytest.mark.parametrize("lesson", LESSONS)
def test_checks_contain_no_answer_in_clear(lesson):
    module = _solutions(lesson)
    for question in _questions(lesson):
        text = (CHECKS / lesson / f"{question}.py").read_text(encoding="utf-8").lower()
        answers = [v for v in module.SOLUTIONS[question].values() if not isinstance(v, set)]
        listed = getattr(module, "OPTIONS", {}).get(question, set())  # options shown to everyone
        for answer in _answer_texts(answers):  # a set answer's names are the listed options
            if len(answer) > 3 and answer not in listed:
                assert f'"{answer.lower()}"' not in text and f"'{answer.lower()}'" not in text


@pytest.mark.parametrize("lesson", LESSONS)
def test_notebook_offers_every_exercise_with_a_placeholder_and_a_check(lesson):
    nb = json.loads((course_root() / "notebooks" / f"{lesson}.ipynb").read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    module = _solutions(lesson)
    for question, answers in module.SOLUTIONS.items():
        assert f'grader.check("{question}")' in code
        for name in set(answers) - getattr(module, "PREFILLED", set()):
            assert re.search(rf"^{name} = .*\.\.\.", code, re.M), f"{name} has no ... placeholder"


def _stored_check_outputs():
    """(lesson, outputs as JSON text) for every grader.check cell stored in the lessons."""
    for lesson in LESSONS:
        nb = json.loads(
            (course_root() / "notebooks" / f"{lesson}.ipynb").read_text(encoding="utf-8")
        )
        for cell in nb["cells"]:
            if cell["cell_type"] == "code" and "grader.check(" in "".join(cell["source"]):
                yield lesson, json.dumps(cell.get("outputs", []))


def test_stored_outputs_show_the_checks_failing_on_placeholders_only():
    """Lessons are stored unanswered: every stored check output is a failure, never a pass."""
    for _, text in _stored_check_outputs():
        assert "results" in text and "passed!" not in text


def test_a_failing_check_never_shows_a_fingerprint():
    """otter prints the check's failing line: fingerprints live in constants, not on that line.

    A multiple-choice fingerprint is reversible (hash a, b, c and d), so a line that held one
    would print the answer.
    """
    literal = re.compile(r"[\"'][0-9a-f]{16}[\"']")
    for path in sorted(CHECKS.glob("*/q*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            if line.startswith((" ", "\t")) and "expect_" in line:
                assert not literal.search(line), f"{path.name}:{number} shows a fingerprint"
    for lesson, shown in _stored_check_outputs():
        assert not re.search(r"[0-9a-f]{16}", shown), f"{lesson}: a check shows a fingerprint"


def test_practice_checks_write_no_log_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lesson_checker(LESSONS[0]).check("q1", global_env={})
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_lesson_is_named():
    with pytest.raises(FileNotFoundError, match="no checks for lesson 'nope'"):
        lesson_checker("nope")
