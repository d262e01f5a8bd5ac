"""A learner's personal data: export, erasure, retention."""
