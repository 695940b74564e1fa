from datetime import timedelta

from core.schedule import every
from declaration import progress


@every(timedelta(days=1))
def remind_about_declaration_projects():
    """Ask the lead and senior approver of each declaration signed 11 months ago, once, to
    post updates on projects not yet done or stopped. A row per reminder means a run
    after an interruption sends only what the last run did not."""
    progress.send_reminders()
