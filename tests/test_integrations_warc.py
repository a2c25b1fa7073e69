"""`clean-article --warc`: response records of a WARC (written here with warcio) to JSON Lines."""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import random
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

warcio = pytest.importorskip("warcio")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

SITES = Path(__file__).resolve().parent / "data" / "sites"
SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CLI = [sys.executable, "-m", "cleaner"]


def _pages():
    golden = json.loads((SITES / "golden.json").read_text(encoding="utf-8"))
    return [(g["url"], (SITES / rel).read_bytes(), rel, g) for rel, g in golden.items() if rel.startswith("harborpolicy.org/")]


def write_warc(path: Path, *, gzip: bool = True) -> list[str]:
    """A small crawl: HTML responses, their requests, an image, a redirect and a text page.

    The same bytes every time (record ids and dates fixed): the damaged-archive tests
    overwrite bytes at fixed places of the compressed data, whose effect must not depend
    on random record ids."""
    ids = []
    with open(path, "wb") as fh:
        writer = _FixedWARCWriter(fh, gzip=gzip)
        for url, body, _, _ in _pages():
            req = writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                            http_headers=StatusAndHeaders("GET / HTTP/1.1", [("Host", "www.harborpolicy.org")], is_http_request=True))
            writer.write_record(req)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            ids.append(record.rec_headers.get_header("WARC-Record-ID"))
            writer.write_record(record)
        img = writer.create_warc_record("https://www.harborpolicy.org/logo.png", "response", payload=io.BytesIO(b"\x89PNG\r\n\x1a\n\0\0"),
                                        http_headers=StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1"))
        writer.write_record(img)
        text = (SAMPLES / "002_5a4338b8be568de2.txt").read_bytes()
        rec = writer.create_warc_record("https://news.example/story", "response", payload=io.BytesIO(text),
                                        http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/plain; charset=utf-8")], protocol="HTTP/1.1"))
        ids.append(rec.rec_headers.get_header("WARC-Record-ID"))
        writer.write_record(rec)
    return ids


class _FixedWARCWriter(WARCWriter):
    """warcio's writer with record ids counted and one date, instead of random and now."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.records = 0

    def _make_warc_id(self, *args, **kwargs):
        self.records += 1
        return f"<urn:uuid:00000000-0000-4000-8000-{self.records:012d}>"

    def curr_warc_date(self):
        return "2025-03-21T06:07:00Z"


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    path = tmp_path_factory.mktemp("warc") / "crawl.warc.gz"
    ids = write_warc(path)
    return path, ids


def _run(*argv, check=True):
    return subprocess.run(CLI + list(argv), capture_output=True, text=True, check=check)


def _lines(run) -> list[dict]:
    return [json.loads(line) for line in run.stdout.splitlines()]


def _response_start(data: bytes, n: int) -> int:
    """Offset of the n-th response record (from 0) of an uncompressed archive."""
    return [i for i in range(len(data)) if data.startswith(b"WARC/1.0\r\nWARC-Type: response\r\n", i)][n]


def test_warc_to_jsonl(crawl, tmp_path):
    path, ids = crawl
    out = tmp_path / "out.jsonl"
    run = _run("--warc", str(path), "-o", str(out), "-j", "2")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["warc_record_id"] for r in records] == ids  # archive order, responses only
    pages = _pages()
    for record, (url, _, rel, golden) in zip(records, pages):
        assert record["url"] == url and record["error"] is None
        assert set(record) >= {"url", "warc_record_id", "title", "body", "text", "author", "date", "source", "removed", "error"}
        assert record["title"] == golden["title"]
        body = record["body"].split("\n\n")
        for para in golden["body"]:
            assert para in body, (rel, para[:50])
        # 12 pages of one host: site learning is on by default and takes the donation appeal
        assert "generosity of readers" not in record["body"]
    text = records[-1]
    assert text["url"] == "https://news.example/story" and text["error"] is None
    assert text["title"].startswith("Russian Security Official")
    assert "skipped" in run.stderr and "12 cleaned" not in run.stderr


def test_warc_same_output_for_one_and_two_jobs(crawl):
    path, _ = crawl
    one = _run("--warc", str(path), "-j", "1", "-q").stdout
    two = _run("--warc", str(path), "-j", "2", "-q").stdout
    assert one == two and len(one.splitlines()) == 13


def test_warc_without_learning_and_uncompressed(tmp_path):
    path = tmp_path / "crawl.warc"
    write_warc(path, gzip=False)
    records = [json.loads(line) for line in _run("--warc", str(path), "--no-learn-site", "-q").stdout.splitlines()]
    assert len(records) == 13
    assert any("generosity of readers" in (r["body"] or "") for r in records)


def test_warc_errors(tmp_path):
    missing = _run("--warc", str(tmp_path / "nope.warc.gz"), check=False)
    assert missing.returncode == 2 and "no such file" in missing.stderr
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(b"this is not a web archive\n" * 10)
    run = _run("--warc", str(bad), check=False)
    assert run.returncode == 2 and "cannot read the archive" in run.stderr


def test_an_unreadable_saved_profile_is_named(crawl, tmp_path):
    """With saved profiles and no learning, a profile file that cannot be read was skipped
    without a word; it is named in one warning line (none under -q), and the archive is
    cleaned."""
    path, ids = crawl
    (tmp_path / "harborpolicy.org.json").write_text('{"host": "harborpolicy.org", "pages": 12, "blocks": [', encoding="utf-8")
    run = _run("--warc", str(path), "--no-learn-site", "--site-profile", str(tmp_path))
    warnings = [line for line in run.stderr.splitlines() if "harborpolicy.org.json" in line]
    assert len(warnings) == 1 and "cannot read site profile" in warnings[0], run.stderr
    assert len(run.stdout.splitlines()) == len(ids)
    quiet = _run("--warc", str(path), "--no-learn-site", "--site-profile", str(tmp_path), "-q")
    assert quiet.stderr == "" and quiet.stdout == run.stdout


def test_warc_gzipped_as_a_whole_is_read(tmp_path):
    """A .warc.gz compressed as one gzip stream (`gzip crawl.warc`) rather than a member per
    record: warcio stops after the first record, and with site learning on (`--site-profile`)
    that was a traceback. It is read like the usual form, with the same output."""
    plain = tmp_path / "crawl.warc"
    write_warc(plain, gzip=False)
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    ref = _run("--warc", str(plain), "--site-profile", str(tmp_path / "p1"), "-q")
    run = _run("--warc", str(whole), "--site-profile", str(tmp_path / "p2"), "-q", check=False)
    assert run.returncode == 0 and run.stderr == "", run.stderr
    assert run.stdout == ref.stdout and len(run.stdout.splitlines()) == 13


def test_warc_garbled_record_is_reported_and_the_rest_read(tmp_path):
    """A record whose header line is garbled lost the records after it (how many depended on
    -j), and -o wrote nothing. Now it is one error line (its offset, why), every other
    response is cleaned, -j 1 and -j 2 give the same bytes, -o writes them; exit 1."""
    path = tmp_path / "crawl.warc"
    write_warc(path, gzip=False)
    data = path.read_bytes()
    bad = _response_start(data, 4)
    path.write_bytes(data[:bad] + b"XXXX" + data[bad + 4:])
    one = _run("--warc", str(path), "-j", "1", check=False)
    two = _run("--warc", str(path), "-j", "2", "-q", "-o", str(tmp_path / "out.jsonl"), check=False)
    assert one.returncode == two.returncode == 1 and "Traceback" not in one.stderr + two.stderr
    assert one.stdout == (tmp_path / "out.jsonl").read_text(encoding="utf-8")
    records = _lines(one)
    errors = [r for r in records if r["error"]]
    assert len(records) == 13 and len(errors) == 1, [r["error"] for r in records]
    assert errors[0]["error"].startswith(f"byte {bad}: not a WARC record (") and "XXXX/1.0" in errors[0]["error"]
    assert records.index(errors[0]) == 4  # in archive order, where the garbled record stood
    assert all(r["text"] for r in records if not r["error"])
    assert f"error: byte {bad}: not a WARC record" in one.stderr and "12 cleaned, 1 failed" in one.stderr


@pytest.mark.parametrize("compressed", [False, True], ids=["warc", "warc.gz"])
def test_warc_truncated_record_is_an_error(tmp_path, compressed):
    """An archive cut inside its last record (a download or a crawl that stopped) passed the
    record as cleaned with error null; it is an error naming the record; exit 1."""
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    write_warc(path, gzip=compressed)
    path.write_bytes(path.read_bytes()[:-200])
    run = _run("--warc", str(path), "--no-learn-site", check=False)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    records = _lines(run)
    assert len(records) == 13 and all(r["error"] is None for r in records[:-1])
    last = records[-1]
    assert last["url"] == "https://news.example/story" and last["text"] is None
    assert last["error"].startswith("record 13 (https://news.example/story): ")
    assert "truncated" in last["error"], last["error"]


def test_warc_cut_inside_a_record_header_is_an_error(tmp_path):
    """warcio reads an archive that ends inside a record's header as one that ends there (or
    fails on it as on a garbled one): the lost record is an error all the same."""
    path = tmp_path / "crawl.warc"
    write_warc(path, gzip=False)
    data = path.read_bytes()
    last = _response_start(data, 13)
    for cut in (12, 100, data.index(b"\r\n\r\n", last)):
        path.write_bytes(data[: last + cut] if cut < 200 else data[:cut])
        run = _run("--warc", str(path), "--no-learn-site", "-q", check=False)
        records = _lines(run)
        assert run.returncode == 1 and len(records) == 13, run.stderr
        error = records[-1]["error"]
        assert f"byte {last}" in error and "truncated" in error, error


def test_a_response_whose_worker_died_is_named_once():
    """The output line of a response lost with its worker names it as every error does
    (`record 3 (url): ...`), from the item's own `where`."""
    from cleaner import warc

    url = "https://example.com/story/3"
    item = (f"record 3 ({url})", url, "<urn:uuid:3>", "2025-03-21T06:07:00Z", b"<html></html>", "html", None)
    line, error, removed, empty = warc._lost_item(item, "not cleaned: the worker process cleaning it died (killed by SIGKILL)")
    assert error == f"record 3 ({url}): not cleaned: the worker process cleaning it died (killed by SIGKILL)"
    out = json.loads(line)
    assert (out["url"], out["warc_record_id"], out["error"], out["text"]) == (url, "<urn:uuid:3>", error, None)
    assert removed == [] and empty is False


# -- damaged archives: each problem is one error line, and no other record is lost ------


def _members(data: bytes) -> list[int]:
    """Offsets of the gzip members of a .warc.gz (as WARCWriter writes one per record)."""
    offsets, at = [], 0
    while at < len(data):
        offsets.append(at)
        member = zlib.decompressobj(16 + zlib.MAX_WBITS)
        member.decompress(data[at:])
        at = len(data) - len(member.unused_data)
    return offsets


def _response_member(data: bytes, n: int) -> tuple[int, int]:
    """(start, end) of the gzip member of the n-th response record (from 0)."""
    offsets = _members(data) + [len(data)]
    responses = [(start, end) for start, end in zip(offsets, offsets[1:])
                 if gzip.decompress(data[start:end]).startswith(b"WARC/1.0\r\nWARC-Type: response\r\n")]
    return responses[n]


def _error_lines(stderr: str) -> list[str]:
    assert all(line.startswith("clean-article: ") for line in stderr.splitlines()), stderr  # (nothing of warcio's)
    return [line for line in stderr.splitlines() if line.startswith("clean-article: error: ")]


@pytest.mark.parametrize("where", ["middle", "start"])
def test_warc_corrupt_gzip_member_costs_that_member_only(tmp_path, where):
    """In a .warc.gz of a gzip member per record, one corrupt member ended the archive: an
    error on the record it hit, and every record after it lost. Now it is one error line
    naming the file and the member's offset (and the record, when its header could be
    read), counted as failed, and reading resumes at the next member: every other response
    is cleaned, the same for -j 1 and -j 2."""
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    data = bytearray(path.read_bytes())
    start, end = _response_member(data, 4)
    at = (start + end) // 2 if where == "middle" else start + 10  # (deflate data / its first bytes)
    data[at:at + 16] = b"\xff" * 16
    path.write_bytes(bytes(data))
    one = _run("--warc", str(path), "-j", "1", "--no-learn-site", check=False)
    two = _run("--warc", str(path), "-j", "2", "--no-learn-site", "-q", check=False)
    assert one.returncode == two.returncode == 1 and one.stdout == two.stdout
    records = _lines(one)
    assert len(records) == 13 and all(r["text"] for r in records if not r["error"])
    errors = [r for r in records if r["error"]]
    assert len(errors) == 1 and records.index(errors[0]) == 4, [r["error"] for r in records]
    error = errors[0]["error"]
    url = "https://www.harborpolicy.org/research/school-bus-electric"
    named = f"record 5 ({url}): " if where == "middle" else ""  # (a member bad from its start shows no header)
    assert error.startswith(f"{named}{path}, byte {start}: corrupt gzip member ("), error
    assert error.endswith(f"; reading resumed at the next member that gunzips, byte {end}"), error
    assert _error_lines(one.stderr) == [f"clean-article: error: {error}"]
    assert "12 cleaned, 1 failed" in one.stderr
    assert {r["url"] for r in records if not r["error"]} == {u for u, _, _, _ in _pages() if u != url} | {"https://news.example/story"}


def test_warc_gzip_data_between_members_is_reported_and_skipped(tmp_path):
    """Bytes between two members that start none (a member whose header was overwritten)
    are reported, and the members after them read; NUL padding between members is not."""
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    data = path.read_bytes()
    start, end = _response_member(data, 4)
    path.write_bytes(data[:start] + b"\0" * 8 + b"junk" + data[start + 4:end] + b"\0" * 8 + data[end:])
    run = _run("--warc", str(path), "--no-learn-site", check=False)
    records = _lines(run)
    assert run.returncode == 1 and len(records) == 13
    assert _error_lines(run.stderr) == [f"clean-article: error: {path}, byte {start + 8}: not gzip data; "
                                        f"reading resumed at the next member that gunzips, byte {end + 16}"]


def test_warc_whole_file_gzip_corrupt_keeps_the_records_before(tmp_path):
    """One gzip stream for the whole archive (`gzip crawl.warc`), corrupt part-way: the
    records before the damage are cleaned, the record it cuts is the error (no gzip member
    follows), as before."""
    plain = tmp_path / "crawl.warc"
    write_warc(plain, gzip=False)
    data = plain.read_bytes()
    cut = _response_start(data, 6) + 1500  # (in the 7th response's payload)
    deflate = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    before = deflate.compress(data[:cut]) + deflate.flush(zlib.Z_FULL_FLUSH)  # (the damage ends no back-reference)
    after = deflate.compress(data[cut:]) + deflate.flush()
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(before + b"\xff" + after[1:])  # (a deflate block of the reserved type)
    run = _run("--warc", str(path), "--no-learn-site", check=False)
    records = _lines(run)
    assert run.returncode == 1 and len(records) == 7 and all(r["text"] for r in records[:6])
    url = "https://www.harborpolicy.org/research/transit-ridership"
    assert records[6]["error"] == (f"record 7 ({url}): {path}, byte 0: corrupt gzip member "
                                   "(Error -3 while decompressing data: invalid block type); no gzip member after it")
    assert _error_lines(run.stderr) == [f"clean-article: error: {records[6]['error']}"]


def _with_content_length(data: bytes, n: int, change: int) -> bytes:
    """An uncompressed archive with the Content-Length of its n-th response changed by `change`."""
    start = _response_start(data, n)
    header = re.compile(rb"\r\nContent-Length: (\d+)\r\n").search(data, start)
    length = int(header.group(1)) + change
    return data[:header.start(1)] + str(length).encode() + data[header.end(1):]


@pytest.mark.parametrize("change", [-300, 300, 3000], ids=["short", "long", "over-the-next-record"])
def test_warc_wrong_content_length_is_one_line_and_costs_one_record(tmp_path, change):
    """A record whose Content-Length is wrong was cleaned as if it were right (a page cut
    short, or with the next record's header in it), warcio printed a warning of its own
    on stderr (four lines: offset, remainder), the bytes after it were one more error line
    and a length too long lost the records it reached into without a word. Now the record
    is one error line naming it, and reading resumes at the next record after its start."""
    path = tmp_path / "crawl.warc"
    write_warc(path, gzip=False)
    path.write_bytes(_with_content_length(path.read_bytes(), 4, change))
    run = _run("--warc", str(path), "--no-learn-site", check=False)
    records = _lines(run)
    assert run.returncode == 1 and len(records) == 13, [r["error"] for r in records]
    url = "https://www.harborpolicy.org/research/school-bus-electric"
    bad = records[4]
    assert bad["url"] == url and bad["text"] is None
    assert bad["error"].startswith(f"record 5 ({url}): wrong Content-Length ("), bad["error"]
    assert _error_lines(run.stderr) == [f"clean-article: error: {bad['error']}"]
    assert all(r["text"] for r in records if r is not bad)


def test_warc_records_without_blank_lines_between_are_read(tmp_path):
    """Records written without the blank lines that end each one (a writer's slip) lost every
    other record to warcio, which read the next record's first line as the rest of this one;
    a record whose Content-Length is right is read whole, without an error."""
    path = tmp_path / "crawl.warc"
    write_warc(path, gzip=False)
    path.write_bytes(path.read_bytes().replace(b"\r\n\r\nWARC/1.0\r\n", b"WARC/1.0\r\n"))
    run = _run("--warc", str(path), "--no-learn-site", check=False)
    records = _lines(run)
    assert run.returncode == 0 and _error_lines(run.stderr) == [] and len(records) == 13
    assert all(r["text"] and r["error"] is None for r in records)


def test_warc_payload_whose_content_encoding_is_corrupt_is_an_error(tmp_path):
    """A response whose gzip Content-Encoding breaks part-way was cleaned from the part
    before the break (error null), and warcio printed zlib's message on stderr; it is an
    error naming the record and the encoding."""
    rng = random.Random(7)
    paragraphs = "".join(f"<p>Paragraph {i} of the council's budget story, with figure {rng.getrandbits(64)}.</p>" for i in range(4000))
    page = f"<html><head><title>Council backs the budget</title></head><body>{paragraphs}</body></html>".encode()
    body = bytearray(gzip.compress(page))
    body[len(body) * 3 // 4:len(body) * 3 // 4 + 16] = b"\xff" * 16
    path = tmp_path / "encoded.warc"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        for n, (payload, encoding) in enumerate([(page, []), (bytes(body), [("Content-Encoding", "gzip")]), (page, [])]):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")] + encoding, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://example.com/{n}", "response", payload=io.BytesIO(payload), http_headers=headers))
    run = _run("--warc", str(path), "--no-learn-site", check=False)
    records = _lines(run)
    assert run.returncode == 1 and [bool(r["error"]) for r in records] == [False, True, False]
    assert records[1]["error"].startswith("record 2 (https://example.com/1): cannot decode the payload's Content-Encoding gzip ("), records[1]["error"]
    assert _error_lines(run.stderr) == [f"clean-article: error: {records[1]['error']}"]


