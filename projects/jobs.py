from datetime import timedelta

from core.schedule import every
from projects import services


@every(timedelta(hours=6))
def send_output_reminders():
    """Email each team, once, 2 weeks before the phase under way ends: its outputs are due."""
    services.send_output_reminders()
