"""The one error a reader raises for a file it cannot use; the loader turns it into a warning."""

__all__ = ["Unreadable"]


class Unreadable(ValueError):
    """The file cannot be read as a document; the message says why, in a few words."""

    def __init__(self, reason: str, transient: bool = False) -> None:
        super().__init__(reason)
        self.transient = transient  # a time-out or crash of the reader, not a property of the file
