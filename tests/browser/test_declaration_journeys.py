import re

from playwright.sync_api import expect

from declaration import services
from declaration.tests.factories import DeclarationProjectFactory, SignatureFactory
from declaration.workflow import SignatureStatus
from tests.browser.pages import ApproverSignPage


def test_the_senior_approver_signs_for_their_organisation(page, mailoutbox, moderator):
    signature = SignatureFactory(submitted=True, approver_email="sam.chief@example.org")
    DeclarationProjectFactory(signature=signature, title="Open waste data")
    services.approve(signature, by=moderator)
    body = next(message for message in mailoutbox if message.to == ["sam.chief@example.org"]).body
    link = re.search(r"(/declaration/approve/[A-Za-z0-9_-]+)", body).group(1)

    approver_page = ApproverSignPage(page, link).open()
    expect(page.get_by_text("Open waste data")).to_be_visible()
    approver_page.sign_without_a_name().check_error("Type your full name to sign", "Type your full name to sign")
    approver_page.sign("Sam Chief")

    expect(page.get_by_text(signature.reference)).to_be_visible()
    signature.refresh_from_db()
    assert signature.status == SignatureStatus.SIGNED
