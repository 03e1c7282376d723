"""Shared helpers of the CLI command groups."""

from __future__ import annotations


class CLIError(Exception):
    """A user-facing failure: one line in Chinese on stderr and an exit code, never a traceback."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
