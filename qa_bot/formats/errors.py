"""The one error a reader raises for a file it cannot use; the loader turns it into a warning."""

__all__ = ["Unreadable"]


class Unreadable(ValueError):
    """The file cannot be read as a document; the message says why, in a few words."""
