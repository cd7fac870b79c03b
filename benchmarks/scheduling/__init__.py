"""Benchmarks of the meeting scheduler (B2B instances of JAIR 74 and a generated scale case)."""
