"""Score site learning on the test pages: paragraph precision and recall, with and without.

    python tests/data/sites/score.py

A page's output paragraphs (headline excluded) are compared with its golden body, white
space collapsed: a kept golden paragraph is a true positive, any other kept paragraph a
false positive, a golden paragraph missing from the output a false negative.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _norm(text: str) -> str:
    return " ".join(text.split())


def load_pages() -> list[dict]:
    golden = json.loads((HERE / "golden.json").read_text(encoding="utf-8"))
    pages = []
    for rel, g in golden.items():
        path = HERE / rel
        pages.append({"path": rel, "host": rel.split("/")[0], "url": g["url"], "page": path.read_text(encoding="utf-8"), **g})
    return pages


def score_bodies(pages: list[dict], bodies: dict[str, list[str]]) -> dict:
    """Micro-averaged paragraph precision/recall, overall and per host."""
    counts = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    for p in pages:
        gold = {_norm(x) for x in p["body"]}
        out = [_norm(x) for x in bodies[p["path"]]]
        tp = sum(1 for x in out if x in gold)
        fp = len(out) - tp
        fn = len(gold - set(out))
        for key in ("all", p["host"]):
            c = counts[key]
            c[0] += tp
            c[1] += fp
            c[2] += fn
    report = {}
    for key, (tp, fp, fn) in counts.items():
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        report[key] = {"precision": precision, "recall": recall, "tp": tp, "fp": fp, "fn": fn}
    return report


def run(learn: bool) -> dict:
    from cleaner import Options, clean
    from cleaner.site import host_of, learn as learn_profiles

    pages = load_pages()
    options = Options()
    profiles = learn_profiles((host_of(p["url"]), p["page"]) for p in pages) if learn else {}
    bodies = {}
    for p in pages:
        profile = profiles.get(host_of(p["url"]))
        result = clean(p["page"], replace(options, site_profile=profile) if profile else options, url=p["url"])
        bodies[p["path"]] = result.body
    return score_bodies(pages, bodies)


def main() -> None:
    sys.path.insert(0, str(HERE.parents[2]))
    without, with_ = run(False), run(True)
    print(f"{'host':<24} {'P without':>10} {'P with':>8} {'R without':>10} {'R with':>8}")
    for key in sorted(without, key=lambda k: (k == "all", k)):
        a, b = without[key], with_[key]
        print(f"{key:<24} {a['precision']:>10.3f} {b['precision']:>8.3f} {a['recall']:>10.3f} {b['recall']:>8.3f}")


if __name__ == "__main__":
    main()
