"""Benchmarks (`make bench`): not tests and not product code; they report, they assert nothing."""
