import pytest
from django.core.files.base import ContentFile

from guides.models import GuideImage
from guides.tests.images import image_bytes
from guides.views.editing import image

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    record = GuideImage(content_type="image/png", size=len(image_bytes()), alt_text="Sticky notes")
    record.file.save("0f3a.png", ContentFile(image_bytes()), save=False)
    record.save()
    return record


def test_anyone_sees_an_uploaded_image_with_the_type_its_content_showed(client, stored):
    assert image.access_rule == "public"

    response = client.get(f"/guides/images/{stored.pk}")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == image_bytes()


def test_an_unknown_image_or_a_missing_file_is_not_found(client, stored):
    assert client.get(f"/guides/images/{stored.pk + 1}").status_code == 404
    stored.file.delete(save=False)
    assert client.get(f"/guides/images/{stored.pk}").status_code == 404


def test_it_is_read_only(client, stored):
    assert client.post(f"/guides/images/{stored.pk}").status_code == 405
