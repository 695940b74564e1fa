import pytest
from django.core.files.base import ContentFile

from accounts.tests.factories import MembershipFactory
from guides.models import GuideImage
from guides.tests.images import image_bytes
from guides.views.editing import image_uploaded

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploader():
    return MembershipFactory().user


@pytest.fixture
def uploaded(settings, tmp_path, uploader):
    settings.MEDIA_ROOT = tmp_path
    record = GuideImage(content_type="image/png", size=73, alt_text="Sticky notes [day 1]", uploaded_by=uploader)
    record.file.save("0f3a.png", ContentFile(image_bytes()), save=False)
    record.save()
    return record


def url(image) -> str:
    return f"/guides/images/{image.pk}/uploaded"


def test_it_sends_someone_not_signed_in_to_sign_in(client, uploaded):
    assert image_uploaded.access_rule == "signed_in"
    assert client.get(url(uploaded)).url.startswith("/sign-in?next=")


def test_the_uploader_gets_the_markdown_and_a_preview(client, uploaded, uploader):
    client.force_login(uploader)

    page = client.get(url(uploaded)).content.decode()

    assert "Your image is uploaded" in page
    assert rf'<code id="image-markdown">![Sticky notes \[day 1\]](/guides/images/{uploaded.pk})</code>' in page
    assert f'<img class="app-guide-image" src="/guides/images/{uploaded.pk}" alt="Sticky notes [day 1]">' in page


def test_someone_else_does_not_find_it(client, uploaded):
    client.force_login(MembershipFactory().user)
    assert client.get(url(uploaded)).status_code == 404
