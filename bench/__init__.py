"""Benchmarks run on demand (`make bench`), not in the test suite."""
