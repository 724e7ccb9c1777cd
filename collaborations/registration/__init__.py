"""Registration: accounts and roles, submissions and review, history, bulk import."""
