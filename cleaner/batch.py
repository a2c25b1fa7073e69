"""Batches: JSON Lines, many files, directories; over worker processes, in input order.

Input is streamed in windows of a few hundred pages, so memory stays bounded whatever the
size of the input; output keeps the input's order, so `-j 2` gives the same bytes as `-j 1`.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .api import clean_bytes, clean_str, make_options
from .decode import NotText
from .output import atomic_writer, format_result

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
# Pages handed to the workers at a time, per worker: bounds memory, keeps workers busy.
WINDOW_PER_JOB = 64
CHUNK = 8
PAGE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".md", ".gz")


@dataclass
class Summary:
    pages: int = 0
    cleaned: int = 0
    failed: int = 0
    empty: int = 0
    removed_by_set: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    def add(self, error: str | None, removed_rules: list[str], empty: bool) -> None:
        self.pages += 1
        if error:
            self.failed += 1
            if len(self.errors) < 20:
                self.errors.append(error)
            return
        self.cleaned += 1
        self.empty += empty
        for rule in removed_rules:
            self.removed_by_set[rule.split(".")[0]] += 1

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        sets = ", ".join(f"{k} {v}" for k, v in self.removed_by_set.most_common())
        return (
            f"clean-article: {self.pages} pages, {self.cleaned} cleaned, {self.failed} failed, {self.empty} empty, "
            f"{self.pages / elapsed:.0f} pages/s; blocks removed: {sets or 'none'}"
        )


# -- workers ---------------------------------------------------------------------------
# Each worker process builds its Options once (compiled rules are not picklable).

_WORKER_OPTIONS = None


def _init_worker(option_args: dict) -> None:
    global _WORKER_OPTIONS
    _WORKER_OPTIONS = make_options(**option_args)


def _option_args(args) -> dict:
    from .cli import _ids

    return dict(
        rule_files=tuple(args.rules),
        disabled=_ids(args.disable),
        select=_ids(args.select),
        no_title=args.no_title,
        input_type=args.input_type,
    )


def _clean_record(item: tuple[int, bytes]) -> tuple[str, str | None, list[str], bool]:
    """Clean one JSONL line; returns (output line, error, removed rule ids, empty)."""
    number, line = item
    record_id = url = None
    try:
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ValueError(f"not valid JSON ({exc.__class__.__name__}: {exc})") from None
        if not isinstance(record, dict):
            raise ValueError("not a JSON object")
        record_id, url = record.get("id"), record.get("url")
        page = record.get("html") if record.get("html") is not None else record.get("text")
        if not isinstance(page, str):
            raise ValueError("no `text` or `html` string field")
        if url is not None and not isinstance(url, str):
            url = str(url)
        options = _WORKER_OPTIONS
        if record.get("html") is not None and options.input_type == "auto":
            options = _html_options()
        result = clean_str(page, options, url=url)
        out = {"id": record_id, "url": url, **result.to_json(), "error": None}
        removed = [r.rule for r in result.removed]
        return json.dumps(out, ensure_ascii=False), None, removed, not result.text
    except Exception as exc:  # one bad record must not stop the batch
        error = f"line {number}: {exc}"
        out = {"id": record_id, "url": url, "title": None, "body": None, "text": None, "author": None,
               "date": None, "source": None, "removed": [], "error": error}
        return json.dumps(out, ensure_ascii=False), error, [], False


def _html_options():
    from dataclasses import replace

    return replace(_WORKER_OPTIONS, input_type="html")


def _clean_file(item: tuple[str, str | None, str]) -> tuple[str, str | None, list[str], bool]:
    """Clean one file; returns (output or '', error, removed rule ids, empty)."""
    path, out_path, fmt = item
    try:
        data = Path(path).read_bytes()
        result = clean_bytes(data, _WORKER_OPTIONS)
        text = format_result(result, fmt)
        if out_path:
            with atomic_writer(out_path) as fh:
                fh.write(text)
            text = ""
        return text, None, [r.rule for r in result.removed], not result.text
    except NotText as exc:
        return "", f"{path}: not text or HTML: {exc}", [], False
    except OSError as exc:
        return "", f"{path}: cannot read ({exc.strerror or exc})", [], False
    except Exception as exc:
        return "", f"{path}: {exc.__class__.__name__}: {exc}", [], False


# -- driver ------------------------------------------------------------------------------


def _jobs(args) -> int:
    return args.jobs if args.jobs and args.jobs > 0 else (os.cpu_count() or 1)


def _map_ordered(func, items, args):
    """Yield func(item) for items in order, over worker processes, reading items lazily."""
    jobs = _jobs(args)
    option_args = _option_args(args)
    if jobs == 1:
        _init_worker(option_args)
        yield from map(func, items)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(option_args,)) as pool:
        window = jobs * WINDOW_PER_JOB
        iterator = iter(items)
        while True:
            batch = list(itertools.islice(iterator, window))
            if not batch:
                break
            yield from pool.imap(func, batch, chunksize=CHUNK)


def _progress(args, total: int | None):
    if args.quiet or not sys.stderr.isatty():
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=total, unit="page", file=sys.stderr, dynamic_ncols=True)


def _finish(args, summary: Summary, bar) -> int:
    if bar is not None:
        bar.close()
    if not args.quiet:
        for error in summary.errors:
            print(f"clean-article: error: {error}", file=sys.stderr)
        if summary.failed > len(summary.errors):
            print(f"clean-article: ... and {summary.failed - len(summary.errors)} more errors", file=sys.stderr)
        print(summary.line(), file=sys.stderr)
    return EXIT_SOME_FAILED if summary.failed else EXIT_OK


def _lines(source: str):
    handle = sys.stdin.buffer if source == "-" else open(source, "rb")  # noqa: SIM115
    try:
        if source != "-" and source.endswith(".gz"):
            import gzip

            handle = gzip.open(handle)
        for number, line in enumerate(handle, 1):
            if line.strip():
                yield number, line
    finally:
        handle.close() if source != "-" else None


def run_jsonl(args, options) -> int:
    source = args.jsonl
    if source != "-" and not Path(source).is_file():
        print(f"clean-article: {source}: no such file", file=sys.stderr)
        return EXIT_USAGE
    summary = Summary()
    bar = _progress(args, None)
    out = atomic_writer(args.output) if args.output else _stdout()
    with out as fh:
        for line, error, removed, empty in _map_ordered(_clean_record, _lines(source), args):
            fh.write(line)
            fh.write("\n")
            summary.add(error, removed, empty)
            if bar is not None:
                bar.update()
    return _finish(args, summary, bar)


class _stdout:
    def __enter__(self):
        return sys.stdout

    def __exit__(self, *exc):
        sys.stdout.flush()
        return False


def _walk(inputs: list[str]) -> list[tuple[str, str]]:
    """(file, path relative to its input root) for every page file under the inputs."""
    found = []
    for root in inputs:
        p = Path(root)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not f.name.startswith("."):
                    found.append((str(f), str(f.relative_to(p))))
        else:
            found.append((root, p.name))
    return found


def _output_name(relative: str, fmt: str) -> str:
    name = relative[:-3] if relative.endswith(".gz") else relative
    stem, dot, ext = name.rpartition(".")
    base = stem if dot and "/" not in ext else name
    return base + (".json" if fmt == "json" else ".txt")


def run_files(args, options, inputs: list[str]) -> int:
    if "-" in inputs:
        print("clean-article: '-' (stdin) cannot be mixed with other inputs", file=sys.stderr)
        return EXIT_USAGE
    missing = [p for p in inputs if not Path(p).exists()]
    if missing:
        print(f"clean-article: {missing[0]}: no such file or directory", file=sys.stderr)
        return EXIT_USAGE
    files = _walk(inputs)
    outdir = Path(args.output) if args.output else None
    if outdir is not None and outdir.exists() and not outdir.is_dir():
        print(f"clean-article: {outdir}: -o must name a directory when cleaning several files", file=sys.stderr)
        return EXIT_USAGE
    items = [(f, str(outdir / _output_name(rel, args.format)) if outdir else None, args.format) for f, rel in files]
    summary = Summary()
    bar = _progress(args, len(items))
    for (path, _, _), (text, error, removed, empty) in zip(items, _map_ordered(_clean_file, items, args)):
        if text:
            if args.format == "text" and len(items) > 1:
                sys.stdout.write(f"==> {path} <==\n")
            sys.stdout.write(text)
        summary.add(error, removed, empty)
        if bar is not None:
            bar.update()
    sys.stdout.flush()
    return _finish(args, summary, bar)
