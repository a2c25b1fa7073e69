"""clean-article: strip page chrome from scraped article text or HTML.

    >>> from cleaner import clean
    >>> result = clean(page_text)
    >>> result.title, result.body, result.text
"""

__version__ = "0.1.0"

from .api import clean, make_options  # noqa: E402
from .document import CleanResult  # noqa: E402
from .pipeline import Options  # noqa: E402

__all__ = ["clean", "make_options", "CleanResult", "Options", "__version__"]
