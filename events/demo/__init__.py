"""The events hub's demo data: a year of community and programme events (listings), then
bookings and a waiting list for the programme events (bookings, which imports listings first
so that loader registers, and runs, before its own)."""

from events.demo import bookings, listings  # noqa: F401  (each registers its loaders)
