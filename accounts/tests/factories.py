import hashlib
from datetime import timedelta

import factory
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Membership, Role, SignInLink, User
from accounts.workflow import MembershipStatus
from organisations.tests.factories import OrganisationFactory


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    full_name = factory.Faker("name", locale="en_GB")

    class Params:
        programme_admin = factory.Trait(role=Role.PROGRAMME_ADMIN)
        moderator = factory.Trait(role=Role.MODERATOR)
        assessor = factory.Trait(role=Role.ASSESSOR)
        fund_approver = factory.Trait(role=Role.FUND_APPROVER)

    @factory.post_generation
    def password(user, create, extracted, **kwargs):
        if extracted:
            user.set_password(extracted)
        else:
            user.set_unusable_password()
        if create:
            user.save(update_fields=["password"])


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    status = MembershipStatus.APPROVED

    class Params:
        pending = factory.Trait(status=MembershipStatus.PENDING)
        rejected = factory.Trait(status=MembershipStatus.REJECTED, reason="Not a member of staff")
        revoked = factory.Trait(status=MembershipStatus.REVOKED, reason="Left the organisation")


class SignInLinkFactory(factory.django.DjangoModelFactory):
    """Pass `token` to know the link's token; only its hash is stored."""

    class Meta:
        model = SignInLink
        exclude = ["token"]

    token = factory.Sequence(lambda n: f"test-token-{n}")
    email = factory.Sequence(lambda n: f"linked{n}@example.com")
    token_hash = factory.LazyAttribute(lambda link: hashlib.sha256(link.token.encode()).hexdigest())
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(minutes=30))

    class Params:
        expired = factory.Trait(expires_at=factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=1)))
        used = factory.Trait(used_at=factory.LazyFunction(timezone.now))


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory, moderator=True)
    name = "Authenticator app"
    confirmed = True
