"""How find_mentions compares with the plain ways of finding the same names in text.

    .venv/bin/python benchmarks/bench_mentions.py [--megabytes 50] [--slice-megabytes 5]

One run of each (no best-of), on FA-KES articles repeated to ~50 MB of text, with the full
gazetteer (data/actors.csv; the test fixture if that is missing). Prints MB/s (megabytes of
UTF-8 text per second) for:

- find_mentions, on the whole text;
- a naive loop: one word-bounded ``re.finditer`` per alias (IGNORECASE unless the alias is all
  capitals), on a smaller slice;
- one alternation regex per case rule: ``\\b(?:…)\\b`` with the aliases longest first, one
  case-sensitive for the all-capital aliases and one IGNORECASE for the rest, on a slice;
- flashtext's KeywordProcessor(case_sensitive=False), on a slice;
- ``LC_ALL=C grep -F -w -o -f patterns file``, on the whole text: the floor (C, bytes, no
  case rules, no selection of the longest match, output only);

then the ratios find_mentions/flashtext and grep/find_mentions, the peak memory of a fresh
process running find_mentions on the whole text (its peak resident size, VmHWM, reset through
/proc/self/clear_refs just before the call; resource.getrusage ru_maxrss where that is not
possible), and whether find_mentions equals the slow reference implementation of
tests/test_actors_mentions.py on a sample of articles. The peers are throughput yardsticks
only: none applies all the matching rules.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import flashtext

from helpers.actors import find_mentions, read_gazetteer
from helpers.fakes import fakes_sources
from helpers.paths import course_root, data_dir

ROOT = course_root()


def load_reference():
    """reference_mentions from tests/test_actors_mentions.py (the slow, rule-by-rule one)."""
    path = ROOT / "tests" / "test_actors_mentions.py"
    spec = importlib.util.spec_from_file_location("test_mentions_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.reference_mentions


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def megabytes(text: str) -> float:
    return len(text.encode("utf-8")) / 1e6


def naive_per_alias(text: str, aliases) -> int:
    count = 0
    for alias, exact in aliases:
        # Literal first (so the regex engine can skip ahead), then: no letter or digit on
        # either side. The same boundary as find_mentions for aliases that start and end
        # with a letter; about twice as fast as \b...\b here.
        literal = re.escape(alias)
        pattern = re.compile(
            rf"{literal}(?<![^\W_]{literal})(?![^\W_])", 0 if exact else re.IGNORECASE
        )
        count += sum(1 for _ in pattern.finditer(text))
    return count


def alternation(text: str, aliases) -> int:
    count = 0
    for exact, flags in ((True, 0), (False, re.IGNORECASE)):
        words = sorted((a for a, e in aliases if e == exact), key=len, reverse=True)
        if words:
            pattern = re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})\b", flags)
            count += sum(1 for _ in pattern.finditer(text))
    return count


def flashtext_peer(text: str, aliases) -> int:
    processor = flashtext.KeywordProcessor(case_sensitive=False)
    for alias, _ in aliases:
        processor.add_keyword(alias)
    return len(processor.extract_keywords(text, span_info=True))


MEMORY_CHILD = textwrap.dedent(
    """
    import resource, sys
    from pathlib import Path
    from helpers.actors import find_mentions, read_gazetteer

    def status(field):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) // 1024
        return -1

    gazetteer = read_gazetteer(sys.argv[2])
    text = open(sys.argv[1], encoding="utf-8").read()
    find_mentions("warm-up", gazetteer)
    loaded = status("VmRSS")
    try:  # reset the peak (VmHWM) to the current size, so the peak is find_mentions's own
        Path("/proc/self/clear_refs").write_text("5")
        reset = True
    except OSError:
        reset = False
    mentions = find_mentions(text, gazetteer)
    peak = status("VmHWM") if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(loaded, peak, int(reset), len(mentions))
    """
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", type=float, default=50)
    parser.add_argument("--slice-megabytes", type=float, default=5)
    parser.add_argument("--naive-megabytes", type=float, default=1)
    parser.add_argument("--sample", type=int, default=200, help="articles checked vs reference")
    args = parser.parse_args()

    gazetteer_path = data_dir() / "actors.csv"
    if not gazetteer_path.is_file():
        gazetteer_path = ROOT / "tests" / "fixtures" / "gazetteer_small.csv"
    gazetteer = read_gazetteer(gazetteer_path)
    aliases = list(zip(gazetteer.aliases["alias"], gazetteer.aliases["exact_case"], strict=True))
    print(f"gazetteer: {gazetteer_path.relative_to(ROOT)}: {gazetteer}")

    articles = [source.text for source in fakes_sources()]
    joined = "\n\n".join(articles) + "\n\n"
    text = joined * int(args.megabytes * 1e6 // len(joined.encode("utf-8")) + 1)
    text = text[: int(args.megabytes * 1e6)]
    part = text[: int(args.slice_megabytes * 1e6)]
    naive_part = text[: int(args.naive_megabytes * 1e6)]
    print(
        f"text: {len(articles)} FA-KES articles repeated to {len(text):,} characters "
        f"({megabytes(text):.1f} MB as UTF-8); one run of each\n"
    )

    reference_mentions = load_reference()
    step = max(1, len(articles) // args.sample)
    sample = articles[::step][: args.sample]

    def rows_of(table):
        return list(table.itertuples(index=False, name=None))

    differ = [
        i
        for i, article in enumerate(sample)
        if rows_of(find_mentions(article, gazetteer))
        != rows_of(reference_mentions(article, gazetteer))
    ]
    total = sum(len(find_mentions(article, gazetteer)) for article in sample)
    print(
        f"reference check: find_mentions equals the slow reference on "
        f"{len(sample) - len(differ)}/{len(sample)} articles ({total:,} mentions)"
        + (f"; differs on sample items {differ[:10]}" if differ else "")
        + "\n"
    )

    find_mentions("warm-up", gazetteer)  # first call builds the character tables
    rows = []

    def measure(label: str, fn, sample_text: str, unit: str = "matches") -> float:
        seconds, count = timed(lambda: fn(sample_text))
        rate = megabytes(sample_text) / seconds
        rows.append((label, megabytes(sample_text), seconds, rate, count, unit))
        print(
            f"{label:<44} {megabytes(sample_text):6.1f} MB {seconds:8.2f} s "
            f"{rate:8.1f} MB/s   {count:>9,} {unit}",
            flush=True,
        )
        return rate

    ours = measure("find_mentions", lambda t: len(find_mentions(t, gazetteer)), text, "mentions")
    measure("find_mentions (slice)", lambda t: len(find_mentions(t, gazetteer)), part, "mentions")
    measure("naive: one re.finditer per alias", lambda t: naive_per_alias(t, aliases), naive_part)
    measure("alternation regex (2: exact + IGNORECASE)", lambda t: alternation(t, aliases), part)
    flash = measure("flashtext KeywordProcessor", lambda t: flashtext_peer(t, aliases), part)

    with tempfile.TemporaryDirectory() as folder:
        text_file = Path(folder) / "text.txt"
        text_file.write_text(text, encoding="utf-8")
        patterns = Path(folder) / "patterns.txt"
        patterns.write_text("\n".join(alias for alias, _ in aliases) + "\n", encoding="utf-8")
        out = Path(folder) / "out.txt"

        def grep(_: str) -> int:
            with open(out, "wb") as fh:
                subprocess.run(
                    ["grep", "-F", "-w", "-o", "-f", str(patterns), str(text_file)],
                    stdout=fh,
                    env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"},
                    check=False,
                )
            return sum(1 for _ in open(out, "rb"))

        floor = measure("grep -F -w -o -f (LC_ALL=C)", grep, text, "lines")

        child = subprocess.run(
            [sys.executable, "-c", MEMORY_CHILD, str(text_file), str(gazetteer_path)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        loaded, peak, reset, _ = (int(v) for v in child.stdout.split())

    print()
    print(f"find_mentions / flashtext throughput: {ours / flash:5.1f}×   (target ≥ 3.5×)")
    print(f"grep / find_mentions throughput:      {floor / ours:5.1f}×   (target ≤ 7×)")
    how = "VmHWM, reset just before the call" if reset else "ru_maxrss, whole process"
    print(
        f"peak memory of a fresh process ({how}): {peak} MB during find_mentions on "
        f"{megabytes(text):.0f} MB of text; {loaded} MB with the text and gazetteer loaded "
        f"before it, so find_mentions adds {peak - loaded} MB (target: under 500 MB)"
    )


if __name__ == "__main__":
    main()
