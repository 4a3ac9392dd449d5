"""Growth of a function's running time with the size of its input: the shared size sweep.

A reading function should take time in proportion to its input. :func:`growth_ratio` times a
function on an input of ``n`` characters and on one ``factor`` times as long and returns the
ratio of the two times (the fastest of a few repeats each, to damp noise). Linear growth gives
about ``factor``; quadratic ``factor ** 2``. Tests assert the ratio, never a wall-clock time.

:data:`ADVERSARIAL` holds the inputs that once made a reading function superlinear: text on
one line, "told <Name>" over and over, thousands of opening quotation marks, "Mr. " repeated.
``benchmarks/bench_linear_time.py`` prints their throughput in MB/s at 1 and 4 MB.
"""

from __future__ import annotations

import time
from collections.abc import Callable

__all__ = ["ADVERSARIAL", "adversarial", "best_time", "growth_ratio"]


def _fill(unit: str, size: int, head: str = "") -> str:
    """``head`` then ``unit`` repeated to ``size`` characters (cut at the last whole unit)."""
    count = max(1, (size - len(head)) // len(unit))
    return head + unit * count


#: name -> (unit repeated, head): each input is ``head + unit * k``, ``size`` characters long.
ADVERSARIAL: dict[str, tuple[str, str]] = {
    # A whole page on one line: no line break bounds any search.
    "one line": (
        "Lavrov said on Monday that the talks had failed, according to military sources in "
        "Moscow cited by Interfax. “It is over,” Peskov told Reuters, and the observatory "
        "added that 12 people died. Mr. Kerry, the U.S. secretary of state, warned Ankara. ",
        "Talks stall in Geneva ",
    ),
    # "told <Name>" again and again: every telling verb names a listener.
    "told X": ("Kofman told Rudaw English Hauer told Anadolu Agency ", "Talks\n\n"),
    # Opening quotation marks that never close, curly and straight.
    "open quotes": ("“Yes it is ", "Talks\n\n"),
    "straight quotes": ('"Yes it is, ', "Talks\n\n"),
    # A paragraph per opening mark: each quotation is closed by its paragraph's end.
    "open quote paragraphs": ("“Yes it is\n\n", "Talks\n\n"),
    # Dotted titles that end no sentence: one endless sentence.
    "Mr.": ("Mr. ", "Talks\n\n"),
}


def adversarial(name: str, size: int) -> str:
    """The adversarial input ``name`` of :data:`ADVERSARIAL`, about ``size`` characters long.

    >>> len(adversarial("Mr.", 1000)) <= 1000, adversarial("Mr.", 20)[:11]
    (True, 'Talks\\n\\nMr. ')
    """
    unit, head = ADVERSARIAL[name]
    return _fill(unit, size, head)


def best_time(function: Callable, argument: object, repeats: int = 3, floor: float = 0.01) -> float:
    """CPU seconds one call of ``function(argument)`` takes: the fastest of ``repeats`` timings.

    Processor time of this process, not wall-clock time: other programs on a busy machine
    do not count.

    A call faster than ``floor`` seconds is timed in a loop of calls long enough to take
    ``floor`` (as :mod:`timeit` does), so that timer noise does not dominate small inputs.

    >>> best_time(len, "abc") >= 0
    True
    """
    began = time.process_time()
    function(argument)
    once = time.process_time() - began
    calls = 1 if once >= floor else min(1000, int(floor / max(once, 1e-7)) + 1)
    best = float("inf")
    for _ in range(repeats):
        began = time.process_time()
        for _ in range(calls):
            function(argument)
        best = min(best, (time.process_time() - began) / calls)
    return best


def growth_ratio(
    function: Callable,
    make: Callable[[int], object],
    n: int,
    factor: int = 4,
    repeats: int = 3,
    limit: float | None = None,
) -> float:
    """How many times longer ``function`` takes on ``make(n * factor)`` than on ``make(n)``.

    Each time is the best of ``repeats``; a warm-up call comes first so that caches and lazy
    imports are not timed. About ``factor`` for linear growth, ``factor ** 2`` for quadratic.
    Given a ``limit``, a ratio above it is measured again (twice at most) and the smallest
    ratio is returned: noise makes one measurement slow, superlinear growth makes all of them.

    >>> ratio = growth_ratio(sorted, lambda n: list(range(n, 0, -1)), 20_000)
    >>> 1 < ratio < 16
    True
    """
    small, large = make(n), make(n * factor)
    function(small)
    ratio = float("inf")
    for _ in range(3 if limit is not None else 1):
        t_small = best_time(function, small, repeats)
        t_large = best_time(function, large, repeats)
        ratio = min(ratio, t_large / max(t_small, 1e-6))
        if limit is None or ratio < limit:
            break
    return ratio
