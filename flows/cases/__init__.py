"""Cases: where :mod:`recognition` meets the data files and the ledger (:mod:`.casework`)."""
