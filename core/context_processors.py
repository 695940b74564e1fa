from django.conf import settings
from django.urls import reverse

# (label, url name, path prefix that marks the item current)
NAVIGATION = [
    ("The declaration", "declaration:text", "/declaration"),
    ("Signatories", "declaration:signatories", "/signatories"),
    ("Organisations", "organisations:list", "/organisations"),
    ("Events", "events:list", "/events"),
    ("Fund", "fund:list", "/fund"),
    ("Projects", "projects:list", "/projects"),
    ("The Tender", "tender:needs", "/tender"),
    ("Guides", "guides:list", "/guides"),
    ("About", "core:about", "/about"),
]


def service(request):
    path = request.path
    navigation = [
        {"text": label, "href": reverse(name), "active": path.startswith(prefix)} for label, name, prefix in NAVIGATION
    ]
    return {
        "service_name": settings.SERVICE_NAME,
        "service_phase": settings.SERVICE_PHASE,
        "feedback_email": settings.FEEDBACK_EMAIL,
        "service_navigation": navigation,
    }
