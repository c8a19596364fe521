"""Data and builders shared by several test modules: not tests themselves (pytest collects
only test_*.py). Test modules import constants and builders from here; stores and apps
come as fixtures from tests/conftest.py."""
