"""The shared access rules: who gets through `staff_required` and `role_required`."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from accounts.tests.factories import TOTPDeviceFactory, UserFactory
from core.permissions import role_required, staff_required


@role_required("assessor")
def assessors_only(request):
    return HttpResponse("scoring")


@staff_required()
def programme_staff_only(request):
    return HttpResponse("moderation")


def _request(user, *, verified=True):
    request = RequestFactory().get("/somewhere")
    request.user = user
    # What django_otp's middleware adds: whether this session gave a code from a device.
    user.otp_device = TOTPDeviceFactory(user=user) if verified else None
    user.is_verified = lambda: user.otp_device is not None
    return request


@pytest.mark.django_db
def test_it_lets_a_verified_assessor_in():
    response = assessors_only(_request(UserFactory(assessor=True)))
    assert response.content == b"scoring"


@pytest.mark.django_db
def test_it_sends_an_assessor_without_their_code_to_give_it():
    response = assessors_only(_request(UserFactory(assessor=True), verified=False))
    assert response.status_code == 302
    assert response.url == "/staff/verify"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["moderator", "programme_admin", "fund_approver"])
def test_it_refuses_other_roles(role):
    with pytest.raises(PermissionDenied):
        assessors_only(_request(UserFactory(role=role)))


@pytest.mark.django_db
def test_it_refuses_a_member_without_a_role():
    with pytest.raises(PermissionDenied):
        assessors_only(_request(UserFactory()))


@pytest.mark.django_db
def test_it_keeps_assessors_out_of_programme_staff_pages():
    with pytest.raises(PermissionDenied):
        programme_staff_only(_request(UserFactory(assessor=True)))
