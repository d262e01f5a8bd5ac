"""Evidence against the world: issuer pages, syllabus deadlines, identity, reuse, tampering.

Filled in by the verification work (issue 4); may use :mod:`recognition` types, does I/O only
through the clients and paths it is given.
"""