def test_a_payload_cut_at_the_limit_says_so(tmp_path, monkeypatch):
    """A response beyond MAX_PAYLOAD_BYTES was cut there without a word (the page's own
    character limit warns only when the cut part is longer still): its record now carries a
    warning, as a page cut at the character limit does."""
    from cleaner import batch, make_options, warc

    path = tmp_path / "crawl.warc"
    write_warc(path, gzip=False)
    monkeypatch.setattr(warc, "MAX_PAYLOAD_BYTES", 2000)
    items = list(warc.iter_responses(str(path)))
    assert len(items) == 13 and all(len(item[4]) <= 2000 for item in items)
    assert all(item[7] == ("payload cut to its first 2,000 bytes",) for item in items)
    monkeypatch.setattr(batch, "_WORKER_OPTIONS", make_options())
    line, error, _, _ = warc._clean_item(items[-1])
    assert error is None and json.loads(line)["warnings"][0] == "payload cut to its first 2,000 bytes"


def test_warcio_notices_stay_off_stderr(tmp_path):
    """warcio's logger printed a line of its own for a target URI with a space (which it
    repairs); stderr holds clean-article's lines only."""
    path = tmp_path / "crawl.warc"
    write_warc(path, gzip=False)
    url = "https://www.harborpolicy.org/research/heat-plans"
    path.write_bytes(path.read_bytes().replace(f"WARC-Target-URI: {url}".encode(), f"WARC-Target-URI: {url[:-6]} plans".encode()))
    run = _run("--warc", str(path))
    assert _error_lines(run.stderr) == [] and f"{url[:-6]}%20plans" in run.stdout


