"""The one error of the letters package."""

from __future__ import annotations


class LetterError(ValueError):
    """A letter cannot be produced; `message` is one line in Chinese for staff.

    `missing` lists the placeholders that have no data, `unknown` the placeholders a template names
    that do not exist (a typo in an edited template).
    """

    def __init__(self, message: str, *, missing: tuple[str, ...] = (), unknown: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.missing = missing
        self.unknown = unknown
