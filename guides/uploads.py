"""Checks on the images people upload for guides.

An image is accepted only if its content shows it to be a PNG, JPEG, GIF or WebP image and its
name says the same kind: a file renamed to look like an image is refused. SVG is not accepted,
as it can carry scripts. The size is limited while the file is still arriving
(SizeLimitedImageUpload), so an oversized file is never kept.
"""

from dataclasses import dataclass
from pathlib import PurePosixPath

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from projects.uploads import SizeLimitedUpload


@dataclass(frozen=True)
class ImageKind:
    extension: str  # what the stored file is named with
    names: frozenset[str]  # the extensions an uploaded file of this kind may have
    content_type: str
    label: str
    signatures: tuple[bytes, ...]


PNG = ImageKind(".png", frozenset({".png"}), "image/png", "PNG", (b"\x89PNG\r\n\x1a\n",))
JPEG = ImageKind(".jpg", frozenset({".jpg", ".jpeg"}), "image/jpeg", "JPEG", (b"\xff\xd8\xff",))
GIF = ImageKind(".gif", frozenset({".gif"}), "image/gif", "GIF", (b"GIF87a", b"GIF89a"))
WEBP = ImageKind(".webp", frozenset({".webp"}), "image/webp", "WebP", (b"RIFF",))
KINDS = (PNG, JPEG, GIF, WEBP)
CONTENT_TYPES = frozenset(kind.content_type for kind in KINDS)
ALLOWED_EXTENSIONS = frozenset().union(*(kind.names for kind in KINDS))
ALLOWED_LIST = "PNG, JPEG, GIF or WebP"
HEAD_BYTES = 8192


@dataclass(frozen=True)
class CheckedImage:
    file: UploadedFile
    kind: ImageKind
    size: int


def max_bytes() -> int:
    return settings.GUIDE_IMAGE_MAX_MB * 1024 * 1024


def too_big_message() -> str:
    return f"The selected image must be smaller than {settings.GUIDE_IMAGE_MAX_MB}MB"


def check_image(upload: UploadedFile) -> CheckedImage:
    """The upload with the kind its content showed, or ValidationError saying what is wrong."""
    if upload.size > max_bytes():
        raise ValidationError(too_big_message(), code="too_big")
    if upload.size == 0:
        raise ValidationError("The selected file is empty", code="empty")
    extension = PurePosixPath(upload.name.replace("\\", "/")).suffix.lower()
    claimed = next((kind for kind in KINDS if extension in kind.names), None)
    if claimed is None:
        raise ValidationError(f"The selected file must be a {ALLOWED_LIST} image", code="extension")
    if detect(upload) != claimed:
        raise ValidationError(
            f"The selected file is not a real {claimed.label} image. Upload a {ALLOWED_LIST} image", code="content"
        )
    return CheckedImage(upload, claimed, upload.size)


def detect(upload: UploadedFile) -> ImageKind | None:
    """The kind of image the file's content shows it to be; None if none of the allowed."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    try:
        matches = {match.extension for match in puremagic.magic_string(head)}
    except puremagic.PureError:
        return None
    for kind in KINDS:
        # puremagic names the kind; the signature at the very start confirms it is not just
        # somewhere inside another file.
        if matches & kind.names and head.startswith(kind.signatures):
            if kind is WEBP and head[8:12] != b"WEBP":
                return None
            return kind
    return None


class SizeLimitedImageUpload(SizeLimitedUpload):
    """Stops reading an image once it passes GUIDE_IMAGE_MAX_MB (see SizeLimitedUpload)."""

    def __init__(self, request=None):
        super().__init__(request)
        self.limit = max_bytes()
