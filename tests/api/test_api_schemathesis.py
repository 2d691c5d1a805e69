"""Schemathesis against the live OpenAPI document: no input may produce a 5xx.

Bounded: a few examples per operation, no per-example deadline, and a global time
budget.  The schema is loaded inside the test (from the running server of the
``api`` fixture, so the run repeats per store) and every operation is driven with
Hypothesis through ``APIOperation.as_strategy()``.
"""

from __future__ import annotations

import time

import schemathesis
from hypothesis import HealthCheck, given, settings

MAX_EXAMPLES = 10
BUDGET_SECONDS = 240


def test_no_server_errors(api):
    schema = schemathesis.openapi.from_url(f"{api.base_url}/openapi.json")
    started = time.monotonic()
    failures: list[str] = []
    ran = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if time.monotonic() - started > BUDGET_SECONDS:
            break

        @given(case=operation.as_strategy())
        @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case):
            response = case.call(base_url=api.base_url, timeout=30)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} {case.query}: {response.status_code} "
                                f"{response.text[:300]}")
                return
            if response.status_code >= 400:
                body = response.json()
                if not (body.get("ok") is False and body.get("status") == response.status_code):
                    failures.append(f"{case.method} {case.formatted_path}: not the error envelope: {body}")

        run()
        ran += 1
    assert ran >= 15, f"only {ran} operations exercised"
    assert not failures, "\n".join(failures[:20])
