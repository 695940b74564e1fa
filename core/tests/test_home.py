def test_it_shows_the_home_page(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Skip to main content" in response.content
