"""Fixtures of the security tests: the registration world (six municipalities near Utrecht,
two arrangements, one account per role: tests/registration/conftest.py)."""

from tests.registration.conftest import PASSWORD, world  # noqa: F401 - fixture and its password
