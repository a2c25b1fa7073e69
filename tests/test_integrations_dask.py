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
    assert got[-1]["error"] == "ValueError: no `text` or `html` string field" and got[-1]["id"] == "x"
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
