import pytest
from django.core.mail import EmailMessage
from notifications_python_client.errors import HTTPError

from core.notify import NotifyEmailBackend
from core.outbox import PermanentFailure


class Response:
    def __init__(self, status_code):
        self.status_code = status_code

    def json(self):
        return {"errors": [{"error": "BadRequestError", "message": "email_address Not a valid email address"}]}


class FakeClient:
    def __init__(self, fail_with=None):
        self.sent = []
        self.fail_with = fail_with

    def send_email_notification(self, **kwargs):
        if self.fail_with:
            error = HTTPError.create(_RequestError(Response(self.fail_with)))
            raise error
        self.sent.append(kwargs)
        return {"id": "notification-id"}

    def get_all_notifications(self, template_type=None, reference=None):
        matches = [sent for sent in self.sent if sent["reference"] == reference]
        return {"notifications": matches}


class _RequestError(Exception):
    def __init__(self, response):
        super().__init__("request failed")
        self.response = response
        self.message = "request failed"


@pytest.fixture
def notify(settings):
    settings.NOTIFY_API_KEY = "test-a1b2c3d4-0000-0000-0000-000000000000-00000000-0000-0000-0000-000000000000"
    settings.NOTIFY_TEMPLATE_ID = "11111111-1111-1111-1111-111111111111"
    backend = NotifyEmailBackend()
    backend.client = FakeClient()
    return backend


def message(**headers):
    return EmailMessage(
        "Your request", "Body text", to=["person@example.com"], headers={"X-Reference": "ref-1", **headers}
    )


def test_it_sends_subject_and_body_through_the_one_template_with_the_reference(notify, settings):
    assert notify.send_messages([message()]) == 1
    sent = notify.client.sent[0]
    assert sent["email_address"] == "person@example.com"
    assert sent["template_id"] == settings.NOTIFY_TEMPLATE_ID
    assert sent["personalisation"] == {"subject": "Your request", "body": "Body text"}
    assert sent["reference"] == "ref-1"
    assert sent["one_click_unsubscribe_url"] is None


def test_it_passes_the_one_click_unsubscribe_address(notify):
    notify.send_messages([message(**{"List-Unsubscribe": "<https://example.com/unsubscribe/abc>"})])
    assert notify.client.sent[0]["one_click_unsubscribe_url"] == "https://example.com/unsubscribe/abc"


def test_it_treats_a_bad_request_as_permanent(notify):
    notify.client = FakeClient(fail_with=400)
    with pytest.raises(PermanentFailure):
        notify.send_messages([message()])


@pytest.mark.parametrize("status", [429, 500, 503])
def test_it_lets_a_temporary_error_be_retried(notify, status):
    notify.client = FakeClient(fail_with=status)
    with pytest.raises(HTTPError) as raised:
        notify.send_messages([message()])
    assert not isinstance(raised.value, PermanentFailure)


def test_it_asks_notify_whether_it_already_has_a_message(notify):
    notify.send_messages([message()])
    assert notify.was_delivered("ref-1") is True
    assert notify.was_delivered("ref-2") is False
