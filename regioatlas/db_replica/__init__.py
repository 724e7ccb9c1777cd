"""The database backend of the ``replica`` alias (regioatlas.db_router)."""
