"""Stage 2: is the page HTML or plain text?"""

from __future__ import annotations

import re

# Strong markers anywhere near the start of a document.
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|\?xml[^>]*>\s*<(?:!doctype\s+)?html)", re.I | re.S)
# Tags that plain text quoting a bit of HTML rarely carries in such numbers.
_TAG = re.compile(r"</?(?:p|div|span|a|br|li|ul|h[1-6]|body|meta|script|table|td|tr|img|section|article)\b[^<>]{0,500}>", re.I)
SNIFF_CHARS = 20000
MIN_TAGS = 5
# A text that is mostly tags (by count per line, and per character: a scraper's text of a
# page, with few lines, may carry a few tags of the page's markup as text) is HTML even
# without a doctype. (An HTML fragment's paragraphs bring two tags each: its density is
# far above the second bound.)
MIN_TAGS_PER_100_LINES = 20
MIN_TAGS_PER_1000_CHARS = 2


def is_html(text: str) -> bool:
    head = text[:SNIFF_CHARS]
    if _HTML_START.match(head):
        return True
    tags = len(_TAG.findall(head))
    if tags < MIN_TAGS:
        return False
    lines = head.count("\n") + 1
    return tags * 100 >= MIN_TAGS_PER_100_LINES * lines and tags * 1000 >= MIN_TAGS_PER_1000_CHARS * len(head)
