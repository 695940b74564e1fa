def test_it_says_the_subscription_is_confirmed(client):
    response = client.get("/newsletter/confirmed")
    assert response.status_code == 200
    assert b"Subscription confirmed" in response.content


def test_it_refuses_other_methods(client):
    assert client.post("/newsletter/confirmed").status_code == 405
