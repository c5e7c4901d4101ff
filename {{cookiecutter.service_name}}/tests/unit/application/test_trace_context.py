import pytest

from {{cookiecutter.package_name}}.application.messaging.null_tracer import NullTracer
from {{cookiecutter.package_name}}.application.messaging.trace_context import (
    checked_traceparent,
    trace_id,
)

from tests.messaging import TRACEPARENT


def test_a_well_formed_traceparent_is_kept_and_names_its_trace() -> None:
    assert checked_traceparent(TRACEPARENT) == TRACEPARENT
    assert trace_id(TRACEPARENT) == "0af7651916cd43dd8448eb211c80319c"


@pytest.mark.parametrize(
    "traceparent",
    [
        pytest.param(TRACEPARENT.upper(), id="upper-case"),
        pytest.param("ff" + TRACEPARENT[2:], id="version-ff"),
        pytest.param("01" + TRACEPARENT[2:], id="unknown-version"),
        pytest.param(f"00-{'0' * 32}-b7ad6b7169203331-01", id="trace-id-all-zeros"),
        pytest.param(f"00-0af7651916cd43dd8448eb211c80319c-{'0' * 16}-01", id="parent-id-zeros"),
        pytest.param(TRACEPARENT + "-extra", id="too-long"),
        pytest.param(TRACEPARENT[:-1], id="too-short"),
        pytest.param("not a trace", id="garbage"),
        pytest.param(None, id="none"),
        pytest.param(TRACEPARENT.encode(), id="bytes"),
    ],
)
def test_a_malformed_traceparent_is_dropped(traceparent: object) -> None:
    assert checked_traceparent(traceparent) is None


def test_the_null_tracer_records_nothing_and_hands_on_the_trace_context_given() -> None:
    tracer = NullTracer()

    with tracer.message_span("tests.something_happened process", TRACEPARENT) as handed_on:
        current = tracer.current()

    assert handed_on == TRACEPARENT
    assert current is None
