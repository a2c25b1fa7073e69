"""Every option of `clean-article --help` does what the help says."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap

import pytest

from .conftest import SAMPLES, sample_names
from .test_rules import PAGES

PAGE = textwrap.dedent(PAGES["en"][0])
TITLE = PAGES["en"][1]
JSON_FIELDS = {"title", "body", "text", "author", "date", "source", "removed", "input_type", "warnings"}
JSONL_FIELDS = {"id", "url", "title", "body", "text", "author", "date", "source", "removed", "input_type", "warnings", "error"}


def run(*args, stdin: str | bytes | None = None, cwd=None):
    text = not isinstance(stdin, bytes)
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *map(str, args)], input=stdin, capture_output=True, text=text, timeout=180, cwd=cwd
    )


@pytest.fixture
def page(tmp_path):
    f = tmp_path / "page.txt"
    f.write_text(PAGE, encoding="utf-8")
    return f


def test_help_lists_the_documented_options():
    r = run("--help")
    assert r.returncode == 0
    for opt in ("--output", "--format", "--jsonl", "--input-type", "--explain", "--no-title", "--list-rules", "--disable",
                "--select", "--rules", "--jobs", "--quiet", "--version"):
        assert opt in r.stdout, opt
    assert "Exit status" in r.stdout


def test_version():
    r = run("--version")
    assert r.returncode == 0 and r.stdout.startswith("clean-article ")


def test_text_output_format(page):
    r = run(page)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert out.startswith(TITLE + "\n\n")
    assert out.endswith("\n") and not out.endswith("\n\n")
    assert "\n\n\n" not in out
    paragraphs = out.rstrip("\n").split("\n\n")
    assert all(p and "\n" not in p and p == p.strip() for p in paragraphs)


def test_stdin_dash_and_no_argument_are_the_same(page):
    from_file = run(page).stdout
    assert run("-", stdin=PAGE).stdout == from_file
    assert run(stdin=PAGE).stdout == from_file


def test_format_json_fields(page):
    r = run("--format", "json", page)
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("\n") == 1, "one JSON object per page, on one line"
    doc = json.loads(r.stdout)
    assert set(doc) == JSON_FIELDS
    assert doc["title"] == TITLE
    assert doc["text"] == run(page).stdout
    assert doc["body"] == doc["text"][len(TITLE) + 2:].rstrip("\n")
    assert doc["author"] == "Jane Miller"
    assert isinstance(doc["date"], str) and doc["date"]
    assert doc["source"] is None or isinstance(doc["source"], str)
    assert doc["removed"] and all(set(x) == {"text", "rule"} for x in doc["removed"])
    assert doc["input_type"] == "text" and doc["warnings"] == []
    # a block dropped by the model after an end marker may name the rule too ("model.after-end+footer.copyright")
    rules = {part for x in doc["removed"] for part in x["rule"].split("+")}
    assert {"navigation.skip", "navigation.breadcrumb", "social.share", "comments.heading", "weather.temperature"} <= rules
    # non-ASCII stays readable (ensure_ascii=False)
    de = run("--format", "json", "-", stdin=textwrap.dedent(PAGES["de"][0])).stdout
    assert "Bundestag beschließt" in de


def test_no_title(page):
    with_title = run(page).stdout
    without = run("--no-title", page).stdout
    assert not without.startswith(TITLE)
    assert with_title == TITLE + "\n\n" + without
    doc = json.loads(run("--no-title", "--format", "json", page).stdout)
    assert doc["title"] == TITLE, "JSON still carries the title as metadata"
    assert not doc["text"].startswith(TITLE)


def test_explain_lists_every_block_with_verdict_and_rule(page):
    r = run("--explain", page)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("# input: text")
    body = [l for l in lines[1:] if not l.startswith("CUT ")]
    nonblank = [l for l in PAGE.splitlines() if l.strip()]
    assert len(body) == len(nonblank), "one explain line per input block (one-line blocks here)"
    known = re.compile(r"^(KEEP|DROP) +([a-z]+(?:\.[\w-]+)?(?:\+[a-z]+(?:\.[\w-]+)?)*) +L\d+(?:-\d+)? +\S")
    for line in body:
        m = known.match(line)
        assert m, f"explain line without verdict/rule/line: {line!r}"
    verdicts = {m.group(1) for m in map(known.match, body)}
    assert verdicts == {"KEEP", "DROP"}
    assert re.search(r"^KEEP +(?:\S+\+)?headline\.title(?:\+\S+)? +L8 ", r.stdout, re.M)
    assert re.search(r"^DROP +(?:\S+\+)?comments\.heading(?:\+\S+)? +L\d+ +Leave a Reply", r.stdout, re.M)
    # every rule id named in explain exists in --list-rules
    listing = run("--list-rules").stdout
    for line in body:
        for rule in known.match(line).group(2).split("+"):
            assert re.search(rf"(?m)^\s+{re.escape(rule)}\s", listing) or rule in ("headline", "model"), rule


def test_explain_with_several_pages_lists_each_under_its_header(tmp_path, page):
    # --explain was ignored with several inputs: the pages came out cleaned, not explained
    other = tmp_path / "other.txt"
    other.write_text(PAGE.replace(TITLE, "Another headline"), encoding="utf-8")
    one = run("--explain", page).stdout
    for jobs in ("1", "2"):
        r = run("--explain", page, other, "-j", jobs, "-q")
        assert r.returncode == 0, r.stderr
        assert r.stdout == f"==> {page} <==\n{one}==> {other} <==\n{one.replace(TITLE, 'Another headline')}"


@pytest.mark.parametrize("source", ["--jsonl", "--warc"])
def test_explain_with_jsonl_or_warc_is_a_usage_error(tmp_path, source):
    src = tmp_path / "in"
    src.write_text(json.dumps({"id": 1, "text": PAGE}) + "\n", encoding="utf-8")
    r = run("--explain", source, src)
    assert r.returncode == 2 and r.stdout == ""
    assert "--explain" in r.stderr.splitlines()[-1] and "Traceback" not in r.stderr


@pytest.mark.parametrize("batch", ["directory", "jsonl", "page"])
def test_a_closed_stdout_ends_the_run_quietly(tmp_path, batch):
    # `clean-article dir | head -1` printed "Broken pipe" and exited 2
    d = tmp_path / "pages"
    d.mkdir()
    long_page = "Flood barrier\n\n" + "\n\n".join(  # cleaned to 180 KB: more than a pipe holds
        f"In its meeting number {i} the council voted to build a concrete flood barrier along the river, "
        "ending a debate that had divided the town for nearly three years, officials said." for i in range(1000))
    for i in range(3):
        (d / f"{i}.txt").write_text(long_page, encoding="utf-8")
    (tmp_path / "in.jsonl").write_text((json.dumps({"id": 1, "text": long_page}) + "\n") * 3, encoding="utf-8")
    argv = {"directory": [d, "-j", "2"], "jsonl": ["--jsonl", tmp_path / "in.jsonl"], "page": [d / "0.txt"]}[batch]
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", *map(str, argv)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.readline()
    proc.stdout.close()  # as `head -1` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141, err  # (README: Exit status)
    assert err == ""


def test_list_rules_names_every_set_and_rule():
    from cleaner.registry import load_rules

    r = run("--list-rules")
    assert r.returncode == 0
    rs = load_rules()
    for info in rs.sets:
        assert re.search(rf"(?m)^{re.escape(info.id)}: ", r.stdout), info.id
    for rule in rs.rules:
        assert re.search(rf"(?m)^  {re.escape(rule.id)}\s+{rule.action}\s", r.stdout), rule.id
    assert "model.prose" in r.stdout and "headline.title" in r.stdout


def test_output_file(page, tmp_path):
    out = tmp_path / "sub" / "clean.txt"
    r = run(page, "-o", out)
    assert r.returncode == 0 and r.stdout == ""
    assert out.read_text(encoding="utf-8") == run(page).stdout
    # overwrite leaves no temp file behind
    run(page, "-o", out, "--format", "json")
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == TITLE
    assert sorted(p.name for p in out.parent.iterdir()) == ["clean.txt"]


def test_input_type_forcing():
    html = "<html><body><h1>Title here now</h1><p>" + "A sentence about the city council and its vote. " * 10 + "</p></body></html>"
    as_text = run("--input-type", "text", "--format", "json", "-", stdin=html)
    assert as_text.returncode == 0
    as_html = json.loads(run("--input-type", "html", "--format", "json", "-", stdin=html).stdout)
    assert "<p>" not in as_html["text"] and "city council" in as_html["text"]
    assert run("--input-type", "bogus", "-", stdin="x").returncode == 2


def test_quiet_silences_warnings():
    noisy = run("-", stdin="Menu\nSearch\n")
    assert noisy.returncode == 0 and "warning" in noisy.stderr
    quiet = run("-q", "-", stdin="Menu\nSearch\n")
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_missing_file_is_exit_2(tmp_path):
    r = run(tmp_path / "nope.txt")
    assert r.returncode == 2 and "nope.txt" in r.stderr and "Traceback" not in r.stderr


def test_unknown_option_is_exit_2():
    assert run("--no-such-option").returncode == 2


def test_jsonl_fields_and_order(tmp_path):
    src = tmp_path / "in.jsonl"
    records = [
        {"id": "a", "url": "https://example.com/a", "text": PAGE},
        {"id": 2, "url": None, "html": "<html><body><h1>Springfield council approves flood barrier</h1><p>"
         + "The city council voted on Monday to build a concrete flood barrier along the river. " * 5 + "</p></body></html>"},
        {"id": "c", "text": "Menu\nSearch\n"},
    ]
    src.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    r = run("--jsonl", src, "-j", "1", "-q")
    assert r.returncode == 0, r.stderr
    out = [json.loads(l) for l in r.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", 2, "c"]
    for o in out:
        assert set(o) == JSONL_FIELDS and o["error"] is None
    assert out[0]["url"] == "https://example.com/a" and out[0]["title"] == TITLE and out[0]["author"] == "Jane Miller"
    assert "city council voted" in out[1]["text"] and "<p>" not in out[1]["text"]
    assert out[2]["text"] == ""
    # how each page was read, and what went wrong short of an error, travel with the page
    assert [o["input_type"] for o in out] == ["text", "html", "text"]
    assert out[0]["warnings"] == [] and out[2]["warnings"] == ["no article found: output is empty"]
    # stdin and -o give the same records
    o = tmp_path / "out.jsonl"
    r2 = run("--jsonl", "-", "-o", o, "-j", "2", "-q", stdin=src.read_text(encoding="utf-8"))
    assert r2.returncode == 0 and r2.stdout == ""
    assert o.read_text(encoding="utf-8") == r.stdout


def test_jsonl_bad_lines_get_error_records_and_exit_1(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1, "text": "Menu"}\nnot json\n[1, 2]\n{"id": 4}\n{"id": 5, "text": "Search"}\n', encoding="utf-8")
    r = run("--jsonl", src, "-j", "1")
    assert r.returncode == 1
    out = [json.loads(l) for l in r.stdout.splitlines()]
    assert len(out) == 5
    assert [o["error"] is None for o in out] == [True, False, False, False, True]
    assert out[1]["error"].startswith("line 2:") and "JSON" in out[1]["error"]
    assert out[2]["error"].startswith("line 3:")
    assert out[3]["error"].startswith("line 4:") and out[3]["id"] == 4
    assert all(set(o) == JSONL_FIELDS for o in out)
    assert "Traceback" not in r.stderr
    # every line counts in the summary, the failed ones too (not only the 2 clean ones)
    assert re.search(r"clean-article: 5 pages, 2 cleaned, 3 failed\b", r.stderr), r.stderr


def test_jsonl_missing_file_is_exit_2(tmp_path):
    r = run("--jsonl", tmp_path / "nope.jsonl")
    assert r.returncode == 2 and "nope.jsonl" in r.stderr


def test_several_files_and_directory(tmp_path):
    d = tmp_path / "pages"
    d.mkdir()
    names = sample_names()[:2]
    for n in names:
        (d / f"{n}.txt").write_bytes((SAMPLES / f"{n}.txt").read_bytes())
    outdir = tmp_path / "out"
    r = run(d, "-o", outdir, "-j", "1", "-q")
    assert r.returncode == 0, r.stderr
    for n in names:
        assert (outdir / f"{n}.txt").read_bytes() == (SAMPLES / f"{n}.golden.txt").read_bytes()
    r = run(*(d / f"{n}.txt" for n in names), "-j", "1", "-q")
    assert r.returncode == 0
    assert r.stdout.count("==> ") == 2


def test_jobs_do_not_change_output(tmp_path):
    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": i, "text": (SAMPLES / f"{n}.txt").read_text(encoding="utf-8")}) for i, n in enumerate(sample_names() * 3)]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one = run("--jsonl", src, "-j", "1", "-q").stdout
    two = run("--jsonl", src, "-j", "2", "-q").stdout
    assert one == two and len(one.splitlines()) == len(lines)