def test_wrong_content_length_of_a_record_beyond_the_kept_bytes(tmp_path, monkeypatch):
    """A record larger than the bytes kept to read again: reading resumes where warcio
    stands after it (the records a length too long reached into are lost with it)."""
    from cleaner import warc

    path = tmp_path / "crawl.warc"
    write_warc(path, gzip=False)
    data = path.read_bytes()
    path.write_bytes(_with_content_length(data, 4, -300))
    monkeypatch.setattr(warc, "_REREAD_BYTES", 100)
    errors = [item[6] for item in warc.iter_responses(str(path))]
    assert len(errors) == 13 and [bool(e) for e in errors].index(True) == 4 and sum(map(bool, errors)) == 1
    request = data.rindex(b"WARC/1.0\r\n", 0, _response_start(data, 5))  # (the record after it)
    assert errors[4].endswith(f"; reading resumed at byte {request}"), errors[4]


def test_warc_record_cut_inside_its_header_and_the_next_one_appended(tmp_path):
    """A crawler killed while it wrote a record's header, then restarted to append to the
    same file: warcio read the next record's header lines as the rest of the cut one and
    took its payload, so that response was lost without a word. The cut record is an error;
    the next one is read."""
    path = tmp_path / "crawl.warc"
    write_warc(path, gzip=False)
    data = path.read_bytes()
    response = _response_start(data, 4)
    request = data.rindex(b"WARC/1.0\r\n", 0, response)
    cut = data.index(b"\r\nWARC-Date: ", request) + 8  # (the request cut inside its date line)
    path.write_bytes(data[:cut] + b"\n" + data[response:])
    run = _run("--warc", str(path), "--no-learn-site", check=False)
    records = _lines(run)
    assert len(records) == 14 and all(r["text"] for r in records if not r["error"])
    errors = [r["error"] for r in records if r["error"]]
    assert errors == [f"request record at byte {request} (https://www.harborpolicy.org/research/school-bus-electric): "
                      f"malformed: a record starts inside its header; reading resumed there, at byte {cut + 1}"]
    assert _error_lines(run.stderr) == [f"clean-article: error: {errors[0]}"]


