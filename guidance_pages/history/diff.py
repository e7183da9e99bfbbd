"""What changed between two versions of a guidance page, block by block, for readers.

Pure functions over the raw StreamField data stored in revisions (a list of ``{"type", "value", "id"}``):
no block instantiation, so no database lookups for chosen documents, and the same answer for any revision.
Block ids are stable across revisions (Wagtail keeps them when an editor edits or reorders blocks), so a
block is matched by its id. The output is safe HTML: the source's markup is reduced to its text and
escaped; the only tags are ours (``<del>`` and ``<ins>``).
"""

import html
import json
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from django.utils.html import escape, strip_tags

WORD = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)
OPS = ("added", "removed", "moved", "changed", "unchanged")


@dataclass(frozen=True)
class Block:
    id: str
    type: str
    text: str


@dataclass
class StreamDiff:
    blocks: list[dict] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OPS, 0))


HEADING_KEYS = ("heading", "title")


def _leaf_texts(value: Any) -> list[str]:
    """Every text in a block's value, in order: rich text reduced to its words, structs and lists flattened.
    Numbers (chosen documents, images) are references, not text."""
    if isinstance(value, str):
        text = html.unescape(strip_tags(value)) if "<" in value else value
        return [text] if text.strip() else []
    if isinstance(value, dict):
        # One order whatever the storage: PostgreSQL's jsonb reorders keys (shortest first), so the same block
        # read from two revisions must not differ by key order. Headings first, as readers meet them.
        keys = sorted(value, key=lambda key: (key not in HEADING_KEYS, key))
        return [text for key in keys for text in _leaf_texts(value[key])]
    if isinstance(value, list | tuple):
        texts = []
        for child in value:
            # A ListBlock item in the newer format is {"type": "item", "value": …, "id": …}.
            inner = (
                child.get("value")
                if isinstance(child, dict) and "value" in child and "type" in child
                else child
            )
            texts += _leaf_texts(inner)
        return texts
    return []


def stream_blocks(raw: Any) -> list[Block]:
    """A revision's StreamField content (a JSON string or its parsed list) as blocks with their plain text."""
    if isinstance(raw, str):
        raw = json.loads(raw) if raw.strip() else []
    blocks = []
    for position, child in enumerate(raw or []):
        text = " ".join(" ".join(t.split()) for t in _leaf_texts(child.get("value")))
        blocks.append(Block(str(child.get("id") or f"position-{position}"), str(child.get("type", "")), text))
    return blocks


# Below this share of words in common a paragraph was rewritten, not edited: word-by-word marks would
# interleave two unrelated texts, so the old text is shown deleted and the new one inserted, whole.
REWRITTEN_BELOW = 0.4


def word_diff(old: str, new: str) -> str:
    """Safe HTML of ``new`` with the words removed from ``old`` in ``<del>`` and those added in ``<ins>``.
    Changes separated only by spaces read as one change ("<del>two old</del><ins>new words</ins>")."""
    before, after = WORD.findall(old), WORD.findall(new)
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    if matcher.ratio() < REWRITTEN_BELOW:
        return f"<del>{escape(old)}</del><ins>{escape(new)}</ins>"
    runs: list[list[str]] = []  # [kind, removed, added]: kind "equal" or "change"
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = "".join(before[i1:i2]), "".join(after[j1:j2])
        if op == "equal" and not (removed.isspace() and runs and runs[-1][0] == "change"):
            runs.append(["equal", removed, removed])
        elif runs and runs[-1][0] == "change":
            runs[-1][1] += removed
            runs[-1][2] += added
        else:
            runs.append(["change", removed, added])
    out = []
    for index, (kind, removed, added) in enumerate(runs):
        if kind == "equal":
            out.append(escape(removed))
            continue
        # spaces folded in at the end of a change belong to the text that follows
        last = index == len(runs) - 1
        tail = "" if last else removed[len(removed.rstrip()) :] if removed.strip() else ""
        removed, added = (removed.rstrip(), added.rstrip()) if tail else (removed, added)
        if removed:
            out.append(f"<del>{escape(removed)}</del>")
        if added:
            out.append(f"<ins>{escape(added)}</ins>")
        out.append(escape(tail))
    return "".join(out)


def _moved_ids(old_ids: list[str], new_ids: list[str]) -> set[str]:
    """Blocks in both versions whose order changed relative to the others: those outside the longest
    matching runs of the common ids."""
    common = set(old_ids) & set(new_ids)
    before = [i for i in old_ids if i in common]
    after = [i for i in new_ids if i in common]
    kept = set()
    for match in SequenceMatcher(None, before, after, autojunk=False).get_matching_blocks():
        kept.update(before[match.a : match.a + match.size])
    return common - kept


def diff_streams(old_raw: Any, new_raw: Any) -> StreamDiff:
    """Blocks in the newer version's order, each removed block where it stood (after the block that
    preceded it and survived). A block whose text changed is ``changed`` even when it moved too: the
    words matter more to a reader than the place."""
    old, new = stream_blocks(old_raw), stream_blocks(new_raw)
    old_by_id = {block.id: block for block in old}
    new_ids = {block.id for block in new}
    moved = _moved_ids([b.id for b in old], [b.id for b in new])

    removed_after: dict[str | None, list[Block]] = {}
    anchor = None
    for block in old:
        if block.id in new_ids:
            anchor = block.id
        else:
            removed_after.setdefault(anchor, []).append(block)

    result = StreamDiff()

    def emit(op: str, block: Block, html_text: str) -> None:
        result.blocks.append({"op": op, "id": block.id, "type": block.type, "html": html_text})
        result.counts[op] += 1

    for block in removed_after.get(None, []):
        emit("removed", block, escape(block.text))
    for block in new:
        previous = old_by_id.get(block.id)
        if previous is None:
            emit("added", block, escape(block.text))
        elif previous.text != block.text or previous.type != block.type:
            emit("changed", block, word_diff(previous.text, block.text))
        elif block.id in moved:
            emit("moved", block, escape(block.text))
        else:
            emit("unchanged", block, escape(block.text))
        for gone in removed_after.get(block.id, []):
            emit("removed", gone, escape(gone.text))
    return result


def diff_fields(
    old: dict[str, str], new: dict[str, str], names: tuple[str, ...] = ("title", "summary")
) -> list[dict]:
    """The named plain-text fields that differ, each as safe HTML with the changed words marked."""
    return [
        {"name": name, "html": word_diff(old.get(name) or "", new.get(name) or "")}
        for name in names
        if (old.get(name) or "") != (new.get(name) or "")
    ]


def diff_counts(old_raw: Any, new_raw: Any) -> dict[str, int]:
    return diff_streams(old_raw, new_raw).counts
