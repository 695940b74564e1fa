import pytest

pytestmark = pytest.mark.django_db

URL = "/declaration/sign/eligibility"


def test_it_asks_the_question(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Is your organisation a UK public sector body or a non-profit organisation?" in response.content.decode()


def test_it_sends_an_eligible_person_signed_out_through_sign_in(client):
    response = client.post(URL, {"eligible": "yes"}, follow=True)
    assert response.redirect_chain[-1] == ("/sign-in?next=/declaration/sign/organisation", 302)
    assert client.session["declaration_sign_eligible"] is True


def test_it_sends_a_signed_in_person_on_to_find_their_organisation(client, member):
    client.force_login(member)
    response = client.post(URL, {"eligible": "yes"})
    assert response.status_code == 302
    assert response.url == "/declaration/sign/organisation"


def test_it_explains_who_can_sign_to_anyone_else(client):
    response = client.post(URL, {"eligible": "no"}, follow=True)
    assert response.redirect_chain[-1] == ("/declaration/sign/who-can-sign", 302)
    assert "Only public sector bodies and non-profit organisations" in response.content.decode()
    assert client.session["declaration_sign_eligible"] is False


@pytest.mark.parametrize("answer", ["", "maybe"])
def test_it_asks_for_an_answer(client, answer):
    response = client.post(URL, {"eligible": answer})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert 'href="#id_eligible_0"' in page
    assert "declaration_sign_eligible" not in client.session


def test_it_accepts_only_get_and_post(client):
    assert client.put(URL).status_code == 405
