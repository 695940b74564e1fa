"""The real register, imported once for a whole test module.

Importing 470 councils and 45 co-publishers takes a moment, so modules that only read the
result share one import. It is committed outside the tests' own transactions, and removed
again when the module finishes so other modules start from an empty register.
"""

from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType

from core.models import AuditEvent
from organisations import services
from organisations.models import Organisation


@contextmanager
def imported_register(django_db_blocker):
    with django_db_blocker.unblock():
        report = services.import_organisations()
    try:
        yield report
    finally:
        with django_db_blocker.unblock():
            # A queryset delete does not call AuditEvent.delete, which refuses on purpose: these
            # events only ever existed for the tests.
            AuditEvent.objects.filter(content_type=ContentType.objects.get_for_model(Organisation)).delete()
            Organisation.objects.all().delete()
