from datetime import timedelta

from core.schedule import every
from events import booking


@every(timedelta(minutes=5))
def expire_place_offers():
    """Offers of a freed place that nobody accepted in time: each goes to the next person."""
    booking.expire_offers()


@every(timedelta(hours=1))
def send_booking_reminders():
    """Reminders to people with a place at an event starting within two days, once each."""
    booking.send_reminders()
