"""Check the hand-written gold of the unseen page set (stdlib only).

For every gold/*.json: the page file exists, the required keys are present,
and every quote and evidence string is an exact substring of the saved page.
Prints counts; exits 1 on any problem.
"""

import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
META_FIELDS = ("title", "author", "published", "outlet", "url")
BASES = ("text", "inferred", "unknown")
PART_KINDS = {
    "headline",
    "byline",
    "dateline",
    "body",
    "caption",
    "credit",
    "related",
    "comments",
    "navigation",
    "bio",
    "listing-entry",
    "other",
}
VOICE_KINDS = {"direct quote", "reported statement", "comment"}


def check(path, counts, problems):
    with open(path, encoding="utf-8") as handle:
        gold = json.load(handle)
    name = os.path.basename(path)
    for key in ("file", "metadata", "parts", "truncated", "listing", "voices"):
        if key not in gold:
            problems.append(f"{name}: missing key {key}")
            return
    page_path = os.path.join(HERE, "pages", gold["file"])
    if not os.path.exists(page_path):
        problems.append(f"{name}: no page {gold['file']}")
        return
    with open(page_path, encoding="utf-8") as handle:
        text = handle.read()
    counts["pages"] += 1
    counts["html" if gold["file"].endswith(".html") else "text"] += 1
    for field in META_FIELDS:
        meta = gold["metadata"].get(field)
        if not isinstance(meta, dict) or not {"value", "basis", "evidence", "note"} <= set(meta):
            problems.append(f"{name}: metadata.{field} incomplete")
            continue
        if meta["basis"] not in BASES:
            problems.append(f"{name}: metadata.{field} basis {meta['basis']!r}")
        if meta["basis"] == "unknown" and meta["value"] is not None:
            problems.append(f"{name}: metadata.{field} unknown but has a value")
        if meta["basis"] == "text" and not meta["evidence"]:
            problems.append(f"{name}: metadata.{field} text without evidence")
        if meta["evidence"] and meta["evidence"] not in text:
            shown = meta["evidence"][:60]
            problems.append(f"{name}: metadata.{field} evidence not in page: {shown!r}")
        counts[f"meta {field} {meta['basis']}"] += 1
    for part in gold["parts"]:
        if part.get("kind") not in PART_KINDS:
            problems.append(f"{name}: part kind {part.get('kind')!r}")
        if part.get("quote", "") not in text:
            problems.append(f"{name}: part quote not in page: {part.get('quote', '')[:60]!r}")
        counts[f"part {part.get('kind')}"] += 1
    for voice in gold["voices"]:
        for key in ("quote", "speaker", "speaker_full", "relay", "kind", "note"):
            if key not in voice:
                problems.append(f"{name}: voice missing {key}")
        quote = voice.get("quote", "")
        if quote not in text:
            problems.append(f"{name}: voice quote not in page: {quote[:60]!r}")
        if len(quote) < 20:
            problems.append(f"{name}: voice quote under 20 characters: {quote!r}")
        if voice.get("kind") not in VOICE_KINDS:
            problems.append(f"{name}: voice kind {voice.get('kind')!r}")
        counts["voices"] += 1
        counts[f"voice {voice.get('kind')}"] += 1
        if voice.get("speaker") is None:
            counts["voices with null speaker"] += 1
        if voice.get("relay"):
            counts["voices with a relay"] += 1
    if gold["truncated"]:
        counts["pages truncated"] += 1
    if gold["listing"]:
        counts["pages listing"] += 1


def main():
    counts = collections.Counter()
    problems = []
    gold_dir = os.path.join(HERE, "gold")
    for name in sorted(os.listdir(gold_dir)):
        if name.endswith(".json"):
            check(os.path.join(gold_dir, name), counts, problems)
    pages = {n for n in os.listdir(os.path.join(HERE, "pages"))}
    golds = set()
    for n in os.listdir(gold_dir):
        if n.endswith(".json"):
            with open(os.path.join(gold_dir, n), encoding="utf-8") as handle:
                golds.add(json.load(handle)["file"])
    for missing in sorted(pages - golds):
        problems.append(f"page without gold: {missing}")
    for key in sorted(counts):
        print(f"{key}: {counts[key]}")
    for problem in problems:
        print("PROBLEM", problem)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
