"""Half of a UTF-16 pair, alone: JSON may spell one ("\\ud800") and Python keeps undecodable file-name bytes
as one, but it is no character, and UTF-8 cannot hold it."""

from __future__ import annotations

import re

__all__ = ["has_lone_surrogate", "storable"]

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def has_lone_surrogate(value: object) -> bool:
    """True if a string, or any string inside lists and dicts (keys too) however deeply nested, holds one."""
    pending = [value]  # a stack, not recursion: a client may nest a body thousands of levels deep
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if _LONE_SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def storable(text: str) -> str:
    """The text with any lone surrogate replaced by U+FFFD, so UTF-8 storage can hold it."""
    return _LONE_SURROGATE.sub("\ufffd", text)
