"""Dask: a bag of records and a dataframe column cleaned on a LocalCluster (2 worker processes)
give the same bodies as `clean-article --jsonl` on the same records."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("dask.bag")
pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

from cleaner.integrations.dask import clean_bag, clean_dataframe, learn_site_profiles  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SITES = ROOT / "tests" / "data" / "sites"
CLI = [sys.executable, "-m", "cleaner"]
# 10,000 records by default (about a minute on two cores); set fewer for a quick run
RECORDS = int(os.environ.get("CLEAN_ARTICLE_DASK_RECORDS", "10000"))


def base_records() -> list[dict]:
    """The samples (text, no URL) and the site test pages (text and HTML, with URLs)."""
    out = []
    for p in sorted((ROOT / "samples").glob("*.txt")):
        if not p.name.endswith(".golden.txt"):
            out.append({"text": p.read_text(encoding="utf-8")})
    golden = json.loads((SITES / "golden.json").read_text(encoding="utf-8"))
    for rel, g in golden.items():
        page = (SITES / rel).read_text(encoding="utf-8")
        out.append({"url": g["url"], ("html" if rel.endswith(".html") else "text"): page})
    return out


def make_records(n: int) -> list[dict]:
    base = base_records()
    return [{"id": i, **base[i % len(base)]} for i in range(n)]


def cli_jsonl(records: list[dict], tmp_path: Path, *flags: str) -> list[dict]:
    source = tmp_path / "records.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    run = subprocess.run(CLI + ["--jsonl", str(source), "-q", "-j", "2", *flags], capture_output=True, text=True, check=True)
    return [json.loads(line) for line in run.stdout.splitlines()]


@pytest.fixture(scope="module")
def client():
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with Client(cluster) as c:
        yield c
    cluster.close()


def test_bag_matches_cli_jsonl(client, tmp_path):
    records = make_records(RECORDS)
    started = time.monotonic()
    expected = cli_jsonl(records, tmp_path, "--no-learn-site")
    cli_seconds = time.monotonic() - started

    started = time.monotonic()
    bag = db.from_sequence(records, npartitions=16)
    got = clean_bag(bag).compute()
    dask_seconds = time.monotonic() - started
    print(f"\n{RECORDS} records: clean-article --jsonl -j 2 {cli_seconds:.1f}s, dask (2 workers) {dask_seconds:.1f}s")

    assert len(got) == len(expected) == RECORDS
    assert [r["id"] for r in got] == list(range(RECORDS))  # input order
    assert all(g["body"] == e["body"] and g["title"] == e["title"] for g, e in zip(got, expected))
    assert all(g == e for g, e in zip(got, expected))  # every field, errors included
    # both workers took part
    assert len(client.scheduler_info()["workers"]) == 2


def test_bag_from_jsonl_text_and_errors(client, tmp_path):
    lines = [json.dumps(r) for r in make_records(50)] + ["{not json", json.dumps({"id": "x", "url": "u"})]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = clean_bag(db.read_text(str(path), blocksize=20_000).map(str.strip).filter(bool)).compute()
    assert len(got) == 52
    assert got[-2]["error"].startswith("ValueError: not valid JSON")
    assert got[-1]["error"] == "ValueError: no `text`, `html` or `markdown` string field" and got[-1]["id"] == "x"
    assert all(r["error"] is None for r in got[:50])


def test_bag_site_learning_matches_cli(client, tmp_path):
    records = [r for r in make_records(41) if r.get("url")]
    expected = cli_jsonl(records, tmp_path)  # the CLI learns by default (12 pages per host)
    bag = db.from_sequence(records, npartitions=7)  # blocks are spread over partitions
    profiles = learn_site_profiles(bag)
    assert sorted(profiles) == ["gearlab.example", "harborpolicy.org", "riverbendgazette.com"]
    got = clean_bag(bag, learn_site=True).compute()
    assert [g["body"] for g in got] == [e["body"] for e in expected]
    assert not any("affiliate commission" in g["body"] for g in got)


def test_dataframe_column(client):
    records = make_records(123)
    frame = pd.DataFrame({
        "page": [r.get("html") or r.get("text") for r in records],
        "link": [r.get("url") for r in records],
        "n": range(len(records)),
    })
    frame.loc[5, "page"] = None
    ddf = dd.from_pandas(frame, npartitions=4)
    out = clean_dataframe(ddf, "page", url_column="link").compute()
    assert list(out.columns) == ["page", "link", "n", "clean_title", "clean_body", "clean_author", "clean_date", "clean_error"]
    assert list(out["n"]) == list(range(123))
    assert out.loc[5, "clean_error"].startswith("ValueError") and pd.isna(out.loc[5, "clean_body"])
    from cleaner import clean

    for i in (0, 7, 30, 40):
        assert out.loc[i, "clean_body"] == "\n\n".join(clean(frame.loc[i, "page"], url=frame.loc[i, "link"]).body)
    with pytest.raises(ValueError, match="unknown output fields"):
        clean_dataframe(ddf, "page", fields=("title", "nope"))


def test_dataframe_written_to_parquet(tmp_path):
    """The README's three lines: read parquet, clean a column, write parquet. Writing failed
    (pyarrow could not type the new columns, declared as untyped objects)."""
    import dask
    import pyarrow.parquet as pq

    html = _html("utf-8")
    pd.DataFrame({"url": ["https://example.com/a", "https://example.com/b", None], "html": [html, "Menu\nHome", None]}).to_parquet(
        tmp_path / "pages.parquet"
    )
    df = clean_dataframe(dd.read_parquet(tmp_path / "pages.parquet"), "html", url_column="url")
    with dask.config.set(scheduler="sync"):
        df[["url", "clean_title", "clean_body", "clean_error"]].to_parquet(tmp_path / "clean.parquet")
    table = pq.read_table(tmp_path / "clean.parquet").to_pydict()
    assert table["clean_title"] == ["Story", None, None]
    assert table["clean_body"][0].startswith("Café crème, the story") and table["clean_body"][1] == ""
    assert table["clean_error"] == [None, None, "ValueError: no page (missing value)"]


def test_dataframe_without_the_named_columns():
    """A column name that is not in the dataframe failed only at compute time, as a bare
    KeyError from a worker; it is a ValueError naming the column when the graph is built."""
    ddf = dd.from_pandas(pd.DataFrame({"page": ["Hello"], "link": ["https://example.com/"]}), npartitions=1)
    with pytest.raises(ValueError, match="no column 'html' in the dataframe"):
        clean_dataframe(ddf, "html", url_column="link")
    with pytest.raises(ValueError, match="no column 'url' in the dataframe .columns: page, link."):
        clean_dataframe(ddf, "page", url_column="url")


PROSE = ("Café crème, the story of a paragraph long enough to be kept by the cleaner as prose. "
         "It has two sentences, and the second one is here.")


def _html(charset: str) -> str:
    paragraphs = "".join(f"\n<p>{PROSE}</p>" for _ in range(3))
    return (f'<html><head><meta charset="{charset}"><title>Story</title></head>'
            f"<body><article><h1>Story</h1>{paragraphs}</article></body></html>")


def test_dataframe_of_page_bytes_is_decoded_as_the_cli_decodes_a_file(tmp_path):
    """Crawlers save pages as a parquet binary column: the cells are bytes, which were
    cleaned as their repr ("b'<html>...\\xc3\\xa9...'"). They are decoded now (charset
    detected, HTML or text), a missing cell or binary data gets an error, and a column of
    pyarrow strings with missing values works too."""
    import dask
    import pyarrow as pa
    import pyarrow.parquet as pq

    from cleaner import clean

    pages = [
        _html("utf-8").encode("utf-8"),
        _html("windows-1252").encode("cp1252"),
        f"Story\n\n{PROSE}\n".encode("utf-8"),  # plain text
        None,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    ]
    urls = [b"https://example.com/a", "https://example.com/b", None, "https://example.com/d", "https://example.com/e"]
    table = pa.table({"url": pa.array([u.decode() if isinstance(u, bytes) else u for u in urls]),
                      "html": pa.array(pages, type=pa.binary())})
    pq.write_table(table, tmp_path / "pages.parquet")
    with dask.config.set(scheduler="sync"):
        out = clean_dataframe(dd.read_parquet(tmp_path / "pages.parquet"), "html", url_column="url").compute()
    for i in (0, 1, 2):
        expected = clean(pages[i], url=urls[i].decode() if i == 0 else urls[i])
        assert out["clean_title"][i] == expected.title and out["clean_body"][i] == "\n\n".join(expected.body)
        assert out["clean_body"][i].startswith("Café crème, the story") and out["clean_error"][i] is None
    assert list(out["clean_title"][:2]) == ["Story", "Story"]
    assert out["clean_error"][3] == "ValueError: no page (missing value)" and out["clean_body"][3] is None
    assert out["clean_error"][4] == "NotText: looks like a PDF document" and out["clean_body"][4] is None

    strings = pd.DataFrame({"page": pd.array([_html("utf-8"), None, pd.NA], dtype="string[pyarrow]"),
                            "odd": pd.Series([b"x", ["a list"], 3.5], dtype="object")})
    with dask.config.set({"scheduler": "sync", "dataframe.convert-string": False}):  # keep the odd cells
        got = clean_dataframe(dd.from_pandas(strings, npartitions=2), "page").compute()
        odd = clean_dataframe(dd.from_pandas(strings, npartitions=1), "odd").compute()
    assert got["clean_title"][0] == "Story" and list(got["clean_error"][1:]) == ["ValueError: no page (missing value)"] * 2
    assert odd["clean_error"][1] == "ValueError: `odd` holds a list, not text or bytes"  # not a crash of the partition
    assert odd["clean_error"][0] is None and odd["clean_error"][2] == "ValueError: `odd` holds a float, not text or bytes"


def test_bag_of_records_with_page_bytes():
    """A bag of records holding the raw response body (`html` as bytes) is cleaned and
    learned from like the same records with text."""
    import dask

    footer = "The Example Gazette is an independent, nonprofit newsroom that relies on readers like you."
    records = [{"id": i, "url": f"https://example.com/{i}",
                "html": f"<html><body><article><h1>Story {i}</h1><p>{PROSE} Number {i}.</p>"
                        f"<p>{PROSE}</p></article><footer><p>{footer}</p></footer></body></html>".encode("utf-8")}
               for i in range(12)]
    with dask.config.set(scheduler="sync"):
        got = clean_bag(db.from_sequence(records, npartitions=3), learn_site=True).compute()
        plain = clean_bag(db.from_sequence([{**r, "html": r["html"].decode()} for r in records], npartitions=3),
                          learn_site=True).compute()
    assert [g["error"] for g in got] == [None] * 12
    assert got == plain
    assert got[0]["title"] == "Story 0" and "Café crème" in got[0]["body"] and footer not in got[0]["text"]
