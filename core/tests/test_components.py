"""GOV.UK components render as govuk-frontend-django renders them, compiled only once."""

from django.template import Context, Template
from govuk_frontend_django.components import base
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, select_autoescape

from core.components import ENVIRONMENT

PAGE = Template('{% load govuk_frontend_django %}{% gds_component "button" text="Save & continue" %}')


def a_new_environment_each_time(**options):
    # What the library does on its own.
    loader = ChoiceLoader([PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})])
    return Environment(loader=loader, autoescape=select_autoescape())


def test_it_renders_what_the_library_renders(monkeypatch):
    ours = PAGE.render(Context())
    monkeypatch.setattr(base, "Environment", a_new_environment_each_time)

    assert PAGE.render(Context()) == ours
    assert "govuk-button" in ours


def test_it_compiles_a_component_once(monkeypatch):
    PAGE.render(Context())
    compiled = []
    original = Environment.compile

    def counted_compile(self, *args, **kwargs):
        compiled.append(args)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Environment, "compile", counted_compile)
    PAGE.render(Context())
    PAGE.render(Context())

    assert compiled == []
    assert base.Environment() is ENVIRONMENT
