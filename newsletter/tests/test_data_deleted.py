def test_it_says_the_data_has_been_deleted(client):
    response = client.get("/newsletter/data-deleted")
    assert response.status_code == 200
    assert b"Your data has been deleted" in response.content


def test_it_refuses_other_methods(client):
    assert client.post("/newsletter/data-deleted").status_code == 405
