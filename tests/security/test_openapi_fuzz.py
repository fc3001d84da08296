"""schemathesis against /openapi.json through the WSGI app: no server error on any input.

The operations are drawn as Hypothesis strategies in the test itself rather than through
schemathesis' lazy pytest fixture, which needs a pytest private attribute gone in pytest 9.
"""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

SETTINGS = settings(max_examples=80, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                           HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def operations(hostile_app) -> list:
    """Every operation the app's own OpenAPI description names, loaded through the WSGI app."""
    assert any(rule.rule == "/openapi.json" for rule in hostile_app.url_map.iter_rules())
    schema = schemathesis.openapi.from_wsgi("/openapi.json", hostile_app)
    found = [result.ok() for result in schema.get_all_operations()]
    assert found
    return found


def _check(case, response) -> None:
    # A search stopped by its time budget answers 503 timed_out on purpose; nothing else may.
    if response.status_code == 503:
        assert response.json()["error"]["code"] in ("timed_out", "index_missing")
    else:
        assert response.status_code < 500, (case.path, case.query, response.text[:300])
    assert b"Traceback" not in response.content
    if case.path.endswith(".json") or case.path in ("/search", "/healthz"):
        content_type = (response.headers.get("content-type") or [""])[0]  # lower-case, lists
        assert content_type.startswith("application/json"), (case.path, content_type)


def test_no_input_makes_a_server_error(operations):
    for operation in operations:
        @SETTINGS
        @given(case=operation.as_strategy())
        def run(case):
            _check(case, case.call())

        run()


# Every check but "schema-valid data is accepted": a search API refuses some well-formed
# requests on purpose, with a 400 that says why (q="." has no searchable word; a prefix needs
# three letters), and no schema can express that. The refusals are tested in test_api.py.
def test_answers_conform_to_the_description(operations):
    from schemathesis.checks import positive_data_acceptance

    for operation in operations:
        @SETTINGS
        @given(case=operation.as_strategy())
        def run(case):
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        run()
