"""`clean-article --warc`: response records of a WARC (written here with warcio) to JSON Lines."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
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
    """A small crawl: HTML responses, their requests, an image, a redirect and a text page."""
    ids = []
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
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
