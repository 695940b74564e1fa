"""GOV.UK Frontend components, compiled once per process.

govuk-frontend-django renders each component through a Jinja environment it builds for that
one call, so every `{% gds_component %}` on every page compiled the component's Jinja
templates again: about 70% of the time a page took. Handing it one environment that keeps
what it compiled renders the same HTML without that work.
"""

import functools

from govuk_frontend_django.components import base
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, select_autoescape


class CompiledOnceEnvironment(Environment):
    @functools.cache  # noqa: B019 (one environment for the life of the process)
    def from_string(self, source, globals=None, template_class=None):
        return super().from_string(source, globals, template_class)


# The loader and escaping govuk-frontend-django gives each of its environments.
ENVIRONMENT = CompiledOnceEnvironment(
    loader=ChoiceLoader([PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})]),
    autoescape=select_autoescape(),
)


def keep_components_compiled() -> None:
    base.Environment = lambda **options: ENVIRONMENT
