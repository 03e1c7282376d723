"""`gongkai deadline …` (not built yet)."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    """Add the `deadline` command group to the top-level parser (nothing yet)."""
    _ = (sub, argparse)
