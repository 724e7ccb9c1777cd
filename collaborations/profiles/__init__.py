"""Municipality profiles as the API serves them: the default profile (today, no filters) of each
municipality stored once per data version and day, so that a detail is a lookup
(issue 15; docs/operations.md, "Serving under load")."""
