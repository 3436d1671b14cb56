"""The API's contract, fuzzed and counted: schemathesis generates requests
for every operation of the live OpenAPI schema (valid and invalid ones),
anonymously and with a token, and every answer must be documented and not a
5xx. The schema, the checks and the register are those of the suite's own
schemathesis test (tests/api/test_schema_fuzz.py); here each operation gets
a bounded number of examples, each counted."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.core.failures import Failure, FailureGroup

from tests.api.test_schema_fuzz import (  # noqa: F401 - fixtures
    CHECKS,
    _keep_the_test_connection,
    register,
    schema,
    token,
)

pytestmark = pytest.mark.django_db

OPERATIONS = [result.ok() for result in schema.get_all_operations()]
# Examples per operation and caller: about a minute for the whole schema on
# two cores; the suite's own test runs more (25) on each change.
EXAMPLES = 6
BOUNDED = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def first_line(failure: BaseException) -> str:
    failures = failure.exceptions if isinstance(failure, FailureGroup) else [failure]
    return "; ".join(getattr(one, "title", None) or str(one).strip().splitlines()[0] for one in failures)


@pytest.mark.parametrize("caller", ["anonymous", "token"])
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda operation: operation.label)
def test_every_api_answer_is_documented_and_no_5xx(operation, caller, register, token, probe):  # noqa: F811
    contract = probe(
        "API contract: no 5xx, answers as documented",
        "schemathesis requests (every operation, valid and invalid, anonymous and with a token) answered by a 5xx"
        " or by a status, content type or body the schema does not document",
    )
    headers = {"Authorization": f"Token {token}"} if caller == "token" else {}
    cases = st.one_of(*(operation.as_strategy(generation_mode=mode) for mode in schema.config.generation.modes))

    # Each example is counted, not raised: hypothesis would then spend its
    # time shrinking, and the count would hold the shrinking's calls.
    @given(case=cases)
    @BOUNDED
    def call(case):
        try:
            case.call_and_validate(headers=headers, checks=CHECKS)
        except (Failure, FailureGroup) as failure:
            contract.check(False, f"{caller} {case.method} {case.formatted_path}: {first_line(failure)}")
        else:
            contract.check(True, "")

    call()
    assert contract.failures == []
