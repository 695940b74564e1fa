from django_tasks import task

from newsletter import services
from newsletter.models import Issue


@task()
def send_issue(issue_id: int) -> int:
    """Send an issue in batches from its checkpoint; see services.send_next_batch."""
    issue = Issue.objects.filter(pk=issue_id).first()
    return services.send_issue(issue) if issue is not None else 0
