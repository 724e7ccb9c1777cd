"""The HTML pages of the atlas (the counterpart of atlas_api): map, profiles, statistics, registration, and the admin."""
