"""Running tanu on a machine: its readiness (doctor)."""
