"""Writes of accounts: API tokens (``tokens``) and login lockouts (``lockouts``)."""
