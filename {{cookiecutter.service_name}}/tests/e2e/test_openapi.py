"""The OpenAPI schema tells a client each problem a route can answer, as it is sent."""

from collections.abc import Iterator
from typing import Any

from httpx import AsyncClient


def problem(schema: str) -> dict[str, Any]:
    return {"application/problem+json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}


def operations(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


async def test_every_problem_is_documented_as_problem_json_with_its_schema(
    client: AsyncClient,
) -> None:
    schema = (await client.get("/openapi.json")).json()

    for route, operation in operations(schema):
        for status, response in operation["responses"].items():
            if int(status) >= 400:
                expected = problem("InvalidRequestProblem" if status == "422" else "ProblemDetails")
                assert response["content"] == expected, (route, status)
    components = schema["components"]["schemas"]
    problem_details = components["ProblemDetails"]
    assert set(problem_details["properties"]) == {"type", "title", "status", "detail", "instance"}
    assert problem_details["required"] == ["title", "status"]
    assert "errors" in components["InvalidRequestProblem"]["properties"]
    assert set(components["FieldError"]["properties"]) == {"location", "value", "message", "type"}


async def test_every_route_documents_a_500_and_only_a_route_with_input_a_422(
    client: AsyncClient,
) -> None:
    schema = (await client.get("/openapi.json")).json()

    for route, operation in operations(schema):
        takes_input = "parameters" in operation or "requestBody" in operation
        assert "500" in operation["responses"], route
        assert ("422" in operation["responses"]) == takes_input, route


async def test_the_health_routes_document_what_they_answer(client: AsyncClient) -> None:
    paths = (await client.get("/openapi.json")).json()["paths"]

    assert set(paths["/health/live"]["get"]["responses"]) == {"200", "500"}
    assert set(paths["/health/ready"]["get"]["responses"]) == {"200", "500", "503"}
