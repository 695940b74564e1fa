"""The funded projects' demo data: the projects the fund's past round started, with their
phases, updates and outputs (projects)."""

from projects.demo import projects  # noqa: F401  (registers its loader)
