"""Schemathesis generates requests for every operation in the OpenAPI document, valid and
invalid, and checks each answer: never a server error, and always the status codes, content
type and body the document promises."""

import schemathesis
from hypothesis import HealthCheck, settings

from api.api import api
from config.wsgi import application

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = application


@schema.parametrize()
@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,  # the same requests on every run, so that a failure can be reproduced
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_every_operation_keeps_to_the_document(case, open_data, wsgi_application):
    case.call_and_validate()
