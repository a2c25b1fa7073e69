"""A Scrapy item pipeline that cleans each item's page HTML or text into title and body.

settings.py:

    ITEM_PIPELINES = {"cleaner.integrations.scrapy.CleanArticlePipeline": 300}
    CLEAN_ARTICLE_INPUT_FIELD = "html"      # the field with the page (default: `html`, else `text`)
    CLEAN_ARTICLE_TITLE_FIELD = "title"     # where the headline goes
    CLEAN_ARTICLE_BODY_FIELD = "body"       # where the body paragraphs go (joined by a blank line)

The spider yields items such as `{"url": response.url, "html": response.text}`. Every item
comes out of the pipeline: when cleaning fails, the item keeps its data and gets the error
in CLEAN_ARTICLE_ERROR_FIELD (and the failure is logged and counted). Results are counted in
the crawl's stats under `clean_article/...`. All settings, with their defaults, are in
`SETTINGS` below. Needs the `scrapy` extra (this module is imported only by Scrapy).
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import replace

logger = logging.getLogger(__name__)
# (a field the item did not have set)
_UNSET = object()

SETTINGS = {
    # the item field holding the page (str or bytes); None: `html` if present, else `text`
    "CLEAN_ARTICLE_INPUT_FIELD": None,
    # "auto" detects HTML, "html" or "text" forces a path
    "CLEAN_ARTICLE_INPUT_TYPE": "auto",
    # the field with the page's URL (for trafilatura, and site profiles by host)
    "CLEAN_ARTICLE_URL_FIELD": "url",
    # output fields; None leaves that output out
    "CLEAN_ARTICLE_TITLE_FIELD": "title",
    "CLEAN_ARTICLE_BODY_FIELD": "body",
    "CLEAN_ARTICLE_TEXT_FIELD": None,  # the whole cleaned text (headline, blank line, body)
    "CLEAN_ARTICLE_AUTHOR_FIELD": None,
    "CLEAN_ARTICLE_DATE_FIELD": None,
    "CLEAN_ARTICLE_SOURCE_FIELD": None,
    "CLEAN_ARTICLE_REMOVED_FIELD": None,  # [{"text", "rule"}, ...] of what was removed
    "CLEAN_ARTICLE_ERROR_FIELD": "clean_error",
    # the body as a list of paragraphs instead of one string
    "CLEAN_ARTICLE_BODY_AS_LIST": False,
    # drop the input field from the item once it is cleaned (keeps feeds small)
    "CLEAN_ARTICLE_DROP_INPUT": False,
    # rule selection, as on the command line (--disable, --select, --rules, --no-title)
    "CLEAN_ARTICLE_DISABLE": [],
    "CLEAN_ARTICLE_SELECT": [],
    "CLEAN_ARTICLE_RULES": [],
    "CLEAN_ARTICLE_NO_TITLE": False,
    # saved site profiles (clean-article --site-profile DIR), chosen by the item URL's host
    "CLEAN_ARTICLE_SITE_PROFILE_DIR": None,
    # all pages from one host (for the site profile), like --site NAME
    "CLEAN_ARTICLE_SITE": None,
}

# How each setting is read: settings given on the command line (`scrapy crawl news -s
# CLEAN_ARTICLE_DROP_INPUT=False`) or from the environment arrive as strings, which Scrapy's
# own getters convert ("False" and "0" are false, "a,b" is a list); the others are strings
# or None.
BOOL_SETTINGS = frozenset(("CLEAN_ARTICLE_BODY_AS_LIST", "CLEAN_ARTICLE_DROP_INPUT", "CLEAN_ARTICLE_NO_TITLE"))
LIST_SETTINGS = frozenset(("CLEAN_ARTICLE_DISABLE", "CLEAN_ARTICLE_SELECT", "CLEAN_ARTICLE_RULES"))
INPUT_TYPES = ("auto", "html", "text")

STATS_PREFIX = "clean_article"


def read_settings(settings=None) -> dict:
    """The pipeline's settings (SETTINGS names -> values) from Scrapy settings or a dict.

    Raises ValueError for a value that cannot be read (a boolean "yes", an unknown input
    type): a crawl must not run with a setting silently ignored.
    """
    from scrapy.settings import BaseSettings, Settings

    if not isinstance(settings, BaseSettings):
        settings = Settings(settings or {})
    conf = {name: _read_setting(settings, name, default) for name, default in SETTINGS.items()}
    input_type = str(conf["CLEAN_ARTICLE_INPUT_TYPE"] or "auto").strip().lower()
    if input_type not in INPUT_TYPES:
        raise ValueError(f"CLEAN_ARTICLE_INPUT_TYPE must be one of {', '.join(INPUT_TYPES)}, "
                         f"not {conf['CLEAN_ARTICLE_INPUT_TYPE']!r}")
    conf["CLEAN_ARTICLE_INPUT_TYPE"] = input_type
    return conf


def _read_setting(settings, name: str, default):
    try:
        if name in BOOL_SETTINGS:
            return settings.getbool(name, default)
        if name in LIST_SETTINGS:
            return [str(v).strip() for v in settings.getlist(name, default) if str(v).strip()]
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name}: {exc} (not {settings.get(name)!r})") from None
    return settings.get(name, default)


class CleanArticlePipeline:
    def __init__(self, settings=None, stats=None):
        self.conf = read_settings(settings)
        self.stats = stats
        self.options = None
        self.profiles: dict = {}

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings, crawler.stats)

    # -- lifecycle ---------------------------------------------------------------------

    def open_spider(self, spider=None):
        from ..api import make_options

        c = self.conf
        self.options = make_options(
            rule_files=tuple(c["CLEAN_ARTICLE_RULES"]),
            disabled=frozenset(c["CLEAN_ARTICLE_DISABLE"]),
            select=frozenset(c["CLEAN_ARTICLE_SELECT"]),
            no_title=c["CLEAN_ARTICLE_NO_TITLE"],
            input_type=c["CLEAN_ARTICLE_INPUT_TYPE"],
        )
        if c["CLEAN_ARTICLE_SITE_PROFILE_DIR"]:
            from ..site import load_profiles

            self.profiles = load_profiles(c["CLEAN_ARTICLE_SITE_PROFILE_DIR"], lambda m: logger.warning("clean-article: %s", m))
            logger.info("clean-article: %d site profiles loaded", len(self.profiles))

    def close_spider(self, spider=None):
        pass

    # -- items -----------------------------------------------------------------------------

    def process_item(self, item, spider=None):
        from itemadapter import ItemAdapter

        if self.options is None:
            self.open_spider(spider)
        c = self.conf
        adapter = ItemAdapter(item)
        self._inc("items")
        field = None
        try:
            field, page = self._page(adapter)
            url = adapter.get(c["CLEAN_ARTICLE_URL_FIELD"]) if c["CLEAN_ARTICLE_URL_FIELD"] else None
            url = url if isinstance(url, str) else None
            result = self._clean(page, field, url)
        except Exception as exc:
            error = f"{exc.__class__.__name__}: {exc}" if not isinstance(exc, ValueError) else str(exc)
            self._fail(adapter, item, error)
            return item
        done: list[tuple[str, object]] = []  # (field, its value before) of the fields set
        try:
            outputs = self._outputs(result)
            for name, value in outputs.items():
                previous = adapter[name] if name in adapter else _UNSET
                adapter[name] = value
                done.append((name, previous))
            if c["CLEAN_ARTICLE_ERROR_FIELD"]:
                try:
                    adapter[c["CLEAN_ARTICLE_ERROR_FIELD"]] = None  # cleaned: no error
                except (KeyError, TypeError):  # an Item class without the error field
                    pass
            if c["CLEAN_ARTICLE_DROP_INPUT"] and field:
                del adapter[field]
        except (KeyError, TypeError) as exc:  # an Item class without the output fields
            # the item passes unchanged, not with the fields it declares filled and the others not
            for name, previous in reversed(done):
                if previous is _UNSET:
                    del adapter[name]
                else:
                    adapter[name] = previous
            self._fail(adapter, item, f"cannot set the output fields on {type(item).__name__}: {exc}")
            return item
        self._inc("cleaned")
        if not result.text:
            self._inc("empty")
        for set_id, n in Counter(r.rule.split(".")[0] for r in result.removed).items():
            self._inc(f"removed/{set_id}", n)
        return item

    def _page(self, adapter):
        field = self.conf["CLEAN_ARTICLE_INPUT_FIELD"]
        if field:
            page = adapter.get(field)
        else:
            field = "html" if adapter.get("html") is not None else "text"
            page = adapter.get(field)
        if page is None:
            wanted = f"`{self.conf['CLEAN_ARTICLE_INPUT_FIELD']}`" if self.conf["CLEAN_ARTICLE_INPUT_FIELD"] else "`html` or `text`"
            raise ValueError(f"no {wanted} field in the item")
        if not isinstance(page, (str, bytes)):
            raise ValueError(f"`{field}` is a {type(page).__name__}, not text or bytes")
        return field, page

    def _clean(self, page, field, url):
        from ..api import clean_bytes, clean_str

        options = self.options
        if options.input_type == "auto" and field == "html" and not self.conf["CLEAN_ARTICLE_INPUT_FIELD"]:
            options = replace(options, input_type="html")
        if self.profiles:
            from ..site import page_host

            profile = self.profiles.get(page_host(url, self.conf["CLEAN_ARTICLE_SITE"]) or "")
            if profile is not None:
                options = replace(options, site_profile=profile)
        if isinstance(page, bytes):
            return clean_bytes(page, options, url=url)
        return clean_str(page, options, url=url)

    def _outputs(self, result) -> dict:
        c = self.conf
        out = {}
        body = list(result.body) if c["CLEAN_ARTICLE_BODY_AS_LIST"] else "\n\n".join(result.body)
        pairs = [
            ("CLEAN_ARTICLE_TITLE_FIELD", result.title),
            ("CLEAN_ARTICLE_BODY_FIELD", body),
            ("CLEAN_ARTICLE_TEXT_FIELD", result.text),
            ("CLEAN_ARTICLE_AUTHOR_FIELD", result.author),
            ("CLEAN_ARTICLE_DATE_FIELD", result.date),
            ("CLEAN_ARTICLE_SOURCE_FIELD", result.source),
            ("CLEAN_ARTICLE_REMOVED_FIELD", [{"text": r.text, "rule": r.rule} for r in result.removed]),
        ]
        for key, value in pairs:
            if c[key]:
                out[c[key]] = value
        return out

    def _fail(self, adapter, item, error: str) -> None:
        self._inc("failed")
        name = self.conf["CLEAN_ARTICLE_ERROR_FIELD"]
        url = adapter.get(self.conf["CLEAN_ARTICLE_URL_FIELD"]) if self.conf["CLEAN_ARTICLE_URL_FIELD"] else None
        logger.warning("clean-article: cannot clean item %s: %s", url or type(item).__name__, error)
        if not name:
            return
        try:
            adapter[name] = error
        except (KeyError, TypeError):  # the Item class has no error field: the log must do
            self._inc("error_field_missing")
            logger.error("clean-article: %s has no `%s` field to record the error; declare it (item kept)", type(item).__name__, name)

    def _inc(self, key: str, n: int = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"{STATS_PREFIX}/{key}", n)

