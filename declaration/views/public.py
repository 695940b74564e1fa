from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_safe

from core.permissions import public
from core.workflow import TransitionRefused
from declaration import certificate, queries, services
from declaration.forms import SignForm
from organisations.queries import co_publishers

LINK_REFUSED_STATUS = {"invalid": 404, "expired": 410, "used": 410}


@public
@require_safe
def declaration_text(request):
    return render(request, "declaration/declaration_text.html", {"co_publishers": co_publishers()})


@public
@require_http_methods(["GET", "POST"])
def approve_as_senior(request, token):
    # The link from the approver's email is the authority: there is no account to sign in to.
    try:
        link = services.check_approver_link(token)
    except services.LinkRefused as refusal:
        status = LINK_REFUSED_STATUS[refusal.reason]
        return render(request, "declaration/link_refused.html", {"reason": refusal.reason}, status=status)
    form = SignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            signature = services.sign(token, signed_name=form.cleaned_data["signed_name"])
        except services.LinkRefused as refusal:
            return render(request, "declaration/link_refused.html", {"reason": refusal.reason}, status=410)
        except TransitionRefused as refusal:
            form.add_error(refusal.field or None, refusal.message)
        else:
            return redirect("declaration:signed", reference=signature.reference)
    signature = link.signature
    context = {"form": form, "signature": signature, "projects": signature.projects.prefetch_related("principles")}
    return render(request, "declaration/approve_as_senior.html", context)


@public
@require_safe
def signed(request, reference):
    signature = queries.signed_signature(reference)
    return render(request, "declaration/signed.html", {"signature": signature})


@public
@require_safe
def signed_pdf(request, reference):
    # Public like the directory, and as safe to share: it names no one.
    signature = queries.signed_signature(reference)
    response = HttpResponse(certificate.render(signature), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, certificate.filename(signature))
    return response