@pytest.mark.parametrize("header", [b"Content-Length: ", b"Content-Length: 12x"], ids=["empty", "not-a-number"])
def test_warc_record_without_a_valid_content_length(tmp_path, header):
    """warcio reads a record whose Content-Length is missing or no number to the end of the
    archive, so every record after it was lost with one error line; the record is the error
    and the records after it are read."""
    path = tmp_path / "crawl.warc"
    write_warc(path, gzip=False)
    data = path.read_bytes()
    start = _response_start(data, 4)
    length = re.compile(rb"Content-Length: \d+").search(data, start)
    path.write_bytes(data[:length.start()] + header + data[length.end():])
    records = _lines(_run("--warc", str(path), "--no-learn-site", "-q", check=False))
    assert len(records) == 13 and [bool(r["error"]) for r in records].index(True) == 4
    assert sum(bool(r["error"]) for r in records) == 1 and "no valid Content-Length" in records[4]["error"]


def test_warc_content_length_past_the_end_of_the_archive(tmp_path):
    """A Content-Length that reaches past the archive's end took the records after it (they
    were lost; the record was 'truncated'). Found among the bytes kept, they are read."""
    path = tmp_path / "crawl.warc"
    write_warc(path, gzip=False)
    data = path.read_bytes()
    path.write_bytes(_with_content_length(data, 11, 50_000))
    records = _lines(_run("--warc", str(path), "--no-learn-site", "-q", check=False))
    assert len(records) == 13 and [bool(r["error"]) for r in records] == [False] * 11 + [True, False]
    assert "wrong Content-Length" in records[11]["error"] and "runs past the end of the archive" in records[11]["error"]


