"""Loading the public source data (CBS, RvIG, Open State, BZK Regioatlas) from REGIOATLAS_DATA_DIR."""
