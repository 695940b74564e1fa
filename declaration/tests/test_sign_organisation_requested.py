import pytest

pytestmark = pytest.mark.django_db

URL = "/declaration/sign/organisation/requested"


def test_it_says_we_will_check_the_organisation(client, member):
    client.force_login(member)
    response = client.get(URL)
    assert response.status_code == 200
    assert "We’ll check your organisation" in response.content.decode()


def test_it_sends_someone_signed_out_to_sign_in(client):
    assert client.get(URL).url == f"/sign-in?next={URL}"


def test_it_accepts_only_get(client, member):
    client.force_login(member)
    assert client.post(URL).status_code == 405
