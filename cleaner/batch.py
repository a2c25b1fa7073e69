"""Batches: JSON Lines, many files, directories; over worker processes, in input order.

Input is streamed in windows of a few hundred pages, so memory stays bounded whatever the
size of the input; output keeps the input's order, so `-j 2` gives the same bytes as `-j 1`.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from .api import FAILED_FIELDS, _parse_json, clean_bytes, clean_record, make_options, record_id_and_url
from .decode import GZIP_MAGIC, READ_ERRORS, NotText, read_error
from .output import atomic_writer, explain_text, format_result, shown_path, write_whole

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
# Pages go to the workers CHUNK at a time, with at most IN_FLIGHT_PER_JOB chunks per worker
# read ahead: bounds memory (a few dozen pages per worker), keeps the workers busy.
CHUNK = 8
IN_FLIGHT_PER_JOB = 4
# In a directory, files with these suffixes (also under .gz) or none are pages (README:
# Options, PATH); saved web pages keep their server's suffix (index.php, news.shtml).
PAGE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".md", ".shtml", ".shtm", ".php", ".asp", ".aspx", ".jsp")
# What follows a name's last dot is a suffix when it is a short run of letters and digits,
# not only digits: `Mr. Smith goes to Washington`, `report 12.05.2024` and `v1.2` have none.
# The skipped-files line names this many kinds (suffixes, hidden, ...), the commonest.
SKIPPED_KINDS_SHOWN = 6
_SUFFIX = re.compile(r"\.(?![0-9]+$)[A-Za-z0-9]{1,10}$")


@dataclass
class Summary:
    pages: int = 0
    cleaned: int = 0
    failed: int = 0
    empty: int = 0
    removed_by_rule: Counter = field(default_factory=Counter)
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
        # counted by rule id (one C loop), summed by set when the summary is printed
        self.removed_by_rule.update(removed_rules)

    @property
    def removed_by_set(self) -> Counter:
        by_set: Counter = Counter()
        for rule, count in self.removed_by_rule.items():
            by_set[rule.split(".")[0]] += count
        return by_set

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


def _init_worker(option_args: dict, in_pool: bool = False) -> None:
    global _WORKER_OPTIONS
    if in_pool:
        # A worker must die on SIGTERM (a batch that stops early terminates its busy
        # workers). A forked worker inherits the parent's handler (set while the parent
        # writes its `-o` file, see atomic_writer), and a Python-level handler misses a
        # signal that arrives just before the worker blocks on its pipe. Ctrl-C reaches the
        # whole process group: the batch ends its workers itself, without their tracebacks.
        import signal

        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    option_args = dict(option_args)
    profiles, site_name = option_args.pop("site_profiles", None), option_args.pop("site", None)
    _WORKER_OPTIONS = make_options(**option_args)
    if profiles or site_name:
        from . import site

        site.install(profiles, site_name)


def _option_args(args) -> dict:
    from .cli import _ids

    return dict(
        rule_files=tuple(args.rules),
        disabled=_ids(args.disable),
        select=_ids(args.select),
        no_title=args.no_title,
        input_type=args.input_type,
        explain=getattr(args, "explain", False),
        # site learning (cleaner/site.py): learned or saved profiles by host, --site NAME
        site_profiles=getattr(args, "site_profiles", None),
        site=getattr(args, "site", None),
    )


def _clean_record(item: tuple[int, bytes]) -> tuple[str, str | None, list[str], bool]:
    """Clean one JSONL line; returns (output line, error, removed rule ids, empty)."""
    number, line = item
    options_for = None
    if _site_on():
        from .site import options_for
    out, result, exc = clean_record(line, _WORKER_OPTIONS, options_for=options_for)
    if exc is not None:
        return _failed_line(out, f"line {number}: {exc}")
    out["error"] = None
    return _dumps(out), None, result.removed_rules, not result.text


def _failed_line(out: dict, error: str) -> tuple[str, str, list[str], bool]:
    out["error"] = error
    return _dumps(out), error, [], False


def _lost_record(item: tuple[int, bytes], reason: str) -> tuple[str, str, list[str], bool]:
    """The output line of a JSONL line whose worker died: its id and url, and the error."""
    number, line = item
    try:
        record = _parse_json(line)
    except ValueError:
        record = None
    record_id, url = record_id_and_url(record) if isinstance(record, dict) else (None, None)
    return _failed_line({"id": record_id, "url": url, **FAILED_FIELDS}, f"line {number}: {reason}")


def _dumps(record: dict) -> str:
    """One JSON line; orjson when installed (several times faster on the removed lists)."""
    try:
        import orjson

        return orjson.dumps(record).decode("utf-8")
    except (ImportError, TypeError):  # (TypeError: orjson refuses a lone surrogate in the id)
        pass
    line = json.dumps(record, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        # a lone surrogate has no UTF-8 form: escaped (`\\udc9f`), it comes back as given
        return json.dumps(record)
    return line


def _site_on() -> bool:
    """Site learning ran in this process (its module is imported only then)."""
    import sys as _sys

    return f"{__package__}.site" in _sys.modules


def _clean_file(item: tuple[str, str | None, str]) -> tuple[str, str | None, list[str], bool]:
    """Clean one file; returns (output or '', error, removed rule ids, empty)."""
    path, out_path, fmt = item
    try:
        data = Path(path).read_bytes()
        options = _WORKER_OPTIONS
        if _site_on():
            from .site import options_for

            options = options_for(options, None)
        if options.input_type == "auto" and _is_html_name(path):
            options = replace(options, input_type="html")  # the file says what it is
        result = clean_bytes(data, options)
        text = explain_text(result) if fmt == "explain" else format_result(result, fmt)
        if out_path:
            with atomic_writer(out_path) as fh:
                fh.write(text)
            text = ""
        return text, None, result.removed_rules, not result.text
    except NotText as exc:
        return "", f"{shown_path(path)}: not text or HTML: {exc}", [], False
    except OSError as exc:
        if isinstance(exc, FileNotFoundError) and os.path.islink(path):
            return "", f"{shown_path(path)}: dangling symlink (to {shown_path(os.readlink(path))})", [], False
        return "", f"{shown_path(path)}: cannot read ({exc.strerror or exc})", [], False
    except Exception as exc:
        return "", f"{shown_path(path)}: {exc.__class__.__name__}: {exc}", [], False


def _lost_file(item: tuple[str, str | None, str], reason: str) -> tuple[str, str, list[str], bool]:
    return "", f"{shown_path(item[0])}: {reason}", [], False


# -- driver ------------------------------------------------------------------------------


def _jobs(args) -> int:
    return args.jobs if args.jobs and args.jobs > 0 else (os.cpu_count() or 1)


def _run_chunk(func, chunk: list) -> list:
    return [func(item) for item in chunk]


def _map_ordered(func, items, args, lost=None):
    """Yield func(item) for items in input order, over worker processes, reading items lazily.

    Items go to the workers in chunks; at most IN_FLIGHT_PER_JOB chunks per worker are
    read ahead, so memory stays bounded however long the input, and the workers never wait
    for a whole window to drain. Results are yielded strictly in input order, so the
    output does not depend on the number of workers.

    A worker process that dies (the out-of-memory killer, a crash in a C extension) is
    replaced, and the items of its chunk are run again one at a time: an item whose worker
    dies again yields `lost(item, reason)` (or raises WorkerDied if `lost` is None).
    """
    jobs = _jobs(args)
    option_args = _option_args(args)
    if jobs == 1:
        _init_worker(option_args)
        yield from map(func, items)
        return
    yield from _Workers(jobs, option_args, func, lost, quiet=getattr(args, "quiet", False)).map(items)


class WorkerDied(RuntimeError):
    """A worker process died on an item and the caller gave no `lost` result for it."""


class _Workers:
    """Worker processes, each with a pipe of its own and one chunk at a time.

    Not multiprocessing.Pool or ProcessPoolExecutor: when a worker is killed, Pool waits
    for its chunk for ever, and ProcessPoolExecutor can hang too (a worker killed while it
    writes a result leaves half a message on the shared result pipe) and fails every chunk
    in flight. A pipe per worker reaches end-of-file when its worker dies, so the death is
    seen at once, and it names the one chunk that was lost.
    """

    def __init__(self, jobs: int, option_args: dict, func, lost, quiet: bool):
        import multiprocessing as mp

        self.ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        self.option_args, self.func, self.lost, self.quiet = option_args, func, lost, quiet
        self.idle = [self._start() for _ in range(jobs)]
        self.busy: dict = {}  # connection -> (process, (first item number, items))

    def _start(self):
        parent_end, child_end = self.ctx.Pipe()
        process = self.ctx.Process(target=_worker_loop, args=(child_end, self.option_args), daemon=True)
        process.start()
        child_end.close()  # (else the pipe would not reach end-of-file when the worker dies)
        return process, parent_end

    def map(self, items):
        from collections import deque
        from multiprocessing.connection import wait

        iterator = iter(items)
        retry: deque = deque()  # tasks of a dead worker's chunk: one item each
        done: dict = {}  # item number -> result, until it is its turn
        read = yielded = 0
        window = len(self.idle) * IN_FLIGHT_PER_JOB * CHUNK  # items read but not yielded
        exhausted = False
        try:
            while True:
                while self.idle:
                    if retry:
                        task = retry.popleft()
                    elif exhausted or read - yielded >= window:
                        break
                    else:
                        chunk = list(itertools.islice(iterator, CHUNK))
                        if not chunk:
                            exhausted = True
                            break
                        task, read = (read, chunk), read + len(chunk)
                    process, conn = self.idle.pop()
                    try:
                        conn.send((self.func, task[1]))
                    except OSError:  # (it died while idle; its death still ends this task)
                        done.update(self._dead(process, conn, task, retry))
                        continue
                    self.busy[conn] = (process, task)
                while yielded in done:
                    yield done.pop(yielded)
                    yielded += 1
                if not self.busy:
                    if exhausted and yielded == read and not retry:
                        return
                    continue
                for conn in wait(list(self.busy)):
                    process, task = self.busy.pop(conn)
                    try:
                        ok, results = conn.recv()
                    except (EOFError, OSError):
                        done.update(self._dead(process, conn, task, retry))
                        continue
                    if not ok:
                        raise results
                    done.update(zip(itertools.count(task[0]), results))
                    self.idle.append((process, conn))
        finally:
            self._stop()

    def _dead(self, process, conn, task: tuple[int, list], retry) -> dict:
        """A new worker for one that died, and results for its task: the items of a chunk
        go back to run one at a time (no result yet); an item that was alone is the one that
        killed its worker. (So every death moves the batch on: it cannot loop.)"""
        conn.close()
        process.join()
        self.idle.append(self._start())
        how = _death(process)
        first, chunk = task
        if len(chunk) > 1:
            if not self.quiet:
                print(f"clean-article: warning: a worker process died ({how}); "
                      f"running its {len(chunk)} pages again one at a time", file=sys.stderr)
            retry.extendleft(reversed([(first + i, [item]) for i, item in enumerate(chunk)]))
            return {}
        if self.lost is None:
            raise WorkerDied(f"the worker process died ({how})")
        return {first: self.lost(chunk[0], f"not cleaned: the worker process cleaning it died ({how})")}

    def _stop(self) -> None:
        """Idle workers are told to end; busy ones (Ctrl-C, a closed stdout) are terminated."""
        for process, conn in self.idle:
            with contextlib.suppress(OSError):
                conn.send(None)
        for conn, (process, _) in self.busy.items():
            process.terminate()
        for process, conn in self.idle + [(p, c) for c, (p, _) in self.busy.items()]:
            process.join()
            conn.close()
        self.idle, self.busy = [], {}


def _worker_loop(conn, option_args: dict) -> None:
    """A worker process: runs the chunks its pipe brings until it brings None."""
    _init_worker(option_args, in_pool=True)
    while True:
        try:
            task = conn.recv()
        except EOFError:  # the batch ended without a word (killed)
            return
        if task is None:
            return
        func, chunk = task
        try:
            reply = True, _run_chunk(func, chunk)
        except Exception as exc:  # a bug: raised again in the batch, as Pool did
            reply = False, exc
        conn.send(reply)


def _death(process) -> str:
    """How a worker process ended, for a message."""
    import signal

    code = process.exitcode
    if code is not None and code < 0:
        name = signal.Signals(-code).name if -code in signal.valid_signals() else f"signal {-code}"
        return f"killed by {name}" + (", as the out-of-memory killer does" if -code == signal.SIGKILL else "")
    return f"exit status {code}"


def _progress(args, total: int | None):
    if args.quiet or not sys.stderr.isatty():
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=total, unit="page", file=sys.stderr, dynamic_ncols=True)


def _finish(args, summary: Summary, bar, notes: list[str] = ()) -> int:
    """Close the progress bar; print the errors, `notes` and the summary line; the exit status.

    Errors are printed under --quiet too: --quiet silences progress, summary and warnings,
    and a page that failed must not leave the exit status as its only trace (a batch of
    files written to a directory has no other)."""
    if bar is not None:
        bar.close()
    for error in summary.errors:
        print(f"clean-article: error: {error}", file=sys.stderr)
    if summary.failed > len(summary.errors):
        print(f"clean-article: ... and {summary.failed - len(summary.errors)} more errors", file=sys.stderr)
    if not args.quiet:
        for note in notes:
            print(note, file=sys.stderr)
        print(summary.line(), file=sys.stderr)
    return EXIT_SOME_FAILED if summary.failed else EXIT_OK


def _lines(source: str, problems: list[tuple[int, str]] | None = None):
    """(line number, line) of each non-empty line of a JSONL file or stdin, gunzipped if it is
    gzip data (named `.gz`, or starting with gzip's magic bytes: `cat crawl.jsonl.gz |`).

    A read error part-way (a `.gz` cut short, a disk error) ends the lines instead of the
    batch, so the lines before it are still cleaned; (number of the line it hit, why) is
    added to `problems` (the first pass of site learning passes none: the cleaning pass
    reports it). A corrupt gzip member of a file costs that member only (see
    gzipped.member_lines), in both passes, and is reported the same way.
    """
    handle = sys.stdin.buffer if source == "-" else open(source, "rb")  # noqa: SIM115
    number = 0
    try:
        lines = handle
        if _is_gzip_name(source) or handle.peek(len(GZIP_MAGIC))[: len(GZIP_MAGIC)] == GZIP_MAGIC:
            if source == "-":
                # (stdin cannot be read again from a corrupt member on; site learning
                # spools it to a file first)
                import gzip

                lines = handle = gzip.open(handle)
            else:
                from .gzipped import member_lines

                # (the first pass of site learning reads past a corrupt member as the
                # cleaning pass does, which reports what was lost)
                lines = member_lines(handle, shown_path(source), [] if problems is None else problems)
        for number, line in enumerate(lines, 1):
            if not line.isspace():  # (a line holds a whole page: strip() would copy it)
                yield number, line
    except READ_ERRORS as exc:
        if problems is not None:
            problems.append((number + 1, f"{shown_path(source)}: {read_error(exc)}; the rest of the file could not be read"))
    finally:
        handle.close() if source != "-" else None


def _is_gzip_name(source: str) -> bool:
    return source != "-" and source.endswith(".gz")


def _not_gzip(source: str) -> str | None:
    """Why a JSONL file named `.gz` cannot be read at all: it holds no gzip data (else None)."""
    if not _is_gzip_name(source):
        return None
    with open(source, "rb") as fh:
        head = fh.read(len(GZIP_MAGIC))
    return "not gzip data (its name ends in .gz)" if head and head != GZIP_MAGIC else None


def _unread_lines(problems: list[tuple[int, str]]):
    """Output lines for input that could not be read, as `_clean_record` gives them; run
    after the last line, when `_lines` has filled `problems`. (Their errors are printed with
    the others.)"""
    for number, problem in problems:
        yield _failed_line({"id": None, "url": None, **FAILED_FIELDS}, f"line {number}: {problem}")


def run_jsonl(args, options) -> int:
    source = args.jsonl
    if source != "-" and not Path(source).is_file():
        print(f"clean-article: {shown_path(source)}: no such file", file=sys.stderr)
        return EXIT_USAGE
    problem = _not_gzip(source)
    if problem:
        print(f"clean-article: {shown_path(source)}: {problem}", file=sys.stderr)
        return EXIT_USAGE
    from .site import prepare_jsonl

    source = prepare_jsonl(args, source)  # site learning: a first pass over the batch
    summary = Summary()
    bar = _progress(args, None)
    out = atomic_writer(args.output) if args.output else _stdout()
    problems: list[tuple[int, str]] = []
    results = itertools.chain(
        _map_ordered(_clean_record, _lines(source, problems), args, lost=_lost_record), _unread_lines(problems)
    )
    with out as fh:
        for line, error, removed, empty in results:
            write_whole(fh, line)
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


def _walk(inputs: list[str], skip: Path | None = None) -> tuple[list[tuple[str, str]], Counter]:
    """(file, path relative to its input root) for every page file under the inputs, and
    the files skipped, counted by why (`_not_a_page`).

    Files named on the command line are always taken; in directories, files with a page
    suffix (PAGE_SUFFIXES, also under .gz) or none, and symlinks to files, even dangling
    ones (cleaning them says so). Files under `skip` (the output directory) are passed over
    without a word when it lies inside (or is) the directory being walked: those are
    earlier outputs. An output directory that holds the input (`raw -o .`) skips nothing.
    """
    found, skipped = [], Counter()
    skip = skip.resolve() if skip is not None else None
    for root in inputs:
        p = Path(root)
        if p.is_dir():
            resolved = p.resolve()
            skip_here = skip is not None and (skip == resolved or resolved in skip.parents)
            for f in sorted(p.rglob("*")):
                if skip_here and skip in f.resolve().parents:
                    continue
                rel = f.relative_to(p)
                why = _not_a_page(f, rel)
                if why is None:
                    found.append((str(f), rel.as_posix()))
                elif why:
                    skipped[why] += 1
        else:
            found.append((root, p.name))
    return found, skipped


def _not_a_page(f: Path, rel: Path) -> str | None:
    """Why the walker does not take `f`: '' for a folder, else what the skipped-files line
    says; None for a page."""
    if any(part.startswith(".") for part in rel.parts):
        return "hidden" if not f.is_dir() or f.is_symlink() else ""
    if f.is_symlink() and f.is_dir():
        return "symlinks to folders (not followed)"
    if f.is_dir():
        return ""
    if not _is_page_name(f.name):
        return _suffix(f.name)
    if f.is_file() or not f.exists():  # (a dangling symlink: its error names it)
        return None
    return "FIFOs, sockets or devices"


def _suffix(name: str) -> str:
    """The suffix of a file name in lower case ('.txt'; '.txt.gz' or '.gz' under gzip), or ''."""
    name = name.lower()
    gz = ".gz" if name.endswith(".gz") else ""
    match = _SUFFIX.search(name[: len(name) - len(gz)])
    return (match.group() if match else "") + gz


def _is_page_name(name: str) -> bool:
    suffix = _suffix(name).removesuffix(".gz")
    return not suffix or suffix in PAGE_SUFFIXES


def _is_html_name(name: str) -> bool:
    name = name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return name.endswith((".html", ".htm", ".xhtml"))


def _output_name(relative: str, fmt: str) -> str:
    name = relative[:-3] if relative.endswith(".gz") else relative
    match = _SUFFIX.search(name)
    base = name[: match.start()] if match else name
    return base + (".json" if fmt == "json" else ".txt")


def _output_names(relatives: list[str], fmt: str) -> list[str]:
    """One output name per input, none shared, the same for any number of workers.

    The rule, in input order (the order of `_walk`):
    1. An input whose short name (`_output_name`: `a/b.html.gz` -> `a/b.txt`) no other
       input has, and that is no output's folder, keeps it.
    2. Each other input takes the first of these that no input has taken yet: its whole
       name (`a/b.html.txt`), its whole name with `.gz` (`a/b.html.gz.txt`), then its whole
       name numbered (`a/b.html~2.txt`, `a/b.html~3.txt`, ...). Names that step 1 gave
       are taken from the start, so a page named `a.html.txt` keeps `a.html.txt`.
    So `a.html` + `a.txt` give `a.html.txt`, `a.txt.txt`; `a.html` + `a.html.gz` give
    `a.html.txt`, `a.html.gz.txt`; `x.txt` from two input folders, `x.txt.txt` and `x.txt~2.txt`.
    """
    suffix = ".json" if fmt == "json" else ".txt"
    names: list[str | None] = [_output_name(rel, fmt) for rel in relatives]
    counts = Counter(names)
    folders = {rel.rsplit("/", i)[0] for rel in relatives for i in range(1, rel.count("/") + 1)}
    taken = set(folders)
    for i, name in enumerate(names):
        if counts[name] == 1 and name not in folders:
            taken.add(name)
        else:
            names[i] = None
    for i, rel in enumerate(relatives):
        if names[i] is not None:
            continue
        whole = rel[:-3] if rel.endswith(".gz") else rel
        candidates = itertools.chain((whole + suffix, rel + suffix), (f"{rel}~{n}{suffix}" for n in itertools.count(2)))
        names[i] = next(c for c in candidates if c not in taken)
        taken.add(names[i])
    return names


def run_files(args, options, inputs: list[str]) -> int:
    if "-" in inputs:
        print("clean-article: '-' (stdin) cannot be mixed with other inputs", file=sys.stderr)
        return EXIT_USAGE
    missing = [p for p in inputs if not Path(p).exists()]
    if missing:
        print(f"clean-article: {shown_path(missing[0])}: no such file or directory", file=sys.stderr)
        return EXIT_USAGE
    outdir = Path(args.output) if args.output else None
    if outdir is not None and outdir.exists() and not outdir.is_dir():
        print(f"clean-article: {shown_path(outdir)}: -o must name a directory when cleaning several files", file=sys.stderr)
        return EXIT_USAGE
    files, skipped = _walk(inputs, skip=outdir)
    fmt = "explain" if args.explain else args.format  # (a listing per page, as for one page)
    names = _output_names([rel for _, rel in files], fmt)
    items = [(f, str(outdir / name) if outdir else None, fmt) for (f, _), name in zip(files, names)]
    from .site import prepare_files

    prepare_files(args, items)  # site learning: a first pass over the batch
    summary = Summary()
    bar = _progress(args, len(items))
    for (path, _, _), (text, error, removed, empty) in zip(items, _map_ordered(_clean_file, items, args, lost=_lost_file)):
        if text:
            if fmt != "json" and len(items) > 1:
                sys.stdout.write(f"==> {shown_path(path)} <==\n")
            write_whole(sys.stdout, text)
        summary.add(error, removed, empty)
        if bar is not None:
            bar.update()
    sys.stdout.flush()
    return _finish(args, summary, bar, notes=[_skipped_line(skipped)] if skipped else [])


def _skipped_line(skipped: Counter) -> str:
    """'clean-article: 5 files skipped: not pages (3 .png, 2 hidden); ...'"""
    kinds = ", ".join(f"{n} {why}" for why, n in skipped.most_common(SKIPPED_KINDS_SHOWN))
    more = ", ..." if len(skipped) > SKIPPED_KINDS_SHOWN else ""
    return (f"clean-article: {skipped.total()} files skipped: not pages ({kinds}{more}); "
            "name one on the command line to clean it")
