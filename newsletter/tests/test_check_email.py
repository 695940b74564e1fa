def test_it_sends_people_who_have_not_subscribed_back_to_the_form(client):
    response = client.get("/newsletter/check-your-email")
    assert response.status_code == 302
    assert response.url == "/newsletter"


def test_it_names_the_address_the_email_went_to(client):
    client.post("/newsletter", {"email": "someone@example.com", "topics": ["fund"]})
    response = client.get("/newsletter/check-your-email")
    content = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Check your email</h1>' in content
    assert "someone@example.com" in content
    assert "expires after 7 days" in content


def test_it_refuses_other_methods(client):
    assert client.post("/newsletter/check-your-email").status_code == 405
