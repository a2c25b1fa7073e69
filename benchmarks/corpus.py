"""Benchmark the cleaner on the development corpus (../shared/corpus by default).

    python benchmarks/corpus.py [--corpus DIR] [--mode text|html|markdown|renderings|all] [--jobs 1]

Text mode feeds each text variant through `clean-article --jsonl` in one process (start-up
included) and scores the output; HTML mode runs the cleaner and trafilatura over the same
HTML pages in this run. Markdown mode (not part of `all`; needs the `bench` extra) renders
the HTML as Markdown with markdownify and html2text, as scrapers for language models do,
and cleans it read as Markdown and, for comparison, as plain text. Renderings mode (not
part of `all`; needs the `bench` extra) turns the HTML into text the ways scraping scripts
commonly do (BeautifulSoup's get_text with and without a line per text node, lxml's
text_content): text the corpus does not ship, a check on input the cleaner was not tuned
on. Metric (see the corpus README): `with` segments found are true positives, `without`
segments found are false positives, whitespace collapsed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"
REFERENCE = {  # from the corpus README
    "no cleaning (text-htmltext)": (0.692, 0.532, 0.988),
    "C4-style line filter (text-htmltext)": (0.784, 0.776, 0.792),
    "trafilatura 2.3.1 (html, README)": (0.928, 0.909, 0.948),
}
_WS = re.compile(r"\s+")


def norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def score(annotations: dict, outputs: dict[str, str]) -> tuple[float, float, float, dict]:
    tp = fn = fp = tn = 0
    per_page = {}
    for page, ann in annotations.items():
        out = norm(outputs.get(page, ""))
        p_tp = sum(1 for s in ann["with"] if norm(s) in out)
        p_fp = sum(1 for s in ann["without"] if norm(s) in out)
        tp += p_tp
        fn += len(ann["with"]) - p_tp
        fp += p_fp
        tn += len(ann["without"]) - p_fp
        per_page[page] = (p_tp, len(ann["with"]) - p_tp, p_fp)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall, per_page


def run_text(corpus: Path, variant: str, jobs: int, annotations: dict, runs: int = 1) -> tuple[dict, float, float]:
    """Outputs, best wall seconds and best CPU seconds of `runs` runs (their outputs must agree)."""
    pages = sorted(annotations)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for page in pages:
                text = (corpus / variant / f"{page}.txt").read_text(encoding="utf-8")
                fh.write(json.dumps({"id": page, "url": annotations[page]["url"], "text": text}, ensure_ascii=False) + "\n")
        dst = Path(tmp) / "out.jsonl"
        cmd = text_command(src, dst, jobs)
        walls, cpus, first = [], [], None
        for _ in range(max(1, runs)):
            cpu_before, start = child_cpu(), time.perf_counter()
            subprocess.run(cmd, check=True, cwd=HERE.parent)
            walls.append(time.perf_counter() - start)
            cpus.append(child_cpu() - cpu_before)
            written = dst.read_bytes()
            if first is not None and written != first:
                raise SystemExit(f"{variant}: two runs gave different output")
            first = written
        outputs = {}
        for line in first.decode("utf-8").splitlines():
            rec = json.loads(line)
            outputs[rec["id"]] = rec["text"] or ""
    return outputs, min(walls), min(cpus)


def text_command(src: Path, dst: Path, jobs: int) -> list[str]:
    """The cleaner over a JSONL file of text records, as the text benchmark runs it."""
    return [sys.executable, "-m", "cleaner", "--jsonl", str(src), "-o", str(dst), "-j", str(jobs), "--quiet", "--input-type", "text"]


def not_idempotent(outputs: dict[str, str], jobs: int) -> list[str]:
    """Pages whose output changes when cleaned again (the contract: cleaning is idempotent)."""
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "again.jsonl", Path(tmp) / "out.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for page, text in outputs.items():
                fh.write(json.dumps({"id": page, "text": text}, ensure_ascii=False) + "\n")
        subprocess.run(text_command(src, dst, jobs), check=True, cwd=HERE.parent)
        again = {rec["id"]: rec["text"] or "" for rec in map(json.loads, dst.read_text(encoding="utf-8").splitlines())}
    return sorted(page for page, text in outputs.items() if again[page] != text)


def child_cpu() -> float:
    """CPU seconds (user + system) used so far by finished child processes and theirs.

    On a machine shared with other jobs, wall time swings with their load; CPU time is
    the fair measure of how much work each system does.
    """
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_html_cleaner(corpus: Path, jobs: int, annotations: dict, extra: list[str] = ()) -> tuple[dict, float, float]:
    pages = sorted(annotations)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for page in pages:
                raw = gzip.decompress((corpus / "html" / f"{page}.html.gz").read_bytes())
                from cleaner.decode import decode

                fh.write(json.dumps({"id": page, "url": annotations[page]["url"], "html": decode(raw)}, ensure_ascii=False) + "\n")
        dst = Path(tmp) / "out.jsonl"
        cmd = [sys.executable, "-m", "cleaner", "--jsonl", str(src), "-o", str(dst), "-j", str(jobs), "--quiet", *extra]
        cpu, start = child_cpu(), time.perf_counter()
        subprocess.run(cmd, check=True, cwd=HERE.parent)
        elapsed, cpu = time.perf_counter() - start, child_cpu() - cpu
        outputs = {json.loads(l)["id"]: json.loads(l)["text"] or "" for l in dst.read_text(encoding="utf-8").splitlines()}
    return outputs, elapsed, cpu


def run_trafilatura(corpus: Path, annotations: dict) -> tuple[dict, float, float]:
    """trafilatura alone, in a subprocess like the cleaner (start-up included)."""
    code = r'''
import gzip, json, sys
from pathlib import Path
import trafilatura
from cleaner.decode import decode
corpus, pages = Path(sys.argv[1]), json.loads(sys.argv[2])
out = {}
for page in pages:
    html = decode(gzip.decompress((corpus / "html" / f"{page}.html.gz").read_bytes()))
    out[page] = trafilatura.extract(html, include_comments=False, include_tables=True) or ""
json.dump(out, open(sys.argv[3], "w"))
'''
    with tempfile.TemporaryDirectory() as tmp:
        dst = Path(tmp) / "traf.json"
        cpu, start = child_cpu(), time.perf_counter()
        subprocess.run([sys.executable, "-c", code, str(corpus), json.dumps(sorted(annotations)), str(dst)], check=True, cwd=HERE.parent)
        elapsed, cpu = time.perf_counter() - start, child_cpu() - cpu
        return json.loads(dst.read_text()), elapsed, cpu


def markdown_renderings(corpus: Path, annotations: dict) -> dict[str, dict[str, str]]:
    """The corpus pages as Markdown: renderer name -> page -> Markdown text."""
    try:
        import html2text
        import markdownify
    except ImportError:
        raise SystemExit("--mode markdown needs markdownify and html2text: pip install -e '.[bench]'") from None
    from cleaner.decode import decode

    out: dict[str, dict[str, str]] = {"markdownify": {}, "html2text": {}}
    for page in sorted(annotations):
        html = decode(gzip.decompress((corpus / "html" / f"{page}.html.gz").read_bytes()))
        # (as such scrapers do: scripts and styles are no page text)
        html = re.sub(r"(?is)<(script|style|noscript|template)\b.*?</\1\s*>", "", html)
        out["markdownify"][page] = markdownify.markdownify(html, heading_style="ATX")
        converter = html2text.HTML2Text()
        converter.body_width, converter.unicode_snob = 0, True  # no hard wrap, characters as written
        out["html2text"][page] = converter.handle(html)
    return out


def text_renderings(corpus: Path, annotations: dict) -> dict[str, dict[str, str]]:
    """The corpus pages as scrapers commonly turn HTML into text, none of which the corpus
    ships (nor was the cleaner tuned on): rendering name -> page -> text."""
    try:
        from bs4 import BeautifulSoup
    except ImportError:
        raise SystemExit("--mode renderings needs beautifulsoup4: pip install -e '.[bench]'") from None
    import warnings

    import lxml.html
    from cleaner.decode import decode

    try:  # (it warns about each XHTML page parsed as HTML)
        from bs4 import XMLParsedAsHTMLWarning

        warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)
    except ImportError:  # older BeautifulSoup
        pass
    out: dict[str, dict[str, str]] = {"BeautifulSoup get_text('\\n', strip=True)": {}, "BeautifulSoup get_text()": {}, "lxml text_content()": {}}
    names = list(out)
    for page in sorted(annotations):
        html = decode(gzip.decompress((corpus / "html" / f"{page}.html.gz").read_bytes()))
        soup = BeautifulSoup(html, "lxml")
        for element in soup(["script", "style", "noscript", "template"]):
            element.decompose()
        out[names[0]][page] = soup.get_text("\n", strip=True)
        out[names[1]][page] = soup.get_text()
        try:
            tree = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"))
            for element in tree.xpath("//script|//style|//noscript|//template"):
                element.drop_tree()
            out[names[2]][page] = tree.text_content()
        except (ValueError, lxml.etree.ParserError):
            out[names[2]][page] = ""
    return out


def run_records(pages: dict[str, str], jobs: int, annotations: dict, field: str, extra: list[str] = ()) -> tuple[dict, float]:
    """The cleaner over JSON Lines records carrying the pages in `field` (text, markdown)."""
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for page, text in pages.items():
                fh.write(json.dumps({"id": page, "url": annotations[page]["url"], field: text}, ensure_ascii=False) + "\n")
        cmd = [sys.executable, "-m", "cleaner", "--jsonl", str(src), "-o", str(dst), "-j", str(jobs), "--quiet", *extra]
        start = time.perf_counter()
        subprocess.run(cmd, check=True, cwd=HERE.parent)
        elapsed = time.perf_counter() - start
        outputs = {json.loads(l)["id"]: json.loads(l)["text"] or "" for l in dst.read_text(encoding="utf-8").splitlines()}
    return outputs, elapsed


def row(name: str, f1: float, p: float, r: float, n: int | None = None, seconds: float | None = None) -> str:
    speed = f"{n / seconds:8.1f}" if n and seconds else "       -"
    secs = f"{seconds:7.2f}" if seconds else "      -"
    return f"| {name:<44} | {f1:.3f} | {p:.3f} | {r:.3f} | {speed} | {secs} |"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--mode", choices=("text", "html", "markdown", "renderings", "all"), default="text")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--time-runs", type=int, default=1, metavar="N",
                    help="time each run N times and report the best (HTML mode alternates the cleaner and trafilatura), for shared machines")
    ap.add_argument("--html-arg", action="append", default=[], metavar="ARG",
                    help="extra clean-article argument for the HTML run (repeatable), e.g. --html-arg=--no-learn-site")
    ap.add_argument("--dump", type=Path, help="write per-page outputs and scores here (JSON) for reading failures")
    args = ap.parse_args()
    annotations = json.loads((args.corpus / "annotations.json").read_text(encoding="utf-8"))
    n = len(annotations)
    print(f"corpus: {args.corpus} ({n} pages), jobs: {args.jobs}")
    print("| system | F1 | P | R | pages/s | seconds |")
    print("|---|---|---|---|---|---|")
    for name, (f1, p, r) in REFERENCE.items():
        print(row(f"reference: {name}", f1, p, r))
    dump = {}
    times: dict[str, float] = {}
    cpu_times: dict[str, float] = {}
    idempotence: list[str] = []
    if args.mode in ("text", "all"):
        for variant in ("text-htmltext", "text-inscriptis"):
            outputs, secs, cpu = run_text(args.corpus, variant, args.jobs, annotations, args.time_runs)
            f1, p, r, per_page = score(annotations, outputs)
            times[variant] = secs
            cpu_times[variant] = cpu
            print(row(f"clean-article, {variant}", f1, p, r, n, secs), flush=True)
            dump[variant] = {"outputs": outputs, "per_page": per_page}
            changed = not_idempotent(outputs, args.jobs)
            idempotence.append(f"{variant}: {n - len(changed)}/{n} pages" + (f" (changed: {', '.join(changed[:10])})" if changed else ""))
    if args.mode in ("html", "all"):
        # Timed runs alternate (cleaner, trafilatura, trafilatura, cleaner, ...) so that a
        # change in the machine's load hits both alike; each system's best run counts.
        runs: dict[str, list[tuple[float, float]]] = {"cleaner": [], "trafilatura": []}
        first: dict[str, dict] = {}  # each system's outputs of its first run are scored
        for i in range(max(1, args.time_runs)):
            for system in ("cleaner", "trafilatura") if i % 2 == 0 else ("trafilatura", "cleaner"):
                if system == "cleaner":
                    got, wall, cpu = run_html_cleaner(args.corpus, args.jobs, annotations, args.html_arg)
                else:
                    got, wall, cpu = run_trafilatura(args.corpus, annotations)
                first.setdefault(system, got)
                runs[system].append((wall, cpu))
        outputs, t_out = first["cleaner"], first["trafilatura"]
        secs, cpu = min(w for w, _ in runs["cleaner"]), min(c for _, c in runs["cleaner"])
        t_secs, t_cpu = min(w for w, _ in runs["trafilatura"]), min(c for _, c in runs["trafilatura"])
        f1, p, r, per_page = score(annotations, outputs)
        times["html"] = secs
        print(row(" ".join(["clean-article, html", *args.html_arg]), f1, p, r, n, secs), flush=True)
        dump["html"] = {"outputs": outputs, "per_page": per_page}
        f1, p, r, per_page = score(annotations, t_out)
        times["trafilatura"] = t_secs
        print(row("trafilatura extract() (same run)", f1, p, r, n, t_secs), flush=True)
        dump["trafilatura"] = {"outputs": t_out, "per_page": per_page}
        print(f"\ncleaner time / trafilatura time (html): {secs / t_secs:.2f} wall, {cpu / t_cpu:.2f} CPU"
              f" (best of {len(runs['cleaner'])} alternating runs each; CPU seconds: cleaner {cpu:.1f}, trafilatura {t_cpu:.1f};"
              f" jobs: {args.jobs})")
        if len(runs["cleaner"]) > 1:
            for system, values in runs.items():
                print(f"  {system} runs (wall s / CPU s): " + ", ".join(f"{w:.1f}/{c:.1f}" for w, c in values))
        for variant in ("text-htmltext", "text-inscriptis"):
            if variant in times:
                print(f"text mode ({variant}) pages/s over trafilatura pages/s: {t_secs / times[variant]:.1f}x wall,"
                      f" {t_cpu / cpu_times[variant]:.1f}x CPU")
    if args.mode == "markdown":
        for renderer, pages in markdown_renderings(args.corpus, annotations).items():
            for as_text in (True, False):
                field, extra = ("text", ["--input-type", "text"]) if as_text else ("markdown", [])
                outputs, secs = run_records(pages, args.jobs, annotations, field, extra)
                f1, p, r, per_page = score(annotations, outputs)
                name = f"clean-article, {renderer} Markdown" + (" as text" if as_text else "")
                print(row(name, f1, p, r, n, secs), flush=True)
                dump[name] = {"outputs": outputs, "per_page": per_page}
    if args.mode == "renderings":
        for rendering, pages in text_renderings(args.corpus, annotations).items():
            f1, p, r, _ = score(annotations, pages)
            print(row(f"no cleaning, {rendering}", f1, p, r), flush=True)
            outputs, secs = run_records(pages, args.jobs, annotations, "text")
            f1, p, r, per_page = score(annotations, outputs)
            name = f"clean-article, {rendering}"
            print(row(name, f1, p, r, n, secs), flush=True)
            dump[name] = {"outputs": outputs, "per_page": per_page}
    if idempotence:
        print("\nidempotent (output cleaned again is unchanged): " + "; ".join(idempotence))
    if args.dump:
        args.dump.write_text(json.dumps(dump, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
