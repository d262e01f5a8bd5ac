"""Delivery to the Registrar's Office: the outbox folder and e-mail (:mod:`.outbox`)."""
