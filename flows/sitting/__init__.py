"""The commission sitting: the secretary's record applied (:mod:`.record`) and the Prefect flow
that waits for it (:mod:`.flow`)."""
