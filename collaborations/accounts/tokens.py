"""How an API token key is made and stored: 64 random hexadecimal digits (256 bits), kept only
as its SHA-256 digest. A key that random cannot be guessed, so a fast hash is enough (a slow
password hash protects guessable secrets); the digest is looked up by an index."""

from __future__ import annotations

import hashlib
import secrets

PREFIX_SHOWN = 6  # characters of the key shown on the token page ("3f9a0c…")


def key_new() -> str:
    return secrets.token_hex(32)


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
