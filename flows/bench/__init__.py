"""Benchmarks: the evidence corpus with its truth, and the extraction scorer."""
