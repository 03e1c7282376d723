"""Personas and bodies from tests/persona_fixtures.py (data through the real services)."""

from tests.persona_fixtures import *  # noqa: F403 — fixtures are registered by name
