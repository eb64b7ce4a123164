"""Stage 2, drop: records that are not Q&A data leave the build, each with its reason.

A record is dropped when a content rule says so (QA101 empty-answer, QA102
placeholder-answer, QA103 image-only-content), and, whatever rules are active, when its
repaired answer has no words: the dataset never has an empty answer. Every drop is kept
(``removed.jsonl``), so curation stays auditable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from curate.build.items import Item
from curate.build.merge import tidy
from curate.build.plaintext import has_images, has_words

DROP_RULES = {
    "QA101": "empty-answer",
    "QA102": "placeholder-answer",
    "QA103": "image-only-content",
}
"""Rule code → reason name: findings of these rules drop the record they are about."""


@dataclass(frozen=True)
class Dropped:
    """A record left out of the dataset and why."""

    item: Item
    code: str
    """Rule code of the reason (``QA101``)."""
    reason: str
    """Reason name (``empty-answer``)."""
    message: str
    """The finding's message, for people."""

    def to_dict(self) -> dict[str, Any]:
        r = self.item.record
        return {
            "id": r.id,
            "kind": r.kind,
            "question": r.question,
            "answer": r.answer_md,
            "reason": self.reason,
            "code": self.code,
            "message": self.message,
            "source": self.item.source(),
        }


def reason_for(item: Item) -> tuple[str, str, str] | None:
    """(code, reason, message) when ``item`` must be dropped, else None."""
    for finding in sorted(item.findings, key=lambda f: (f.code, f.line, f.message)):
        if finding.code in DROP_RULES and (finding.record_id in (None, item.record.id)):
            return finding.code, DROP_RULES[finding.code], finding.message
    answer = tidy(item.repaired.answer_md)
    if not answer.strip() or not has_words(answer):
        if has_images(answer):
            return "QA103", DROP_RULES["QA103"], "the answer is only images"
        return "QA101", DROP_RULES["QA101"], "the answer is empty"
    return None


def drop_stage(items: Sequence[Item]) -> tuple[list[Item], list[Dropped]]:
    """Split items into kept and dropped, both in corpus order."""
    kept: list[Item] = []
    dropped: list[Dropped] = []
    for item in items:
        why = reason_for(item)
        if why is None:
            kept.append(item)
        else:
            dropped.append(Dropped(item, *why))
    return kept, dropped
