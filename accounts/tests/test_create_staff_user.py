import pytest
from django.core.management import CommandError, call_command

from accounts.models import Role, User
from accounts.tests.factories import UserFactory


def test_it_creates_a_staff_user_with_the_password_from_the_environment(monkeypatch, capsys):
    monkeypatch.setenv("STAFF_PASSWORD", "a long enough password")
    call_command("create_staff_user", "sam@localdigital.example", "--name", "Sam", "--role", "programme_admin")
    user = User.objects.get(email="sam@localdigital.example")
    assert (user.full_name, user.role) == ("Sam", Role.PROGRAMME_ADMIN)
    assert user.check_password("a long enough password")
    assert "Created staff user sam@localdigital.example (Programme admin)" in capsys.readouterr().out


def test_it_updates_an_existing_user_and_asks_for_the_password(monkeypatch, capsys):
    monkeypatch.delenv("STAFF_PASSWORD", raising=False)
    monkeypatch.setattr("accounts.management.commands.create_staff_user.getpass", lambda prompt: "a new long password")
    UserFactory(email="mo@localdigital.example", moderator=True)
    call_command("create_staff_user", "mo@localdigital.example")
    assert User.objects.get(email="mo@localdigital.example").check_password("a new long password")
    assert "Updated staff user mo@localdigital.example (Moderator)" in capsys.readouterr().out


def test_it_needs_a_role_for_a_new_user(monkeypatch):
    monkeypatch.setenv("STAFF_PASSWORD", "a long enough password")
    with pytest.raises(CommandError, match="role"):
        call_command("create_staff_user", "new@localdigital.example")


def test_it_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("STAFF_PASSWORD", "password")
    with pytest.raises(CommandError, match="not strong enough"):
        call_command("create_staff_user", "new@localdigital.example", "--role", "assessor")
    assert not User.objects.exists()
