"""The law, framework-free: annual-report model, parsers, validator and renderers; the working-day
calendar and statutory clocks; fees; screening. Never imports Django (tests/core/test_purity.py)."""
