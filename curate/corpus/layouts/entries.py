"""FAQ entries written as list items that do not ask ("1. **The statistics are not
updating!**" over its own answer): their wording is a problem, not a question. The file or
heading that says FAQ or Help, and the same entry shape repeated, make them entries;
elsewhere such lists stay text."""

from __future__ import annotations

import re

_FAQ_NAME = re.compile(r"(?:^|[-_. ])(?:faqs?|help|troubleshooting|questions)(?:[-_. ]|$)", re.I)
_FAQ_HEADING = re.compile(
    r"\bFAQs?\b|\bfrequently[ -]asked[ -]questions\b"
    r"|^\W*(?:help|troubleshooting|(?:common |general |other )?(?:questions|problems|issues)|known issues|q\s?&\s?as?)\W*$",
    re.I,
)
"""A heading that makes its section an FAQ: "FAQ", "Frequently asked questions", or a
heading that is only "Help", "Troubleshooting", "Questions", "Common problems" ("Getting
help" or "Open questions about the design" name something else)."""


def faq_context(rel_path: str, headings: str) -> bool:
    """The file name (``HELP.md``, ``faq.md``) or one of the enclosing headings (joined
    with " / ") says the section is an FAQ or help page."""
    name = rel_path.replace("\\", "/").rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return bool(_FAQ_NAME.search(stem)) or any(_FAQ_HEADING.search(h.strip()) for h in headings.split(" / ") if h.strip())

