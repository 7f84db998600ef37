"""Language helpers for Russian and English letters, and the Jinja filters over them.

Importing this package is cheap: pytrovich, num2words and babel are imported
only when a helper first needs them. :mod:`replykit.lang.filters` is the registry of every
filter templates use; :mod:`replykit.lang.text` holds the language-neutral ones.
"""

from __future__ import annotations

from replykit.lang.dates import parse_date
from replykit.lang.filters import template_filters
from replykit.lang.money import parse_money

__all__ = ["parse_date", "parse_money", "template_filters"]
