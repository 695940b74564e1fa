import datetime

import factory

from organisations.models import Nation, Organisation, OrganisationDomain, OrganisationType


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Testshire Council {n}")
    slug = factory.Sequence(lambda n: f"testshire-council-{n}")
    organisation_type = OrganisationType.UNITARY
    nation = Nation.ENGLAND
    region = "South East"

    class Params:
        ended = factory.Trait(start_date=datetime.date(1974, 4, 1), end_date=datetime.date(2020, 3, 31))
        co_publisher = factory.Trait(co_publisher_number=factory.Sequence(lambda n: n + 1))


class OrganisationDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationDomain

    organisation = factory.SubFactory(OrganisationFactory)
    domain = factory.Sequence(lambda n: f"council{n}.example.gov.uk")
