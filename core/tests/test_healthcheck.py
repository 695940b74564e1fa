def test_it_answers_ok_for_a_load_balancer(client):
    response = client.get("/healthcheck")

    assert response.status_code == 200
    assert response.text == "OK"


def test_it_is_never_answered_from_a_cache(client):
    # A cache in front must not say "OK" for an app server that has since died.
    response = client.get("/healthcheck")

    assert "no-store" in response.headers["Cache-Control"]
    assert "public" not in response.headers["Cache-Control"]
