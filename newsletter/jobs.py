from datetime import timedelta

from django.conf import settings

from core.schedule import every
from newsletter import services


@every(timedelta(minutes=5))
def continue_stalled_sending():
    """Restart the sending job of any issue that has sent nothing for a while: its worker
    stopped part-way (a deploy, a crash). Sending carries on from the last checkpoint.

    A running job records progress after every batch, a second or so apart, so a few quiet
    minutes mean it has stopped. Restarting one that was only slow does no harm: the two
    runs take turns at the locked checkpoint and the outbox refuses repeats."""
    minutes = settings.NEWSLETTER_STALLED_AFTER_MINUTES
    services.continue_sending(stalled_for=timedelta(minutes=minutes))


@every(timedelta(days=1))
def erase_unconfirmed_subscribers():
    """People who asked to subscribe but never confirmed: keep their address no longer than
    NEWSLETTER_UNCONFIRMED_DAYS (30 by default) after their last request."""
    days = settings.NEWSLETTER_UNCONFIRMED_DAYS
    services.erase_unconfirmed(older_than=timedelta(days=days))
