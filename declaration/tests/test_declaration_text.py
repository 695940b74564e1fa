import re

import pytest
from django.urls import reverse

from declaration.views.public import declaration_text
from organisations.models import Organisation
from organisations.tests.factories import OrganisationFactory
from organisations.tests.register import imported_register

URL = reverse("declaration:text")


@pytest.fixture(scope="module")
def register(django_db_setup, django_db_blocker):
    with imported_register(django_db_blocker):
        yield


def section(content: str, start: str, end: str) -> str:
    return content[content.index(start) : content.index(end, content.index(start))]


@pytest.mark.django_db
def test_it_is_public(client):
    assert declaration_text.access_rule == "public"
    assert client.get(URL).status_code == 200


@pytest.mark.django_db
def test_it_refuses_post(client):
    assert client.post(URL).status_code == 405


@pytest.mark.django_db
def test_it_shows_the_five_principles_in_order(client):
    content = client.get(URL).content.decode()

    principles = re.findall(r"<li>(.*?)</li>", section(content, 'id="principles"', "</ol>"), re.DOTALL)
    assert [principle[:40] for principle in principles] == [
        "We will go even further to redesign our ",
        "We will ‘fix our plumbing’ to break our ",
        "We will design safe, secure and useful w",
        "We will demonstrate digital leadership, ",
        "We will embed an open culture that value",
    ]


@pytest.mark.django_db
def test_it_shows_both_lists_of_commitments(client):
    content = client.get(URL).content.decode()

    leaders = section(content, "Our leaders, service managers, board members and politicians will:", "</ul>")
    teams = section(content, "Our transformation, information technology and digital teams will:", "</ul>")
    assert leaders.count("<li>") == 6
    assert teams.count("<li>") == 7


@pytest.mark.django_db
def test_it_says_who_can_sign(client):
    content = client.get(URL).content.decode()

    who = section(content, 'id="sign"', "Crown copyright")
    assert "Who can sign the declaration" in who
    assert "Public sector and non-profit organisations in the UK" in who
    assert "Two people from your organisation" in who
    assert "declaration project within the next year" in who
    assert "free training" in who
    assert "Suppliers cannot sign the declaration" in who


@pytest.mark.django_db
def test_it_credits_the_crown_copyright(client):
    content = client.get(URL).content.decode()

    assert "The Local Digital Declaration is © Crown copyright, published under the" in content
    assert ">Open Government Licence v3.0</a>." in content


@pytest.mark.django_db
def test_it_lists_co_publishers_from_the_register(client):
    OrganisationFactory(name="London Borough of Harrow", co_publisher_number=18, co_publisher_name="Harrow Council")
    OrganisationFactory(name="Leeds City Council")

    content = client.get(URL).content.decode()

    listed = section(content, 'id="co-publishers"', "</ol>")
    assert ">Harrow Council</a>" in listed
    assert "Leeds City Council" not in listed


@pytest.mark.django_db
def test_it_links_all_45_co_publishers_to_their_pages(register, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        content = client.get(URL).content.decode()

    listed = re.findall(
        r'<li value="(\d+)"><a class="govuk-link" href="([^"]+)">([^<]+)</a></li>',
        section(content, 'id="co-publishers"', "</ol>"),
    )
    co_publishers = Organisation.objects.filter(co_publisher_number__isnull=False).order_by("co_publisher_number")
    assert [(int(number), href) for number, href, _ in listed] == [
        (org.co_publisher_number, org.get_absolute_url()) for org in co_publishers
    ]
    assert len(listed) == 45
    names = [name for _, _, name in listed]
    assert names[0] == "Adur &amp; Worthing Councils"
    assert names[30] == "DLUHC"
    assert names[43] == "West Midlands Combined Authority (WMCA)"
