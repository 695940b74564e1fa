"""Checks on the files teams upload as outputs.

A file is accepted only if its content shows it to be one of the allowed kinds and its name
says the same: PDF by its `%PDF-` header, PNG by its signature, ODT and DOCX as zip containers
whose contents say so, CSV as UTF-8 text the csv module can read. Its size is limited while it
is still arriving (SizeLimitedUpload), so an oversized file is never kept.
"""

import codecs
import csv
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile


@dataclass(frozen=True)
class FileKind:
    code: str  # stored as Output.file_type
    extensions: frozenset[str]
    content_type: str
    label: str


PDF = FileKind("pdf", frozenset({".pdf"}), "application/pdf", "PDF")
ODT = FileKind("odt", frozenset({".odt"}), "application/vnd.oasis.opendocument.text", "OpenDocument text")
DOCX = FileKind(
    "docx",
    frozenset({".docx"}),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word document",
)
CSV = FileKind("csv", frozenset({".csv"}), "text/csv; charset=utf-8", "CSV")
PNG = FileKind("png", frozenset({".png"}), "image/png", "PNG image")
KINDS = {kind.code: kind for kind in (PDF, ODT, DOCX, CSV, PNG)}
ALLOWED_EXTENSIONS = frozenset().union(*(kind.extensions for kind in KINDS.values()))
ALLOWED_LIST = "PDF, ODT, DOCX, CSV or PNG"

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
HEAD_BYTES = 8192
# Enough of a document's manifest to read its type; a larger one is not a real document.
MANIFEST_BYTES = 1_000_000
WORD_MAIN_PART = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# What puremagic says about plain UTF-8 text (with or without a byte order mark).
TEXT_MATCHES = {"", ".txt", ".csv"}
DISPLAY_NAME_LENGTH = 120


@dataclass(frozen=True)
class CheckedUpload:
    file: UploadedFile
    kind: FileKind
    size: int
    display_name: str


def max_bytes() -> int:
    return settings.OUTPUT_MAX_UPLOAD_MB * 1024 * 1024


def too_big_message() -> str:
    return f"The selected file must be smaller than {settings.OUTPUT_MAX_UPLOAD_MB}MB"


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """The upload with the kind its content showed, or ValidationError saying what is wrong."""
    if upload.size > max_bytes():
        raise ValidationError(too_big_message(), code="too_big")
    if upload.size == 0:
        raise ValidationError("The selected file is empty", code="empty")
    extension = PurePosixPath(upload.name.replace("\\", "/")).suffix.lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(f"The selected file must be a {ALLOWED_LIST}", code="extension")
    kind = detect(upload)
    if kind is None or extension not in kind.extensions:
        raise ValidationError(
            f"The selected file is not a real {extension[1:].upper()} file. Upload a {ALLOWED_LIST} file",
            code="content",
        )
    return CheckedUpload(upload, kind, upload.size, display_name(upload.name, kind))


def detect(upload: UploadedFile) -> FileKind | None:
    """What the file's content shows it to be, of the allowed kinds; None if none of them."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    try:
        matches = {match.extension for match in puremagic.magic_string(head)}
    except puremagic.PureError:
        matches = set()
    if ".pdf" in matches and head.startswith(b"%PDF-"):
        return PDF
    if ".png" in matches and head.startswith(PNG_SIGNATURE):
        return PNG
    if ".zip" in matches:
        return _office_document(upload)
    if matches <= TEXT_MATCHES and _is_csv(upload):
        return CSV
    return None


def _office_document(upload: UploadedFile) -> FileKind | None:
    try:
        with zipfile.ZipFile(upload) as container:
            names = set(container.namelist())
            if "mimetype" in names:
                with container.open("mimetype") as entry:
                    if entry.read(MANIFEST_BYTES).strip() == ODT.content_type.encode():
                        return ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                with container.open("[Content_Types].xml") as entry:
                    if WORD_MAIN_PART in entry.read(MANIFEST_BYTES):
                        return DOCX
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError, EOFError, ValueError):
        # Damaged, encrypted or oddly compressed: not a document anyone can open.
        return None
    finally:
        upload.seek(0)
    return None


def _is_csv(upload: UploadedFile) -> bool:
    """UTF-8 text without NUL bytes that the csv module reads to the end, read a chunk at a
    time so a large file is never all in memory."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")

    def lines():
        pending = ""
        for chunk in upload.chunks():
            text = pending + decoder.decode(chunk)
            if "\x00" in text:
                raise ValueError("NUL byte")
            *complete, pending = text.splitlines(keepends=True) or [""]
            yield from complete
        pending += decoder.decode(b"", final=True)
        if pending:
            yield pending

    upload.seek(0)
    try:
        rows = sum(1 for _ in csv.reader(lines(), strict=True))
    except (UnicodeDecodeError, ValueError, csv.Error):
        return False
    finally:
        upload.seek(0)
    return rows > 0


def display_name(name: str, kind: FileKind) -> str:
    """The uploader's name for the file, safe to show and to offer as a download's name:
    no folders, no control or markup characters, and the extension its content showed."""
    base = PurePosixPath(name.replace("\\", "/")).name
    stem = unicodedata.normalize("NFKC", base).rsplit(".", 1)[0]
    stem = re.sub(r"[^\w\- .()]", "", stem)
    stem = re.sub(r"\s+", " ", stem).strip(" .-")[:DISPLAY_NAME_LENGTH].strip(" .-")
    return f"{stem or 'output'}.{kind.code}"


def human_size(size: int) -> str:
    """A file size the way GOV.UK writes it: 512KB, 1.2MB."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))}KB"
    return f"{size / (1024 * 1024):.1f}MB"


class SizeLimitedUpload(FileUploadHandler):
    """Stops reading a file once it passes the size limit: the rest is read and thrown away,
    so the request's other fields still arrive and the form can say what was wrong. The
    fields whose file was too big are in `too_big`."""

    def __init__(self, request=None):
        super().__init__(request)
        self.limit = max_bytes()
        self.too_big: set[str] = set()

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.too_big.add(self.field_name)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None
