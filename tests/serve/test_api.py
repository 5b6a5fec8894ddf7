"""The HTTP API through FastAPI's test client: answers, errors naming the field, limits, the token."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient
from serve_setup import TOKEN

from postsoviet.data.config import default_config
from postsoviet.serve.app import create_app
from postsoviet.serve.security import MAX_BODY

MERGER = {"levers": {"merger": 2028}}
SCENARIO = {
    "name": "posted",
    "description": "Belarus merged into Russia.",
    "start": "2026-12-01",
    "horizon": "2030-12-31",
    "shocks": [{"kind": "merge", "date": "2028-01-01", "absorbed": "BLR", "into": "RUS"}],
}


def _values(answer: dict, side: str) -> dict[str, float]:
    return {row["keys"]: row[side] for row in answer["rows"]}


def test_models_list_every_registered_model_with_its_quantities(client):
    names = [m["name"] for m in client.get("/api/v1/models").json()]
    assert "exposure" in names and "landscape" in names
    one = client.get("/api/v1/models/frontier").json()
    assert one["quantities"][0]["name"].startswith("frontier.")
    assert "borders" in one["reads"]


def test_an_unknown_model_is_a_404_naming_it(client):
    response = client.get("/api/v1/models/nope")
    assert response.status_code == 404
    assert "nope" in response.json()["detail"]


def test_the_world_on_a_day_and_as_known_on_a_day(client):
    on_day = client.get("/api/v1/world", params={"date": "2024-01-01"}).json()
    assert on_day["date"] == "2024-01-01"
    assert {row["iso3"] for row in on_day["summary"]} >= {"RUS", "UKR", "BLR"}
    vintage = client.get("/api/v1/world", params={"known_on": "2022-01-01"}).json()
    assert vintage["known_on"] == "2022-01-01" and "held_back" in vintage


def test_a_malformed_date_is_a_422_naming_the_argument(client):
    response = client.get("/api/v1/world", params={"date": "2024-13-01"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "date"]


def test_a_lever_moves_the_scenario_but_not_the_baseline(client):
    plain = client.post("/api/v1/views/frontier", json={}).json()
    merged = client.post("/api/v1/views/frontier", json=MERGER).json()
    assert _values(plain, "baseline") == _values(merged, "baseline")
    assert _values(plain, "scenario") == _values(plain, "baseline")
    assert _values(merged, "scenario") != _values(merged, "baseline")
    assert merged["scenario"]["name"] == "baseline-levers"


def test_the_cost_lever_becomes_the_scenario_parameter(client):
    answer = client.post("/api/v1/views/directions", json={"levers": {"cost.ukraine": 4}}).json()
    assert answer["scenario"]["parameters"] == {"next_direction.cost.ukraine": 4.0}
    net = {k: v for k, v in _values(answer, "scenario").items() if "ukraine" in k}
    base = {k: v for k, v in _values(answer, "baseline").items() if "ukraine" in k}
    assert net != base


def test_an_assumption_changes_the_model_it_belongs_to(client):
    name = "weight.exposure.nato_member"
    answer = client.post("/api/v1/views/exposure", json={"assumptions": {name: 0.0}}).json()
    assert _values(answer, "baseline") == _values(answer, "scenario")
    default = client.post("/api/v1/views/exposure", json={}).json()
    assert _values(answer, "baseline") != _values(default, "baseline")


def test_a_bad_lever_is_a_400_naming_the_field(client):
    unknown = client.post("/api/v1/views/frontier", json={"levers": {"nope": 1}})
    out_of_range = client.post("/api/v1/views/frontier", json={"levers": {"gas": -5}})
    assert unknown.status_code == out_of_range.status_code == 400
    assert "levers.nope" in unknown.json()["detail"]
    assert "levers.gas" in out_of_range.json()["detail"]
    half_year = client.post("/api/v1/views/frontier", json={"levers": {"merger": 2028.5}})
    assert "expected a year" in half_year.json()["detail"]


def test_a_body_of_the_wrong_shape_is_a_422_naming_the_field(client):
    response = client.post("/api/v1/views/frontier", json={"seed": -1, "extra": 1})
    fields = {tuple(error["loc"]) for error in response.json()["detail"]}
    assert response.status_code == 422
    assert fields == {("body", "seed"), ("body", "extra")}


def test_a_body_over_the_limit_is_refused_before_parsing(client):
    response = client.post(
        "/api/v1/scenarios/validate",
        content=b"x" * (MAX_BODY + 1),
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413


def test_a_posted_scenario_is_parsed_from_the_body_not_opened(client):
    response = client.post(
        "/api/v1/scenarios/validate", json={"scenario": {**SCENARIO, "name": "/etc/passwd.yaml"}}
    )
    assert response.json()["valid"] is False
    assert response.json()["problems"][0]["field"] == "name"


def test_validate_lists_every_problem_with_its_field(client):
    broken = {**SCENARIO, "shocks": [{"kind": "merge", "date": "2028-01-01", "absorbed": "BLR"}]}
    answer = client.post("/api/v1/scenarios/validate", json={"scenario": broken}).json()
    assert answer == {
        "valid": False,
        "problems": [{"field": "shocks[1].into", "message": "is missing from the merge shock"}],
    }
    assert client.post("/api/v1/scenarios/validate", json={"scenario": SCENARIO}).json()["valid"]


def test_scenarios_list_and_show(client):
    names = [s["name"] for s in client.get("/api/v1/scenarios").json()]
    assert names[0] == "baseline" and "essay-belarus" in names
    shown = client.get("/api/v1/scenarios/essay-belarus").json()
    assert shown["shocks"][-1]["kind"] == "merge"
    assert client.get("/api/v1/scenarios/nope").status_code == 404


def test_a_sampled_job_reports_progress_and_lands_in_the_run_store(client, app):
    submitted = client.post("/api/v1/jobs", json={**MERGER, "samples": 4, "seed": 3})
    assert submitted.status_code == 202
    job_id = submitted.json()["id"]
    deadline = time.monotonic() + 60
    state = client.get(f"/api/v1/jobs/{job_id}").json()
    while state["status"] in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.2)
        state = client.get(f"/api/v1/jobs/{job_id}").json()
    assert state["status"] == "complete", state
    assert state["done"] == state["total"] == 4
    result = client.get(f"/api/v1/jobs/{job_id}/result").json()
    assert result["run_id"] == state["run_id"] and result["seed"] == 3
    listed = [r["run_id"] for r in client.get("/api/v1/runs").json()]
    assert state["run_id"] in listed
    compared = client.get(f"/api/v1/runs/{state['run_id']}/compare/{state['run_id']}").json()
    assert compared["differs"] == {}
    source = result["sources"][0]
    assert source.startswith(str(app.state.context.store.parent))


def test_an_unknown_run_or_job_is_a_404(client):
    assert client.get("/api/v1/runs/0123456789ab").status_code == 404
    assert client.get("/api/v1/runs/../../etc").status_code == 404
    assert client.get("/api/v1/jobs/nope").status_code == 404


def test_forecasts_answer_posted_targets_or_say_why_not(client):
    targets = [
        {"id": "bad"},
        {
            "id": "border",
            "quantity": "frontier.length",
            "asked_on": "2022-01-01",
            "resolves_on": "2024-01-01",
        },
    ]
    answer = client.post("/api/v1/forecasts", json={"targets": targets, "draws": 50}).json()
    by_id = {f["id"]: f for f in answer["forecasts"]}
    assert by_id["bad"]["answered"] is False and "asked_on" in by_id["bad"]["reason"]
    assert set(by_id) == {"bad", "border"}


def test_with_a_token_every_api_call_must_carry_it(world, tmp_path):
    app = create_app(world, default_config(), tmp_path / "runs.duckdb", token=TOKEN)
    with TestClient(app) as client:
        assert client.get("/api/v1/health").status_code == 401
        wrong = client.get("/api/v1/health", headers={"Authorization": "Bearer wrong"})
        assert wrong.status_code == 401
        right = client.get("/api/v1/health", headers={"Authorization": f"Bearer {TOKEN}"})
        assert right.status_code == 200
        assert client.get("/").status_code == 200


def test_the_dashboard_and_plotly_are_served_from_the_package(client):
    page = client.get("/")
    assert "/static/plotly.min.js" in page.text and "http" not in page.text
    script = client.get("/static/plotly.min.js")
    assert script.status_code == 200 and len(script.content) > 1_000_000
    assert client.get("/static/..%2Fapp.py").status_code == 404
