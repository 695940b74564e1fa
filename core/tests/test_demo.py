"""The demo loaders run in INSTALLED_APPS order, whatever order their modules were imported in."""

from core import demo


def test_it_runs_loaders_in_app_order_and_each_apps_in_registration_order(monkeypatch):
    def from_module(module):
        def load():
            return module

        load.__module__ = module
        return load

    registered = [from_module(name) for name in ("fund.demo.rounds", "events.demo.listings", "fund.demo.assessment")]
    registered.append(from_module("accounts.demo"))
    monkeypatch.setattr(demo, "LOADERS", registered)
    monkeypatch.setattr(demo, "autodiscover_modules", lambda name: None)

    assert [load() for load in demo.discover()] == [
        "accounts.demo",
        "events.demo.listings",
        "fund.demo.rounds",
        "fund.demo.assessment",
    ]
