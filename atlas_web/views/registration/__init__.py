"""Pages of registration (issue 6): accounts, the arrangement form, the review queue, the
history, and bulk import. Views are thin: they parse the request, call the services in
collaborations.registration.services and render; who may do what is decided by
collaborations.permissions."""
