"""FAQ entries written as list items that do not ask ("1. **The statistics are not
updating!**" over its own answer, "- `Error: Cannot find module`" over a quoted one): their
wording is a problem, not a question. The file or heading that says FAQ or Help, and the
same entry shape repeated, make them entries; elsewhere such lists stay text."""

from __future__ import annotations

import re

from curate.corpus.layouts.base import Block, State

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


def quoted_entries(state: State, body: list[Block]) -> set[int]:
    """Indexes of one-item lists each followed by a blockquote ("- My game is not
    showing!" then "> This is how Discord works."), two or more in the section: entries
    answered by the quote under them. Call only in an FAQ context."""
    found = {idx for idx, block in enumerate(body[:-1])
             if block.type in ("bullet_list", "ordered_list") and body[idx + 1].type == "blockquote"
             and _one_line_item(state, block)}
    return found if len(found) >= 2 else set()


def _one_line_item(state: State, block: Block) -> bool:
    """The list holds one item of one line and nothing nested."""
    items = [t for t in state.tokens[block.i : block.j] if t.type == "list_item_open"]
    inlines = [t.map for t in state.tokens[block.i : block.j] if t.type == "inline"]
    return len(items) == 1 and len(inlines) == 1 and inlines[0] is not None and inlines[0][1] - inlines[0][0] == 1
