"""Batches: directories of pages, JSON Lines with text and HTML records, workers, streaming."""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import batch, clean

from .conftest import SAMPLES, sample_names

HTML_DIR = Path(__file__).resolve().parent / "data" / "html"
HTML_PAGES = sorted(HTML_DIR.glob("*.html"))


def run(*args, stdin: str | None = None, env=None):
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *map(str, args)], input=stdin, capture_output=True, text=True, timeout=300, env=env
    )


@pytest.fixture
def pages_dir(tmp_path):
    """A crawl dump: text and HTML pages, gzipped or not, in nested folders, with stray files."""
    d = tmp_path / "crawl"
    (d / "news" / "2024").mkdir(parents=True)
    (d / "blog").mkdir()
    names = sample_names()
    (d / "news" / "flood.html").write_bytes((HTML_DIR / "riverside_flood.html").read_bytes())
    (d / "blog" / "brot.htm.gz").write_bytes(gzip.compress((HTML_DIR / "bakery_recipe.html").read_bytes()))
    (d / "news" / "2024" / "first.txt").write_bytes((SAMPLES / f"{names[0]}.txt").read_bytes())
    (d / "news" / "2024" / "second.txt.gz").write_bytes(gzip.compress((SAMPLES / f"{names[1]}.txt").read_bytes()))
    (d / "notice").write_bytes((HTML_DIR / "town_notice_fragment.html").read_bytes())  # no suffix: a page
    (d / ".hidden.txt").write_text("Menu\n", encoding="utf-8")
    (d / "news" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    return d


EXPECTED_OUTPUTS = {"news/flood.txt", "blog/brot.txt", "news/2024/first.txt", "news/2024/second.txt", "notice.txt"}


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# -- directory mode ---------------------------------------------------------------------


def test_directory_mode_mirrors_names_and_cleans_text_and_html(pages_dir, tmp_path):
    out = tmp_path / "clean"
    r = run(pages_dir, "-o", out, "-j", "1", "-q")
    assert r.returncode == 0, r.stderr
    got = _tree(out)
    assert set(got) == EXPECTED_OUTPUTS  # hidden files and images are not pages
    names = sample_names()
    assert got["news/2024/first.txt"] == (SAMPLES / f"{names[0]}.golden.txt").read_bytes()
    assert got["news/2024/second.txt"] == (SAMPLES / f"{names[1]}.golden.txt").read_bytes()
    assert got["news/flood.txt"] == clean((HTML_DIR / "riverside_flood.html").read_bytes()).text.encode()
    assert got["blog/brot.txt"].startswith("Roggenbrot mit Sauerteig – So gelingt es zu Hause\n\n".encode())
    assert b"<" not in got["notice.txt"] and b"The central library on Market Square" in got["notice.txt"]


def test_directory_mode_json_format(pages_dir, tmp_path):
    out = tmp_path / "clean"
    r = run(pages_dir, "-o", out, "--format", "json", "-j", "1", "-q")
    assert r.returncode == 0, r.stderr
    got = {name: json.loads(data) for name, data in _tree(out).items()}
    assert set(got) == {n[:-4] + ".json" for n in EXPECTED_OUTPUTS}
    assert got["news/flood.json"]["author"] == "Hannah Okafor"
    assert got["news/flood.json"]["title"] == "Riverside residents return home as flood waters recede"


def test_directory_mode_two_jobs_write_the_same_files(pages_dir, tmp_path):
    assert run(pages_dir, "-o", tmp_path / "one", "-j", "1", "-q").returncode == 0
    assert run(pages_dir, "-o", tmp_path / "two", "-j", "2", "-q").returncode == 0
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")
    # and to stdout, in the same order
    one = run(pages_dir, "-j", "1", "-q").stdout
    two = run(pages_dir, "-j", "2", "-q").stdout
    assert one == two and one.count("==> ") == len(EXPECTED_OUTPUTS)


def test_inputs_that_would_share_an_output_name_keep_their_whole_name(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "story.html").write_bytes((HTML_DIR / "riverside_flood.html").read_bytes())
    (d / "story.txt").write_bytes((SAMPLES / f"{sample_names()[0]}.txt").read_bytes())
    r = run(d, "-o", tmp_path / "out", "-j", "1", "-q")
    assert r.returncode == 0, r.stderr
    assert set(_tree(tmp_path / "out")) == {"story.html.txt", "story.txt.txt"}


def test_output_directory_inside_the_input_is_not_read_back(pages_dir):
    out = pages_dir / "clean"
    assert run(pages_dir, "-o", out, "-j", "1", "-q").returncode == 0
    # a second run does not clean its own earlier output
    assert run(pages_dir, "-o", out, "-j", "1", "-q").returncode == 0
    assert set(_tree(out)) == EXPECTED_OUTPUTS


def test_a_bad_file_fails_alone_with_exit_1(pages_dir, tmp_path):
    (pages_dir / "broken.txt.gz").write_bytes(b"\x1f\x8b" + b"not really gzip")
    r = run(pages_dir, "-o", tmp_path / "out", "-j", "2")
    assert r.returncode == 1
    assert "broken.txt.gz" in r.stderr and "Traceback" not in r.stderr
    assert set(_tree(tmp_path / "out")) == EXPECTED_OUTPUTS


def test_file_names_that_are_not_utf8_are_printed_escaped(tmp_path):
    # files copied from an old system carry Latin-1 names (café.txt as b"caf\xe9.txt"); on a
    # strict UTF-8 stdout the `==> path <==` header crashed the batch with a traceback
    d = tmp_path / "old"
    d.mkdir()
    (d / "ok.txt").write_text(_page("ok"), encoding="utf-8")
    with open(os.fsencode(d) + b"/caf\xe9.txt", "wb") as fh:
        fh.write(_page("cafe").encode())
    with open(os.fsencode(d) + b"/logo\xe9.txt", "wb") as fh:
        fh.write(b"\x89PNG\r\n\x1a\n" + bytes(64))
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    r = run(d, "-j", "1", env=env)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert f"==> {d}/caf\\xe9.txt <==\nPage cafe\n" in r.stdout
    assert f"clean-article: error: {d}/logo\\xe9.txt: not text or HTML" in r.stderr
    one = run(os.fsdecode(os.fsencode(d) + b"/logo\xe9.txt"), env=env)
    assert one.returncode == 2 and one.stderr.startswith(f"clean-article: {d}/logo\\xe9.txt: not text or HTML"), one.stderr


def test_summary_line_and_quiet(pages_dir, tmp_path):
    r = run(pages_dir, "-o", tmp_path / "out", "-j", "1")
    assert r.returncode == 0
    lines = r.stderr.splitlines()
    assert len(lines) == 2, r.stderr  # no progress bar when stderr is not a terminal
    # the stray files of the crawl are not cleaned, but not passed over in silence either
    assert lines[0] == ("clean-article: 2 files skipped: not pages (1 hidden, 1 .png); "
                        "name one on the command line to clean it")
    assert lines[1].startswith(f"clean-article: {len(EXPECTED_OUTPUTS)} pages, {len(EXPECTED_OUTPUTS)} cleaned, 0 failed")
    assert "pages/s" in lines[1]
    q = run(pages_dir, "-o", tmp_path / "out2", "-j", "1", "--quiet")
    assert q.returncode == 0 and q.stderr == ""


def test_quiet_still_names_the_pages_that_failed(pages_dir, tmp_path):
    # --quiet silences progress, summary and warnings; with -o to a directory a failed page
    # would leave the exit status as its only trace
    (pages_dir / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    q = run(pages_dir, "-o", tmp_path / "out", "-j", "1", "--quiet")
    assert q.returncode == 1
    assert q.stderr.splitlines() == [f"clean-article: error: {pages_dir}/broken.txt: dangling symlink (to {tmp_path}/nowhere.txt)"], q.stderr


def test_progress_bar_only_on_a_terminal(pages_dir, tmp_path):
    pty = pytest.importorskip("pty")
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal 100 columns wide
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "cleaner", str(pages_dir), "-o", str(tmp_path / "out"), "-j", "1"],
            stdout=subprocess.PIPE, stderr=slave, timeout=300,
        )
        os.close(slave)
        slave = None
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
    finally:
        if slave is not None:
            os.close(slave)
        os.close(master)
    assert proc.returncode == 0
    stderr = b"".join(chunks).decode("utf-8", "replace")
    assert "clean-article: 5 pages" in stderr
    try:
        import tqdm  # noqa: F401
    except ImportError:
        # without the `progress` extra nothing but the skipped files and the summary is printed
        assert stderr.strip().count("\n") == 1, stderr
    else:
        bar = stderr.split("clean-article:")[0]
        assert "5/5" in bar and "page" in bar


