"""Every reading function takes time in proportion to its input, on adversarial input too.

For each function and each input of :data:`growth.ADVERSARIAL` (one-line text, "told X" over
and over, thousands of opening quotation marks, "Mr. " repeated) the time on an input four
times as long must be less than :data:`LIMIT` times the time on the short one: linear growth
gives about 4, quadratic about 16. A ratio, never a wall-clock limit; each time is the fastest
of three, and a ratio above the limit is measured again (noise is rare, growth is
not). The throughput at 1 and 4 MB is printed by ``benchmarks/bench_linear_time.py``.
"""

from __future__ import annotations

import itertools

import pytest
from growth import ADVERSARIAL, adversarial, growth_ratio

import helpers
from helpers.attribution import find_attributions
from helpers.corpus import Source
from helpers.labels import find_labels
from helpers.perspectives import voices
from helpers.sentences import sentence_spans

SIZE = 3_000  # characters of the short input; the long one is FACTOR times as long
FACTOR = 4
LIMIT = 6.0  # the largest accepted ratio of the two times (linear: ~4, quadratic: ~16)

_calls = itertools.count()


def _fresh(text: str) -> Source:
    """A source no cache has seen: the page parts of a text are cached by its content."""
    return Source.from_text(f"{text}\n{next(_calls)}", source_id="adversarial")


READERS = {
    "segment": lambda text: helpers.segment(_fresh(text)),
    "voices": lambda text: voices(_fresh(text)),
    "reliability_signals": lambda text: helpers.reliability_signals(_fresh(text)),
    "find_mentions": helpers.find_mentions,
    "find_labels": find_labels,
    "find_attributions": find_attributions,
    "sentence_spans": sentence_spans,
}


@pytest.mark.parametrize("shape", sorted(ADVERSARIAL))
@pytest.mark.parametrize("reader", sorted(READERS))
def test_reading_time_grows_linearly_with_the_input(reader, shape):
    ratio = growth_ratio(
        READERS[reader], lambda n: adversarial(shape, n), SIZE, FACTOR, limit=LIMIT
    )
    assert ratio < LIMIT, f"{reader} on {shape!r}: {FACTOR}× the input took {ratio:.1f}× the time"


@pytest.mark.parametrize("shape", sorted(ADVERSARIAL))
def test_reading_a_file_grows_linearly_with_its_size(tmp_path, shape):
    def write(n: int):
        path = tmp_path / f"page_{n}.txt"
        path.write_text(adversarial(shape, n), encoding="utf-8")
        return path

    ratio = growth_ratio(helpers.read_source, write, 20 * SIZE, FACTOR, limit=LIMIT)
    assert ratio < LIMIT, f"read_source on {shape!r}: {FACTOR}× the file took {ratio:.1f}×"


def test_loading_a_folder_grows_linearly_with_its_files(tmp_path):
    def folder(n: int):
        where = tmp_path / f"pages_{n}"
        where.mkdir()
        for i in range(n):
            (where / f"{i:05d}.txt").write_text(adversarial("one line", 2_000), encoding="utf-8")
        return where

    ratio = growth_ratio(helpers.load_corpus, folder, 10, FACTOR, limit=LIMIT)
    assert ratio < LIMIT, f"load_corpus: {FACTOR}× the files took {ratio:.1f}× the time"


def test_the_sweep_catches_a_quadratic_function():
    def quadratic(text: str) -> int:
        return sum(text.count(text[i]) for i in range(0, len(text), 7))

    assert growth_ratio(quadratic, lambda n: "ab" * (n // 2), SIZE, FACTOR) > LIMIT
