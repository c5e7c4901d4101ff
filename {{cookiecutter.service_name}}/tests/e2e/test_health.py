from httpx import AsyncClient

from tests.e2e.conftest import build_app, serve


async def test_the_service_is_alive(client: AsyncClient) -> None:
    response = await client.get("/health/live")

    assert response.status_code == 200
    assert response.json() == {"status": "alive"}


async def test_a_load_balancer_probing_with_head_gets_the_same_status(
    client: AsyncClient,
) -> None:
    live = await client.head("/health/live")
    ready = await client.head("/health/ready")

    assert (live.status_code, ready.status_code) == (200, 200)


async def test_the_service_is_ready_when_its_database_answers(client: AsyncClient) -> None:
    response = await client.get("/health/ready")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "checks": {"database": "ok", "broker": "ok", "outbox": "ok"},
    }


async def test_the_service_is_not_ready_when_its_database_is_unreachable(
    unreachable_sqlite_url: str,
) -> None:
    app = build_app(unreachable_sqlite_url)

    async for client in serve(app):
        response = await client.get("/health/ready")

    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 503
    assert problem["checks"]["database"] == "failing"
    assert problem["instance"] == "/health/ready"
    assert problem["detail"].startswith("Not ready: database (")


async def test_the_service_is_not_ready_before_its_database_is_migrated(database_url: str) -> None:
    async for client in serve(build_app(database_url)):
        response = await client.get("/health/ready")

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "failing"
    assert response.json()["detail"].startswith("Not ready: database (NotMigratedError)")
