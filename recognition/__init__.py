"""The regulation on recognising non-formal learning outcomes, as pure typed rules.

Nothing here does I/O or imports another part of tanu: each rule takes plain values and returns
:class:`~recognition.findings.Finding` objects that cite the clause of the regulation
(``../shared/regulation/rules-kk.txt``) that decided them.
"""
