import pytest
from django.test import Client

from accounts.tests.factories import MembershipFactory
from core.models import AuditEvent
from guides.models import GuideImage
from guides.tests.images import image_bytes, upload
from guides.views.editing import new_image
from tender.tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db

URL = "/guides/images/new"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def editor():
    return MembershipFactory().user


@pytest.fixture
def signed_in(client, editor):
    client.force_login(editor)
    return client


def stored_files(media):
    return [path for path in media.rglob("*") if path.is_file()]


def errors(response) -> str:
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert not GuideImage.objects.exists()
    return page


def test_it_sends_someone_not_signed_in_to_sign_in(client):
    assert new_image.access_rule == "signed_in"
    assert client.get(URL).url.startswith("/sign-in?next=")


def test_the_form_offers_only_images(signed_in):
    page = signed_in.get(URL).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'accept=".gif,.jpeg,.jpg,.png,.webp"' in page
    assert "A PNG, JPEG, GIF or WebP image, smaller than 5MB" in page


def test_a_member_uploads_an_image_and_gets_the_markdown_to_paste(signed_in, editor, media):
    content = image_bytes("JPEG")

    response = signed_in.post(
        URL, {"file": upload("Workshop wall.jpg", content), "alt_text": "Sticky notes  on a wall"}
    )

    image = GuideImage.objects.get()
    assert response.status_code == 302 and response.url == f"/guides/images/{image.pk}/uploaded"
    assert (image.content_type, image.size, image.alt_text, image.uploaded_by) == (
        "image/jpeg",
        len(content),
        "Sticky notes on a wall",
        editor,
    )
    (stored,) = stored_files(media)
    assert stored.read_bytes() == content and stored.suffix == ".jpg"
    assert "Workshop" not in str(stored)
    assert AuditEvent.objects.filter(action="guides.image_uploaded").exists()
    page = signed_in.get(response.url).content.decode()
    assert f"![Sticky notes on a wall](/guides/images/{image.pk})" in page


def test_a_file_that_is_not_the_image_it_claims_is_refused_and_nothing_kept(signed_in, media):
    disguised = upload("photo.png", b"<html><script>alert(1)</script></html>")

    page = errors(signed_in.post(URL, {"file": disguised, "alt_text": "A photo"}))

    assert "The selected file is not a real PNG image. Upload a PNG, JPEG, GIF or WebP image" in page
    assert 'href="#id_file"' in page and "govuk-file-upload--error" in page
    assert stored_files(media) == []


def test_an_oversized_image_is_refused_and_nothing_kept(signed_in, media, settings):
    settings.GUIDE_IMAGE_MAX_MB = 1
    too_big = upload("photo.png", image_bytes("PNG") + b"\x00" * (1024 * 1024))

    page = errors(signed_in.post(URL, {"file": too_big, "alt_text": "A photo"}))

    assert "The selected image must be smaller than 1MB" in page
    assert "Select an image" not in page
    # The alt text is kept, so only the image needs choosing again.
    assert 'value="A photo"' in page
    assert stored_files(media) == []


def test_another_kind_of_file_is_refused(signed_in, media):
    page = errors(signed_in.post(URL, {"file": upload("drawing.svg", b"<svg onload='alert(1)'/>"), "alt_text": "A"}))
    assert "The selected file must be a PNG, JPEG, GIF or WebP image" in page


def test_it_needs_an_image_and_its_alt_text(signed_in, media):
    page = errors(signed_in.post(URL, {"alt_text": ""}))
    assert "Select an image" in page
    assert "Enter alt text that describes the image" in page
    page = errors(signed_in.post(URL, {"file": upload("photo.png"), "alt_text": "a" * 301}))
    assert "The alt text must be 300 characters or fewer" in page
    assert stored_files(media) == []


def test_a_supplier_account_is_refused(client, media):
    supplier = MembershipFactory().user
    SupplierFactory(members=[supplier])
    client.force_login(supplier)

    response = client.post(URL, {"file": upload("photo.png"), "alt_text": "A photo"})

    assert response.status_code == 403
    assert not GuideImage.objects.exists()
    assert stored_files(media) == []


def test_the_form_is_protected_against_cross_site_posts(editor, media):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(URL, {"file": upload("photo.png"), "alt_text": "A photo"}).status_code == 403
    assert not GuideImage.objects.exists()


def test_it_limits_how_often_one_person_uploads(signed_in, settings, media):
    settings.GUIDE_EDIT_RATE = "1/h"
    assert signed_in.post(URL, {"file": upload("one.png"), "alt_text": "One"}).status_code == 302
    assert signed_in.post(URL, {"file": upload("two.png"), "alt_text": "Two"}).status_code == 429
    assert GuideImage.objects.count() == 1