@pytest.mark.parametrize("compressed", [False, True], ids=["warc", "warc.gz"])
def test_damaged_archives_lose_only_what_the_damage_touches(tmp_path, compressed):
    """Bytes changed, cut, inserted or removed anywhere in an archive (and Content-Lengths
    changed): reading never fails and prints nothing of its own, and every response whose
    record (or gzip member) lies wholly before the damage is cleaned, and so is every one
    wholly after it when the damage moved no byte."""
    from cleaner import warc

    path = tmp_path / "crawl.warc"
    write_warc(path, gzip=compressed)
    data = path.read_bytes()
    starts = _members(data) if compressed else [m.start() for m in re.finditer(rb"WARC/1.0\r\n", data)]
    pages = {}  # url -> (start, end) of the page's record (or gzip member) in the file
    for start, end in zip(starts, starts[1:] + [len(data)]):
        record = gzip.decompress(data[start:end]) if compressed else data[start:end]
        if record.startswith(b"WARC/1.0\r\nWARC-Type: response") and b"image/png" not in record:
            pages[record.split(b"WARC-Target-URI: ")[1].split(b"\r\n")[0].decode()] = (start, end)
    assert len(pages) == 13
    rng = random.Random(20251123)
    for trial in range(60):
        damaged, kind = bytearray(data), rng.choice(["change", "zero", "cut", "insert", "remove", "length"])
        at, size = rng.randrange(len(data)), rng.randrange(1, 200)
        if kind == "change":
            damaged[at:at + size] = bytes(b ^ rng.randrange(1, 256) for b in damaged[at:at + size])
        elif kind == "zero":
            damaged[at:at + size] = bytes(len(damaged[at:at + size]))
        elif kind == "cut":
            damaged = damaged[:at]
        elif kind == "insert":
            damaged[at:at] = bytes(rng.randrange(256) for _ in range(size))
        elif kind == "remove":
            del damaged[at:at + size]
        else:
            if compressed:
                continue
            length = rng.choice(list(re.finditer(rb"Content-Length: (\d+)", data)))
            damaged[length.start(1):length.end(1)] = str(int(length.group(1)) + rng.choice([-500, -50, -1, 1, 50, 500, 5000])).encode()
            at, size = length.start(), 1
        path.write_bytes(bytes(damaged))
        printed = io.StringIO()
        with contextlib.redirect_stderr(printed):
            items = list(warc.iter_responses(str(path)))
        assert printed.getvalue() == "", (trial, kind)
        cleaned = {item[1] for item in items if not item[6]}
        moved = kind in ("insert", "remove", "cut")
        kept = {url for url, (start, end) in pages.items() if end <= at or (not moved and start >= at + size)}
        assert kept <= cleaned, (trial, kind, at, size, kept - cleaned, [item[6] for item in items if item[6]])


def test_a_payload_the_crawler_cut_says_so(tmp_path):
    """A response the crawler cut at its size limit (`WARC-Truncated: length`, as Common
    Crawl's are past 1 MiB) or split into segments was cleaned as if it were the whole
    page; its record carries a warning that it is not."""
    path = tmp_path / "cut.warc.gz"
    page = (SAMPLES / "002_5a4338b8be568de2.txt").read_bytes()
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n, extra in enumerate([{}, {"WARC-Truncated": "length"}, {"WARC-Segment-Number": "1"}]):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://news.example/{n}", "response", payload=io.BytesIO(page),
                                                          http_headers=headers, warc_headers_dict=extra))
    records = _lines(_run("--warc", str(path), "--no-learn-site", "-q"))
    assert [r["warnings"] for r in records] == [[], ["payload cut by the crawler (WARC-Truncated: length)"],
                                                ["payload split into segments: only the first is cleaned"]]
    assert all(r["text"] and r["error"] is None for r in records)
