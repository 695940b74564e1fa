"""The signed declaration as a PDF, for an organisation to print, share or attach to a
committee paper.

It states only what the public directory states: the organisation, the job title of the
person who signed for it, the date and the reference. Nobody's name appears in it.
"""

import unicodedata

from django.conf import settings
from django.urls import reverse
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from core.dates import LONDON
from declaration.models import Signature

TITLE = "Local Digital Declaration"
# The five principles as the declaration's "Our ambition" section states them.
PRINCIPLES = [
    "We will go even further to redesign our services around the needs of the people using them. This means "
    "continuing to prioritise citizen and user needs above professional, organisational and technological silos.",
    "We will ‘fix our plumbing’ to break our dependence on inflexible and expensive technology that doesn’t join up "
    "effectively. This means insisting on modular building blocks for the IT we rely on, and open standards to give "
    "a common structure to the data we create.",
    "We will design safe, secure and useful ways of sharing information to build trust among our partners and "
    "citizens, to better support the most vulnerable members of our communities, and to target our resources more "
    "effectively.",
    "We will demonstrate digital leadership, creating the conditions for genuine organisational transformation to "
    "happen, and challenging all those we work with to embrace this Local Digital Declaration.",
    "We will embed an open culture that values, incentivises and expects digital ways of working from every member "
    "of our workforce. This means working in the open wherever we can, sharing our plans and experience, working "
    "collaboratively with other organisations, and reusing good practice.",
]
LICENCE = "© Crown copyright, Open Government Licence v3.0"

# Helvetica is one of the fonts every PDF reader has, so no font file is shipped; it covers
# Latin-1 only. Typographic punctuation gets its plain equivalent, and accented letters
# outside Latin-1 (the Welsh ŵ and ŷ) lose their accent rather than the whole document.
PLAIN_PUNCTUATION = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "…": "...",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)


def latin_1(text: str) -> str:
    """`text` with every character Helvetica can show kept, and the others replaced."""
    kept = []
    for character in text.translate(PLAIN_PUNCTUATION):
        if ord(character) < 256:
            kept.append(character)
            continue
        # "ŵ" decomposes to "w" and a combining circumflex, which Latin-1 drops.
        plain = unicodedata.normalize("NFKD", character).encode("latin-1", "ignore").decode("latin-1")
        kept.append(plain or "?")
    return "".join(kept)


def signed_on(signature: Signature) -> str:
    return signature.signed_at.astimezone(LONDON).strftime("%-d %B %Y")


def filename(signature: Signature) -> str:
    return f"{signature.organisation.slug}-local-digital-declaration.pdf"


def render(signature: Signature, *, compress: bool = True) -> bytes:
    """The signed declaration of `signature`, which must be signed, as an A4 PDF."""
    pdf = FPDF(format="A4")
    pdf.set_compression(compress)
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(latin_1(f"{TITLE}: {signature.organisation.name}"))
    pdf.set_creator(settings.SERVICE_NAME)
    pdf.add_page()

    _paragraph(pdf, TITLE, size=26, style="B", height=12, after=6)
    _paragraph(pdf, f"Signed for {signature.organisation.name}", size=18, style="B", height=9)
    if signature.is_founding:
        _paragraph(pdf, f"signed on {signed_on(signature)} as a co-publisher", size=14, height=8, after=4)
    else:
        _paragraph(pdf, f"by its {signature.approver_job_title}", size=14, height=8)
        _paragraph(pdf, f"signed on {signed_on(signature)}", size=14, height=8, after=4)
    _paragraph(pdf, f"Reference {signature.reference}", size=11, height=6, after=8)

    _paragraph(pdf, "Our principles", size=14, style="B", height=8, after=2)
    for number, principle in enumerate(PRINCIPLES, start=1):
        _paragraph(pdf, f"{number}. {principle}", size=11, height=5.5, after=3)

    pdf.ln(4)
    _paragraph(pdf, f"Read the declaration: {settings.SITE_URL}{reverse('declaration:text')}", size=9, height=5)
    _paragraph(pdf, f"Declaration text {LICENCE}", size=9, height=5)
    return bytes(pdf.output())


def _paragraph(pdf: FPDF, text: str, *, size: float, height: float, style: str = "", after: float = 0) -> None:
    pdf.set_font("Helvetica", style, size)
    pdf.multi_cell(0, height, latin_1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if after:
        pdf.ln(after)
