import pytest
from django.core.exceptions import ValidationError

from guides.tests.images import image_bytes, upload
from guides.uploads import check_image


@pytest.mark.parametrize(
    ("name", "image_format", "content_type"),
    [
        ("workshop.png", "PNG", "image/png"),
        ("workshop.jpg", "JPEG", "image/jpeg"),
        ("Workshop.JPEG", "JPEG", "image/jpeg"),
        ("workshop.gif", "GIF", "image/gif"),
        ("workshop.webp", "WEBP", "image/webp"),
    ],
)
def test_it_accepts_each_kind_of_image_by_its_content(name, image_format, content_type):
    checked = check_image(upload(name, image_bytes(image_format)))

    assert checked.kind.content_type == content_type
    assert checked.size == len(image_bytes(image_format))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.png", b"<html><script>alert(1)</script></html>", "The selected file is not a real PNG image"),
        ("photo.jpg", image_bytes("PNG"), "The selected file is not a real JPEG image"),
        ("photo.gif", b"%PDF-1.4\n%%EOF\n", "The selected file is not a real GIF image"),
        ("photo.webp", b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 40, "The selected file is not a real WebP image"),
        ("photo.png", b"\x00" * 4 + image_bytes("PNG"), "The selected file is not a real PNG image"),
    ],
)
def test_it_refuses_a_file_that_is_not_the_image_it_claims_to_be(name, content, message):
    with pytest.raises(ValidationError, match=message):
        check_image(upload(name, content))


@pytest.mark.parametrize(
    "name",
    ["drawing.svg", "notes.pdf", "photo", "photo.png.exe"],
)
def test_it_refuses_other_kinds_of_file(name):
    with pytest.raises(ValidationError, match="The selected file must be a PNG, JPEG, GIF or WebP image"):
        check_image(upload(name, b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'))


def test_it_refuses_an_empty_file():
    with pytest.raises(ValidationError, match="The selected file is empty"):
        check_image(upload("photo.png", b""))


def test_it_refuses_an_image_over_the_size_limit(settings):
    settings.GUIDE_IMAGE_MAX_MB = 1
    too_big = image_bytes("PNG") + b"\x00" * (1024 * 1024)

    with pytest.raises(ValidationError, match="The selected image must be smaller than 1MB"):
        check_image(upload("photo.png", too_big))
