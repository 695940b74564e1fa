from django.db import migrations
from django.utils.text import slugify

# Open standards councils commonly ask for, with where each is published. Staff may add more
# in the admin; these are the starting list.
OPEN_STANDARDS = [
    ("360Giving Data Standard", "https://standard.threesixtygiving.org/"),
    ("Atom syndication format (RFC 4287)", "https://www.rfc-editor.org/rfc/rfc4287"),
    ("CSV on the Web", "https://www.w3.org/TR/tabular-data-primer/"),
    ("GeoJSON (RFC 7946)", "https://www.rfc-editor.org/rfc/rfc7946"),
    ("HL7 FHIR", "https://hl7.org/fhir/"),
    ("iCalendar (RFC 5545)", "https://www.rfc-editor.org/rfc/rfc5545"),
    ("JSON Schema", "https://json-schema.org/"),
    ("OAuth 2.0", "https://oauth.net/2/"),
    ("Open Contracting Data Standard", "https://standard.open-contracting.org/"),
    ("Open Referral UK", "https://openreferraluk.org/"),
    ("OpenAPI Specification", "https://spec.openapis.org/oas/latest.html"),
    ("OpenID Connect", "https://openid.net/developers/how-connect-works/"),
    ("Planning data specifications", "https://www.planning.data.gov.uk/"),
    ("Unique Property Reference Number (UPRN)", "https://www.geoplace.co.uk/addresses-streets/location-data/the-uprn"),
    ("Unique Street Reference Number (USRN)", "https://www.geoplace.co.uk/addresses-streets/location-data/the-usrn"),
    ("Web Content Accessibility Guidelines 2.2", "https://www.w3.org/TR/WCAG22/"),
]


def add_open_standards(apps, schema_editor):
    OpenStandard = apps.get_model("tender", "OpenStandard")
    for name, url in OPEN_STANDARDS:
        OpenStandard.objects.get_or_create(slug=slugify(name), defaults={"name": name, "url": url})


class Migration(migrations.Migration):
    dependencies = [("tender", "0001_initial")]

    operations = [migrations.RunPython(add_open_standards, migrations.RunPython.noop)]
