"""Personal data kept out of storage: e-mail addresses and phone numbers are redacted first."""

from __future__ import annotations

import re

__all__ = ["redact"]

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Seven or more digits, allowing the usual separators and a leading +: phone numbers, not "2–3 times".
_PHONE = re.compile(r"(?<![\w(])\+?\(?\d(?:[\s().-]*\d){6,}(?![\w])")


def redact(text: str | None) -> str | None:
    """The text with e-mail addresses and phone numbers replaced by placeholders."""
    if not text:
        return text
    return _PHONE.sub("[phone]", _EMAIL.sub("[email]", text))
