"""Evidence files → text → fields (platform, learner, course, date, ID, URL, grade, progress).

Filled in by the extraction work (issue 3); may use :mod:`recognition` types, does I/O only on
the paths it is given.
"""
