"""Intake: the watched inbox (:mod:`.inbox`), the watcher that starts one run per ready file
(:mod:`.watcher`), the reading and checking of one file (:mod:`.verification`) and the Prefect
flows of intake (:mod:`.flow`)."""
