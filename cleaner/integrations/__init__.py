"""Integrations with crawling and data tools: Scrapy (`cleaner.integrations.scrapy`) and
Dask (`cleaner.integrations.dask`); WARC input is `cleaner.warc`. Each needs its extra
(`pip install 'clean-article[scrapy]'`, `[dask]`, `[warc]`), imported only by its module.

`clean_record` is the record-level cleaning they share with `clean-article --jsonl`.
"""

from __future__ import annotations

import functools
import json
from dataclasses import replace

from ..api import clean_str, make_options
from ..pipeline import Options

OUTPUT_FIELDS = ("id", "url", "title", "body", "text", "author", "date", "source", "removed", "error")


@functools.lru_cache(maxsize=8)
def cached_options(rule_files: tuple = (), disabled: frozenset = frozenset(), select: frozenset = frozenset(),
                   no_title: bool = False, input_type: str = "auto") -> Options:
    """Options built once per process for a set of arguments (compiled rules are not picklable)."""
    return make_options(tuple(rule_files), frozenset(disabled), frozenset(select), no_title, input_type)


def clean_record(record, options: Options, site_profiles: dict | None = None, site: str | None = None,
                 input_field: str | None = None) -> dict:
    """Clean one record as `clean-article --jsonl` does; never raises.

    `record` is a dict (or a JSON object string) with `id`, `url` and `html` or `text`
    (or `input_field`). Returns {id, url, title, body, text, author, date, source, removed,
    error}: on failure the cleaned fields are None and `error` says why.
    """
    record_id = url = None
    try:
        if isinstance(record, (str, bytes)):
            try:
                record = json.loads(record)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise ValueError(f"not valid JSON ({exc.__class__.__name__}: {exc})") from None
        if not isinstance(record, dict):
            raise ValueError("not a JSON object")
        record_id, url = record.get("id"), record.get("url")
        if url is not None and not isinstance(url, str):
            url = str(url)
        if input_field:
            page, is_html = record.get(input_field), False
        else:
            is_html = record.get("html") is not None
            page = record.get("html") if is_html else record.get("text")
        if not isinstance(page, str):
            raise ValueError(f"no `{input_field}` string field" if input_field else "no `text` or `html` string field")
        if is_html and options.input_type == "auto":
            options = replace(options, input_type="html")
        if site_profiles:
            from ..site import page_host

            profile = site_profiles.get(page_host(url, site) or "")
            if profile is not None:
                options = replace(options, site_profile=profile)
        result = clean_str(page, options, url=url)
        return {"id": record_id, "url": url, **result.to_json(), "error": None}
    except Exception as exc:  # one bad record must not stop the batch
        return {"id": record_id, "url": url, "title": None, "body": None, "text": None, "author": None,
                "date": None, "source": None, "removed": [], "error": f"{exc.__class__.__name__}: {exc}"}
