"""The write API of registration: register (``/registraties``), change and history
(``/samenwerkingsverbanden/{id}/wijzigingen``), confirm, revert, the review queue
(``/beoordelingen``) and bulk import (``/imports``). Token (or session) authentication; the
permissions, validation and outcomes are the same as on the pages (collaborations.services.
registration and collaborations.permissions)."""