# -- JSON Lines -------------------------------------------------------------------------


def _records() -> list[dict]:
    """A realistic batch: HTML and text records, with and without ids and urls."""
    records = []
    for i, path in enumerate(HTML_PAGES * 4):
        records.append({"id": f"h{i}", "url": f"https://news{i % 3}.example/{path.stem}", "html": path.read_text(encoding="utf-8")})
    for i, name in enumerate(sample_names() * 4):
        records.append({"id": i, "text": (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")})
    # interleave, so that workers get mixed chunks
    return [r for pair in zip(records[::2], records[1::2]) for r in pair]


def test_jsonl_html_records_go_the_html_path(tmp_path):
    src = tmp_path / "in.jsonl"
    page = (HTML_DIR / "riverside_flood.html").read_text(encoding="utf-8")
    src.write_text(json.dumps({"id": "x", "url": "https://courier.example/flood", "html": page}) + "\n", encoding="utf-8")
    r = run("--jsonl", src, "-j", "1", "-q")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["id"] == "x" and out["url"] == "https://courier.example/flood" and out["error"] is None
    assert out["text"] == clean(page.encode()).text
    assert out["author"] == "Hannah Okafor" and out["source"] == "The Millbrook Courier"
    assert "Read also" not in out["text"]


def test_jsonl_html_field_wins_even_for_a_fragment(tmp_path):
    src = tmp_path / "in.jsonl"
    fragment = "<p>" + "The library reopens on Monday after two weeks of repairs to the roof and the heating. " * 3 + "</p>"
    src.write_text(json.dumps({"id": 1, "html": fragment}) + "\n", encoding="utf-8")
    out = json.loads(run("--jsonl", src, "-j", "1", "-q").stdout)
    assert out["error"] is None and "<p>" not in out["text"] and "library reopens on Monday" in out["text"]


def test_jsonl_two_jobs_give_the_same_bytes_in_the_same_order(tmp_path):
    records = _records()
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    one = run("--jsonl", src, "-j", "1", "-q")
    two = run("--jsonl", src, "-j", "2", "-q")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    assert [json.loads(l)["id"] for l in one.stdout.splitlines()] == [r["id"] for r in records]


def test_jsonl_ids_json_cannot_hold_come_back_as_their_token(tmp_path):
    # Python's json reads NaN, -Infinity and 1e400 (as inf); orjson wrote them as null, so
    # the records lost their ids (and json.dumps would write invalid JSON)
    ids = ["NaN", "Infinity", "-Infinity", "1e400", "-1E+999", '[1, NaN, {"a": 1e400}]', "1.5", "-0.0",
           "123456789012345678901234567890"]
    src = tmp_path / "in.jsonl"
    src.write_text("".join('{"id": %s, "text": %s}\n' % (i, json.dumps(_page(i))) for i in ids), encoding="utf-8")
    for jobs in ("1", "2"):
        r = run("--jsonl", src, "-j", jobs, "-q")
        assert r.returncode == 0, r.stderr

        def strict(constant):
            raise ValueError(f"not JSON: {constant}")

        got = [json.loads(line, parse_constant=strict)["id"] for line in r.stdout.splitlines()]
        assert got == ["NaN", "Infinity", "-Infinity", "1e400", "-1E+999", [1, "NaN", {"a": "1e400"}], 1.5, -0.0,
                       123456789012345678901234567890]


def test_jsonl_deeply_nested_ids_give_the_same_result_with_any_jobs(tmp_path):
    # Python's json reads as deep as its caller's stack leaves room for: an id 980 lists
    # deep was read with -j 1 and refused with -j 2; now the limit is a documented depth
    limit = 800  # README: JSON Lines
    depths = [1, limit - 1, limit, limit + 1, 980, 5000]
    src = tmp_path / "in.jsonl"
    src.write_text("".join('{"id": %s, "text": %s}\n' % ("[" * d + "]" * d, json.dumps(_page(str(d)))) for d in depths))
    one, two = run("--jsonl", src, "-j", "1", "-q"), run("--jsonl", src, "-j", "2", "-q")
    assert one.returncode == two.returncode == 1 and "Traceback" not in one.stderr + two.stderr
    assert one.stdout == two.stdout
    lines = [json.loads(line) for line in one.stdout.splitlines()]
    assert [line["error"] is None and line["text"] > "" for line in lines] == [True, True, True, False, False, False]
    assert lines[2]["id"] == json.loads("[" * limit + "]" * limit)
    assert lines[3]["error"] == f"line 4: nested deeper than {limit} levels (the JSON Lines limit)"


def test_jsonl_gzipped_input(tmp_path):
    records = _records()[:6]
    plain = tmp_path / "in.jsonl"
    plain.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    packed = tmp_path / "in.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    expected = run("--jsonl", plain, "-j", "1", "-q").stdout
    assert run("--jsonl", packed, "-j", "2", "-q").stdout == expected
    # gzip data is told by its magic bytes too: piped in (`cat crawl.jsonl.gz |`), or in a
    # file whose name does not end in .gz
    piped = subprocess.run([sys.executable, "-m", "cleaner", "--jsonl", "-", "-q"], input=packed.read_bytes(),
                           capture_output=True, timeout=120)
    assert piped.returncode == 0 and piped.stdout.decode("utf-8") == expected
    unnamed = tmp_path / "in.data"
    unnamed.write_bytes(packed.read_bytes())
    assert run("--jsonl", unnamed, "-j", "1", "-q").stdout == expected


def test_corrupt_member_of_a_jsonl_gz_costs_that_member_only(tmp_path):
    """JSON Lines shards are often gzip members written one after another (`cat a.gz b.gz`,
    a crawler appending a member per batch). A corrupt member ended the file: every record
    after it was lost. Now it costs its own records: one error line names the file and the
    member's byte offset, and the records of the members after it are cleaned."""
    texts = [(SAMPLES / f"{name}.txt").read_text(encoding="utf-8") for name in sample_names()]
    members = []
    for shard in range(3):
        records = [{"id": shard * 10 + i, "url": f"https://site{i}.example/{shard}", "text": texts[i % len(texts)]} for i in range(10)]
        members.append(gzip.compress(("\n".join(json.dumps(r) for r in records) + "\n").encode("utf-8"), mtime=0))
    damaged = bytearray(members[1])
    damaged[len(damaged) // 2 : len(damaged) // 2 + 64] = bytes(64)  # zeroes over its compressed data
    src = tmp_path / "shards.jsonl.gz"
    src.write_bytes(members[0] + bytes(damaged) + members[2])
    one, two = run("--jsonl", src, "-j", "1"), run("--jsonl", src, "-j", "2")
    assert one.stdout == two.stdout
    for r in (one, two):
        assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
        assert f"{src}, byte {len(members[0])}: corrupt gzip member" in r.stderr, r.stderr
    out = [json.loads(line) for line in one.stdout.splitlines()]
    cleaned = [o["id"] for o in out if o["error"] is None]
    assert cleaned[:10] == list(range(10)) and cleaned[-10:] == list(range(20, 30))
    assert all(o["text"] for o in out if o["error"] is None)
    failed = [o for o in out if o["error"] is not None]
    assert failed and all("corrupt gzip member" in o["error"] or "not valid JSON" in o["error"] for o in failed)


def test_site_learning_reads_past_a_corrupt_member_of_a_jsonl_gz(tmp_path):
    """The first pass of site learning stopped at a corrupt member while the cleaning pass
    went on: the host's pages after it taught nothing (here: too few pages before it to
    learn from at all)."""
    texts = [(SAMPLES / f"{name}.txt").read_text(encoding="utf-8") for name in sample_names()]
    promo = "Get the Riverbend Gazette weekend edition delivered to your door every Saturday, with puzzles and a pull-out guide."

    def member(first: int, count: int) -> bytes:
        records = [
            {"id": k, "url": f"https://riverbend.example/news/{k}", "text": f"{promo}\n\n{texts[k % len(texts)]}"}
            for k in range(first, first + count)
        ]
        return gzip.compress(("\n".join(json.dumps(r) for r in records) + "\n").encode("utf-8"), mtime=0)

    first, middle, last = member(0, 4), bytearray(member(4, 4)), member(8, 12)
    middle[len(middle) // 2 : len(middle) // 2 + 64] = bytes(64)
    src = tmp_path / "crawl.jsonl.gz"
    src.write_bytes(first + bytes(middle) + last)
    r = run("--jsonl", src, "-j", "1")
    assert r.returncode == 1 and "corrupt gzip member" in r.stderr, r.stderr
    # the pages before the bad member, what zlib gave of it before the damage, and the 12
    # after it: the learning pass reads the pages the cleaning pass cleans
    learned = re.search(r"site learning: riverbend\.example: (\d+) pages", r.stderr)
    assert learned, r.stderr
    out = [json.loads(line) for line in r.stdout.splitlines()]
    cleaned = [o for o in out if o["error"] is None]
    assert int(learned.group(1)) == len(cleaned) >= 16
    assert all(promo not in o["text"] and o["text"] for o in cleaned)
    assert all({"text": promo, "rule": "site.repeated"} in o["removed"] for o in cleaned)


def test_truncated_jsonl_gz_cleans_the_lines_before_the_cut(tmp_path):
    """A .jsonl.gz cut short (a crawl still being written, a broken download) gave an
    EOFError traceback and no output. The lines before the cut are cleaned and written, -o
    too, then one error line names the file and says it is truncated; exit 1, the same
    bytes for -j 1 and -j 2. (One host has enough pages that site learning reads it first.)"""
    texts = [(SAMPLES / f"{name}.txt").read_text(encoding="utf-8") for name in sample_names()]
    records = [{"id": i, "url": f"https://example.com/{i}", "text": texts[i % len(texts)]} for i in range(30)]
    data = gzip.compress(("\n".join(json.dumps(r) for r in records) + "\n").encode("utf-8"))
    src = tmp_path / "crawl.jsonl.gz"
    src.write_bytes(data[:-40])
    one, two = run("--jsonl", src, "-j", "1"), run("--jsonl", src, "-j", "2")
    written = run("--jsonl", src, "-j", "2", "-q", "-o", tmp_path / "out.jsonl")
    for r in (one, two, written):
        assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
        assert f"{src}, byte 0: truncated gzip data" in r.stderr, r.stderr
    assert one.stdout == two.stdout == (tmp_path / "out.jsonl").read_text(encoding="utf-8")
    out = [json.loads(line) for line in one.stdout.splitlines()]
    read = len(out) - 1
    assert read >= 10 and [o["id"] for o in out[:read]] == list(range(read))
    assert all(o["error"] is None and o["text"] for o in out[:read])
    assert out[-1]["id"] is None and out[-1]["error"].startswith(f"line {read + 1}: {src}, byte 0: truncated gzip data")
    assert f"{read + 1} pages, {read} cleaned, 1 failed" in one.stderr


def test_jsonl_gz_that_is_not_gzip_is_named(tmp_path):
    """A --jsonl file named .gz that holds no gzip data was reported with an empty name, or
    as an error of the -o file; the message names the input and says it is not gzip data."""
    src = tmp_path / "crawl.jsonl.gz"
    src.write_text(json.dumps({"id": 1, "text": "A line of text."}) + "\n", encoding="utf-8")
    for extra in ((), ("-o", tmp_path / "out.jsonl")):
        r = run("--jsonl", src, *extra)
        assert r.returncode == 2 and r.stdout == "", (r.returncode, r.stdout)
        assert r.stderr.strip() == f"clean-article: {src}: not gzip data (its name ends in .gz)"
    assert not (tmp_path / "out.jsonl").exists()


def test_jsonl_error_records_keep_their_place(tmp_path):
    page = (HTML_DIR / "riverside_flood.html").read_text(encoding="utf-8")
    lines = [
        json.dumps({"id": "ok1", "html": page}),
        '{"id": "cut", "html": "<html><bo',  # a record cut short
        json.dumps({"id": "num", "html": 42}),
        json.dumps(["not", "an", "object"]),
        "",  # blank lines are skipped, not errors
        json.dumps({"id": "ok2", "text": (SAMPLES / f"{sample_names()[0]}.txt").read_text(encoding="utf-8")}),
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for jobs in ("1", "2"):
        r = run("--jsonl", src, "-j", jobs)
        assert r.returncode == 1
        out = [json.loads(l) for l in r.stdout.splitlines()]
        assert [o["error"] is None for o in out] == [True, False, False, False, True]
        assert out[0]["text"] and out[4]["text"]
        assert out[1]["error"].startswith("line 2:") and out[2]["error"].startswith("line 3:") and out[2]["id"] == "num"
        assert out[3]["error"].startswith("line 4:")
        assert all(o["text"] is None for o in out[1:4])
        assert "Traceback" not in r.stderr
        assert "5 pages, 2 cleaned, 3 failed" in r.stderr


# -- streaming --------------------------------------------------------------------------


def _double(x: int) -> int:
    return 2 * x


def _args(jobs: int) -> argparse.Namespace:
    return argparse.Namespace(jobs=jobs, rules=[], disable=[], select=[], no_title=False, input_type="auto")


@pytest.mark.parametrize("jobs", [1, 2])
def test_workers_read_the_input_lazily_and_keep_order(jobs):
    consumed = []

    def source():
        for i in range(100_000):
            consumed.append(i)
            yield i

    results = batch._map_ordered(_double, source(), _args(jobs))
    first = [next(results) for _ in range(10)]
    assert first == [2 * i for i in range(10)]
    # only a bounded read-ahead, not the whole input
    assert len(consumed) <= jobs * batch.IN_FLIGHT_PER_JOB * batch.CHUNK + batch.CHUNK
    results.close()


def test_workers_return_every_result_in_input_order():
    assert list(batch._map_ordered(_double, iter(range(1001)), _args(2))) == [2 * i for i in range(1001)]


def _sigterm_is_default(_item) -> bool:
    import signal

    return signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_workers_die_on_the_pools_sigterm(tmp_path):
    """While the parent writes its output file (`-o`) it turns SIGTERM into an exit that
    removes the temporary file; its workers must not inherit that handler. The pool's
    shutdown ends them with SIGTERM, and a Python-level handler can miss a signal that
    arrives just before a worker blocks on its task queue: the batch then hung for ever at
    its end (seen about once in 40 runs of `--jsonl - -o out.jsonl -j 2`)."""
    from cleaner.output import atomic_writer

    args = argparse.Namespace(jobs=2, rules=[], disable=[], select=[], no_title=False, input_type="auto")
    with atomic_writer(str(tmp_path / "out.txt")) as fh:
        fh.write("x")
        import signal

        assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL  # the parent's handler is on
        seen = list(batch._map_ordered(_sigterm_is_default, range(40), args))
    assert seen == [True] * 40


@pytest.fixture
def deadline():
    """Fails a test that would hang (a batch waiting for a dead worker) after 60 s."""
    import signal

    def hung(signum, frame):
        raise TimeoutError("the batch hung")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _slow_double(x: int) -> int:
    import time

    time.sleep(0.005)
    return 2 * x


def test_a_killed_worker_does_not_hang_or_lose_the_batch(deadline):
    # the out-of-memory killer SIGKILLs a worker: multiprocessing.Pool then waited for its
    # chunk for ever; now its chunk is run again and every result comes, in order
    import multiprocessing
    import signal

    results = batch._map_ordered(_slow_double, iter(range(300)), _args(2))
    got = [next(results)]
    victim = multiprocessing.active_children()[0]
    os.kill(victim.pid, signal.SIGKILL)
    got.extend(results)
    assert got == [2 * i for i in range(300)]
    assert not victim.is_alive() and len(multiprocessing.active_children()) == 0


def _clean_record_or_die(item):
    """`_clean_record`, except that a record holding `poison` kills its worker (as a page
    that makes the out-of-memory killer strike, or crashes a C extension, does)."""
    import signal

    if b"poison" in item[1]:
        os.kill(os.getpid(), signal.SIGKILL)
    return _CLEAN_RECORD(item)


_CLEAN_RECORD = batch._clean_record


def test_a_page_that_kills_its_worker_fails_alone(tmp_path, monkeypatch, capsys, deadline):
    from cleaner.cli import main

    monkeypatch.setattr(batch, "_clean_record", _clean_record_or_die)
    records = [{"id": i, "text": _page(str(i))} for i in range(30)]
    records[12]["text"] += "poison\n"
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert main(["--jsonl", str(src), "-j", "2", "-o", str(out)]) == 1
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in lines] == list(range(30))
    died = "line 13: not cleaned: the worker process cleaning it died (killed by SIGKILL"
    assert lines[12]["error"].startswith(died) and lines[12]["text"] is None
    # the pages that shared its chunk were run again, alone, and cleaned
    assert all(r["error"] is None and r["text"] for r in lines[:12] + lines[13:])
    err = capsys.readouterr().err
    assert "warning: a worker process died (killed by SIGKILL" in err and f"error: {died}" in err
    assert "30 pages, 29 cleaned, 1 failed" in err


# -- output names that would collide, -o above the input ---------------------------------


def _page(label: str) -> str:
    return (f"Page {label}\n\nThis is the article of page {label}, a paragraph long enough to be kept by the "
            "cleaner as prose. It has two sentences, and the second one is here.\n")


@pytest.mark.parametrize("case", ["gz-twin", "two-dirs", "two-files", "whole-name-taken"])
def test_every_page_gets_its_own_output_file_when_names_collide(tmp_path, case):
    """`a.html` + `a.html.gz`, `x.txt` in two input folders (or named twice on the command
    line), `a.html` + `a.txt` + `a.html.txt`: one page overwrote another, exit 0."""
    d1, d2 = tmp_path / "d1", tmp_path / "d2"
    d1.mkdir()
    d2.mkdir()
    if case == "gz-twin":
        (d1 / "a.html").write_text(_page("one"), encoding="utf-8")
        (d1 / "a.html.gz").write_bytes(gzip.compress(_page("two").encode()))
        inputs, expected = [d1], {"a.html.txt", "a.html.gz.txt"}
    elif case in ("two-dirs", "two-files"):
        (d1 / "x.txt").write_text(_page("one"), encoding="utf-8")
        (d2 / "x.txt").write_text(_page("two"), encoding="utf-8")
        inputs = [d1, d2] if case == "two-dirs" else [d1 / "x.txt", d2 / "x.txt"]
        expected = {"x.txt.txt", "x.txt~2.txt"}
    else:
        for name, label in (("a.html", "one"), ("a.txt", "two"), ("a.html.txt", "three")):
            (d1 / name).write_text(_page(label), encoding="utf-8")
        inputs, expected = [d1], {"a.html~2.txt", "a.txt.txt", "a.html.txt"}
    trees = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        r = run(*inputs, "-o", out, "-j", jobs)
        assert r.returncode == 0, r.stderr
        trees.append(_tree(out))
    assert trees[0] == trees[1]
    got = trees[0]
    assert set(got) == expected, got
    assert len({text.split(b"\n")[0] for text in got.values()}) == len(expected)  # every page, once
    if case == "whole-name-taken":
        assert got["a.html.txt"].startswith(b"Page three")  # a page's own name stays its own


def test_names_with_a_dot_but_no_suffix_are_pages_and_nothing_is_skipped_silently(tmp_path):
    # pages saved under titles and dates, or by a crawler from a server's URLs, were
    # skipped without a word, as was a dangling symlink; exit 0
    d = tmp_path / "saved"
    (d / "sub").mkdir(parents=True)
    names = ["Mr. Smith goes to Washington", "report 12.05.2024", "v1.2", "index.php", "news.shtml", "story.txt"]
    for name in names:
        (d / name).write_text(_page(name), encoding="utf-8")
    (d / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(64))
    (d / "sub" / "data.tar.gz").write_bytes(b"\x1f\x8b" + bytes(64))
    (d / "gone.txt").symlink_to("nowhere.txt")
    (d / "elsewhere").symlink_to(tmp_path)
    out = tmp_path / "out"
    r = run(d, "-o", out, "-j", "2")
    assert r.returncode == 1, r.stderr
    assert set(_tree(out)) == {"Mr. Smith goes to Washington.txt", "report 12.05.2024.txt", "v1.2.txt", "index.txt",
                               "news.txt", "story.txt"}
    assert "Mr. Smith goes to Washington" in (out / "Mr. Smith goes to Washington.txt").read_text(encoding="utf-8")
    lines = r.stderr.splitlines()
    assert lines == [
        f"clean-article: error: {d}/gone.txt: dangling symlink (to nowhere.txt)",
        "clean-article: 3 files skipped: not pages (1 symlinks to folders (not followed), 1 .jpg, 1 .tar.gz); "
        "name one on the command line to clean it",
        lines[-1],
    ]
    assert lines[-1].startswith("clean-article: 7 pages, 6 cleaned, 1 failed")


def test_output_names_are_unchanged_without_a_collision():
    rels = ["n/a.txt", "n/b.htm.gz", "c", "d.html", "d.md.txt"]
    assert batch._output_names(rels, "text") == ["n/a.txt", "n/b.txt", "c.txt", "d.txt", "d.md.txt"]
    assert batch._output_names(["f.txt", "f.txt/g.txt"], "text") == ["f.txt.txt", "f.txt/g.txt"]  # not a folder too


def test_output_directory_holding_the_input_cleans_it(tmp_path):
    """`clean-article data/raw -o data` (or `raw -o .`) skipped every page: '0 pages', exit 0."""
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    (raw / "a.txt").write_text(_page("one"), encoding="utf-8")
    r = run(raw, "-o", tmp_path / "data", "-j", "1")
    assert r.returncode == 0, r.stderr
    assert "1 pages, 1 cleaned" in r.stderr
    assert (tmp_path / "data" / "a.txt").read_text(encoding="utf-8").startswith("Page one")
    r = subprocess.run([sys.executable, "-m", "cleaner", "raw", "-o", ".", "-q"], cwd=tmp_path / "data",
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and (tmp_path / "data" / "a.txt").is_file(), r.stderr
