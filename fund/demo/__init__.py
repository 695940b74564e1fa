"""The fund's demo data, in the order it builds up: an open round with expressions of
interest (rounds), assessors' scores for them (assessment, which imports rounds first so that
loader registers, and runs, before its own), and a past round with full applications, awards
and grants (awards)."""

from fund.demo import assessment, awards, rounds  # noqa: F401  (each registers its loaders)
