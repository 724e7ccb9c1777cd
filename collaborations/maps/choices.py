"""Limits of a saved map."""

#: The longest state kept (a permalink of every filter fits in a few hundred characters).
MAX_STATE_LENGTH = 2000
MAX_NAME_LENGTH = 120
