"""Accounts: the role of each user and what it is bound to (municipalities, arrangements). The rules for roles are in collaborations/permissions.py."""
