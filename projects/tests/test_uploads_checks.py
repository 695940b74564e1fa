import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from projects import uploads

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
CSV = b'organisation,phase,amount\r\nHackney,discovery,80000\r\n"Adur, Worthing",alpha,120000\r\n'


def zipped(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as container:
        for name, content in entries.items():
            container.writestr(name, content)
    return buffer.getvalue()


ODT = zipped({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office:document/>"})
DOCX = zipped(
    {
        "[Content_Types].xml": '<Types><Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "word/document.xml": "<w:document/>",
    }
)
XLSX = zipped(
    {
        "[Content_Types].xml": '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sheet.main+xml"/></Types>',
        "xl/workbook.xml": "<workbook/>",
    }
)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("report.pdf", PDF, "pdf"),
        ("Journey map.PNG", PNG, "png"),
        ("notes.odt", ODT, "odt"),
        ("findings.docx", DOCX, "docx"),
        ("awards.csv", CSV, "csv"),
        ("with a byte order mark.csv", "\ufeffname,count\r\nbins,3\r\n".encode(), "csv"),
    ],
)
def test_it_accepts_each_allowed_kind_by_its_content(name, content, kind):
    checked = uploads.check_upload(upload(name, content))

    assert checked.kind.code == kind
    assert checked.size == len(content)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"This is plain text pretending to be a PDF"),
        ("report.pdf", PNG),
        ("image.png", PDF),
        ("findings.docx", ODT),
        ("notes.odt", DOCX),
        ("budget.docx", XLSX),
        ("archive.docx", zipped({"readme.txt": "hello"})),
        ("broken.docx", b"PK\x03\x04this is not really a zip file"),
        ("page.csv", b"<html><script>alert(1)</script></html>"),
        ("binary.csv", b"name,age\r\nAlex,3\x00\r\n"),
        ("latin1.csv", "name\r\nCaf\xe9\r\n".encode("latin-1")),
        ("unterminated.csv", b'name,notes\r\nAlex,"never closed\r\n'),
    ],
)
def test_it_refuses_a_file_whose_content_is_not_what_its_name_says(name, content):
    with pytest.raises(ValidationError) as refusal:
        uploads.check_upload(upload(name, content))

    extension = name.rsplit(".", 1)[1].upper()
    assert refusal.value.messages == [
        f"The selected file is not a real {extension} file. Upload a PDF, ODT, DOCX, CSV or PNG file"
    ]


@pytest.mark.parametrize("name", ["page.html", "script.js", "image.svg", "no-extension", "report.pdf.exe"])
def test_it_refuses_other_kinds_of_file_by_name(name):
    with pytest.raises(ValidationError) as refusal:
        uploads.check_upload(upload(name, PDF))
    assert refusal.value.messages == ["The selected file must be a PDF, ODT, DOCX, CSV or PNG"]


def test_it_refuses_an_empty_file():
    with pytest.raises(ValidationError, match="The selected file is empty"):
        uploads.check_upload(upload("report.pdf", b""))


def test_it_refuses_a_file_over_the_size_limit(settings):
    settings.OUTPUT_MAX_UPLOAD_MB = 1
    content = PDF + b"0" * (1024 * 1024)

    with pytest.raises(ValidationError) as refusal:
        uploads.check_upload(upload("report.pdf", content))

    assert refusal.value.messages == ["The selected file must be smaller than 1MB"]


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Discovery report.pdf", "Discovery report.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\alex\\Desktop\\findings.pdf", "findings.pdf"),
        ('<script>alert("x")</script>.pdf', "script.pdf"),
        ("notes<img src=x onerror=alert(1)>.pdf", "notesimg srcx onerroralert(1).pdf"),
        ("report.PDF", "report.pdf"),
        ("...pdf", "output.pdf"),
        ("a" * 300 + ".pdf", "a" * 120 + ".pdf"),
    ],
)
def test_the_name_shown_keeps_only_safe_characters_and_the_real_extension(name, shown):
    assert uploads.display_name(name, uploads.PDF) == shown


@pytest.mark.parametrize(("size", "label"), [(100, "1KB"), (2048, "2KB"), (1024 * 1024 * 3 // 2, "1.5MB")])
def test_sizes_are_written_the_gov_uk_way(size, label):
    assert uploads.human_size(size) == label
