"""Scrapy: a real crawl (CrawlerProcess, in a subprocess) of a local HTTP server on 127.0.0.1,
with `CleanArticlePipeline` in ITEM_PIPELINES."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytest.importorskip("scrapy")

ROOT = Path(__file__).resolve().parent.parent
SITES = ROOT / "tests" / "data" / "sites"
GOLDEN = json.loads((SITES / "golden.json").read_text(encoding="utf-8"))
PAGES = [rel for rel in GOLDEN if rel.startswith(("harborpolicy.org/", "riverbendgazette.com/"))]


class Handler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        if self.path in ("/", "/index.html"):
            links = "".join(f'<li><a href="/{rel}">{rel}</a></li>' for rel in PAGES)
            links += '<li><a href="/special/broken">broken</a></li><li><a href="/special/bare">bare</a></li>'
            body = f"<html><body><ul>{links}</ul></body></html>".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if self.path.startswith("/special/"):
            body = (SITES / PAGES[0]).read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def guess_type(self, path):
        return "text/plain; charset=utf-8" if str(path).endswith(".txt") else super().guess_type(path)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(SITES)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


SPIDER = textwrap.dedent('''
    import json, sys
    import scrapy
    from scrapy.crawler import CrawlerProcess

    START, FEED, STATS, PROFILES = sys.argv[1:5]

    class ArticleItem(scrapy.Item):
        url = scrapy.Field()
        html = scrapy.Field()
        title = scrapy.Field()
        body = scrapy.Field()
        author = scrapy.Field()
        clean_error = scrapy.Field()

    class BareItem(scrapy.Item):  # declares no output fields
        url = scrapy.Field()
        html = scrapy.Field()

    class Articles(scrapy.Spider):
        name = "articles"
        start_urls = [START + "/"]

        def parse(self, response):
            for href in response.css("a::attr(href)").getall():
                yield response.follow(href, self.parse_page)

        def parse_page(self, response):
            if response.url.endswith("/special/broken"):
                yield {"url": response.url, "html": 42}
            elif response.url.endswith("/special/bare"):
                yield BareItem(url=response.url, html=response.text)
            elif response.url.endswith(".html"):
                yield ArticleItem(url=response.url, html=response.text)
            else:
                yield {"url": response.url, "text": response.text}

    process = CrawlerProcess(settings={
        "ITEM_PIPELINES": {"cleaner.integrations.scrapy.CleanArticlePipeline": 300},
        "CLEAN_ARTICLE_AUTHOR_FIELD": "author",
        "CLEAN_ARTICLE_SITE_PROFILE_DIR": PROFILES,
        "CLEAN_ARTICLE_SITE": "harborpolicy.org",
        "FEEDS": {FEED: {"format": "jsonlines", "encoding": "utf8"}},
        "ROBOTSTXT_OBEY": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "INFO",
        "CONCURRENT_REQUESTS": 4,
    })
    crawler = process.create_crawler(Articles)
    process.crawl(crawler)
    process.start()
    with open(STATS, "w") as fh:
        json.dump(crawler.stats.get_stats(), fh, default=str)
''')


def test_real_crawl(server, tmp_path):
    from cleaner.site import host_of, learn, save_profile

    # a saved profile for the policy site, learned from its pages
    harbor = [(host_of(g["url"]), (SITES / rel).read_text(encoding="utf-8")) for rel, g in GOLDEN.items() if rel.startswith("harborpolicy.org/")]
    save_profile(tmp_path / "profiles", learn(harbor)["harborpolicy.org"])

    script = tmp_path / "crawl.py"
    script.write_text(SPIDER, encoding="utf-8")
    feed, stats_path = tmp_path / "items.jsonl", tmp_path / "stats.json"
    run = subprocess.run([sys.executable, str(script), server, str(feed), str(stats_path), str(tmp_path / "profiles")],
                         capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    items = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    stats = json.loads(stats_path.read_text(encoding="utf-8"))

    # no item dropped: every page, the broken one and the bare one
    assert len(items) == len(PAGES) + 2
    by_url = {i["url"]: i for i in items}
    for rel in PAGES:
        item = by_url[f"{server}/{rel}"]
        golden = GOLDEN[rel]
        assert item.get("clean_error") is None, item
        assert item["title"] == golden["title"], rel
        body = item["body"].split("\n\n")
        for para in golden["body"]:
            assert para in body, (rel, para[:50])
        assert ("html" in item) or ("text" in item)  # the input stays (CLEAN_ARTICLE_DROP_INPUT off)
        if rel.endswith(".html"):
            # the saved site profile took the funding note and the donation appeal
            assert "editorial independence" not in item["body"] and "generosity of readers" not in item["body"]
            assert item["author"]
    broken = by_url[f"{server}/special/broken"]
    assert broken["html"] == 42 and "not text or bytes" in broken["clean_error"]
    bare = by_url[f"{server}/special/bare"]
    assert set(bare) == {"url", "html"}  # kept as it was; the failure is logged and counted
    assert "BareItem has no `clean_error` field" in run.stderr

    assert stats["clean_article/items"] == len(PAGES) + 2
    assert stats["clean_article/cleaned"] == len(PAGES)
    assert stats["clean_article/failed"] == 2
    assert stats["clean_article/error_field_missing"] == 1
    assert stats["clean_article/removed/site"] >= 24
    assert stats["item_scraped_count"] == len(PAGES) + 2
    assert "item_dropped_count" not in stats


def test_pipeline_without_a_crawl():
    """The pipeline on its own (no crawler): dict items in, cleaned fields out."""
    from cleaner.integrations.scrapy import CleanArticlePipeline

    pipeline = CleanArticlePipeline()
    rel = "riverbendgazette.com/01-transit-budget.txt"
    item = {"url": GOLDEN[rel]["url"], "text": (SITES / rel).read_text(encoding="utf-8")}
    out = pipeline.process_item(item)
    assert out is item and item["title"] == GOLDEN[rel]["title"] and item["clean_error"] is None
    assert pipeline.process_item({"url": "x"})["clean_error"] == "no `html` or `text` field in the item"


def test_an_item_that_lacks_an_output_field_passes_unchanged(caplog):
    """An Item class declaring `title` but not `body` got its title set, then the error: it
    passes unchanged now, with the reason logged."""
    import scrapy

    from cleaner.integrations.scrapy import CleanArticlePipeline

    class HalfItem(scrapy.Item):
        url = scrapy.Field()
        text = scrapy.Field()
        title = scrapy.Field()

    rel = "riverbendgazette.com/01-transit-budget.txt"
    item = HalfItem(url=GOLDEN[rel]["url"], text=(SITES / rel).read_text(encoding="utf-8"))
    before = dict(item)
    with caplog.at_level("WARNING"):
        out = CleanArticlePipeline().process_item(item)
    assert out is item and dict(item) == before and "title" not in item
    assert "cannot set the output fields on HalfItem" in caplog.text


def test_settings_given_as_strings_are_read_as_scrapy_reads_them():
    """`scrapy crawl news -s CLEAN_ARTICLE_DROP_INPUT=False` gives the string "False", which
    was read with bool(): the input was dropped, titles left out and bodies made lists when
    the user had asked for the opposite. Scrapy's getbool/getlist read them now, and a value
    that cannot be read stops the pipeline with a message naming the setting."""
    from scrapy.settings import Settings

    from cleaner.integrations.scrapy import CleanArticlePipeline

    rel = "riverbendgazette.com/01-transit-budget.txt"
    page = (SITES / rel).read_text(encoding="utf-8")
    settings = Settings()
    settings.setdict({"CLEAN_ARTICLE_DROP_INPUT": "False", "CLEAN_ARTICLE_NO_TITLE": "0",
                      "CLEAN_ARTICLE_BODY_AS_LIST": "false", "CLEAN_ARTICLE_DISABLE": "captions, social",
                      "CLEAN_ARTICLE_INPUT_TYPE": "Text"}, priority="cmdline")
    pipeline = CleanArticlePipeline(settings)
    item = pipeline.process_item({"url": GOLDEN[rel]["url"], "text": page})
    assert item["text"] == page  # not dropped
    assert item["title"] == GOLDEN[rel]["title"] and isinstance(item["body"], str)
    assert pipeline.conf["CLEAN_ARTICLE_DISABLE"] == ["captions", "social"] and pipeline.options.input_type == "text"

    settings.setdict({"CLEAN_ARTICLE_DROP_INPUT": "1", "CLEAN_ARTICLE_BODY_AS_LIST": "True"}, priority="cmdline")
    item = CleanArticlePipeline(settings).process_item({"url": GOLDEN[rel]["url"], "text": page})
    assert "text" not in item and isinstance(item["body"], list)

    for name, value in (("CLEAN_ARTICLE_DROP_INPUT", "yes"), ("CLEAN_ARTICLE_INPUT_TYPE", "xml")):
        with pytest.raises(ValueError, match=name):
            CleanArticlePipeline(Settings({name: value}))


def test_saved_profiles_of_international_hosts_and_unreadable_ones(tmp_path, caplog):
    """Scrapy spells an international host in IDNA (https://xn--r8jz45g.jp/): the profile
    learned from https://例え.jp/ pages is used for it; and a profile file that cannot be
    read is named in a warning instead of being skipped without a word."""
    import logging

    from cleaner.integrations.scrapy import CleanArticlePipeline
    from cleaner.site import SiteProfile, block_key, save_profile

    footer = "The 例え newsroom is an independent, nonprofit newsroom that relies on readers like you."
    save_profile(tmp_path, SiteProfile({block_key(footer): 12}, host="例え.jp", pages=12))
    (tmp_path / "broken.example.json").write_text("{", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        pipeline = CleanArticlePipeline({"CLEAN_ARTICLE_SITE_PROFILE_DIR": str(tmp_path)})
        pipeline.open_spider()
    assert any("broken.example.json: cannot read site profile" in r.getMessage() for r in caplog.records)
    text = ("A story\n\nThis is the story, a paragraph long enough to be kept by the cleaner as prose. "
            f"It has two sentences, and the second one is here.\n\n{footer}")
    item = pipeline.process_item({"url": "https://xn--r8jz45g.jp/story", "text": text})
    assert item["clean_error"] is None and "This is the story" in item["body"] and "newsroom" not in item["body"]
