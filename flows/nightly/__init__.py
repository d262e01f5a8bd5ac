"""The night: everything pending re-checked (:mod:`.recheck`) by a Prefect flow (:mod:`.flow`)."""
