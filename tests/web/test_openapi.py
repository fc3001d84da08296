"""/openapi.json: a well-formed OpenAPI 3 document that real answers conform to."""
from __future__ import annotations

import pytest

TYPES = {"string": str, "integer": int, "number": (int, float), "boolean": bool,
         "array": list, "object": dict}


def conforms(schema: dict, value, path: str = "$") -> None:
    """Check a value against the subset of JSON Schema the document uses."""
    if value is None:
        assert schema.get("nullable"), f"{path} is null but not nullable"
        return
    kind = schema.get("type")
    if kind:
        assert isinstance(value, TYPES[kind]) and not (kind == "integer" and
                                                       isinstance(value, bool)), path
    if "enum" in schema:
        assert value in schema["enum"], path
    if kind == "object":
        for key in schema.get("required", []):
            assert key in value, f"{path}.{key} is required"
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key, item in value.items():
            if key in props:
                conforms(props[key], item, f"{path}.{key}")
            elif isinstance(extra, dict):
                conforms(extra, item, f"{path}.{key}")
    if kind == "array":
        for n, item in enumerate(value):
            conforms(schema["items"], item, f"{path}[{n}]")


@pytest.fixture
def spec(client) -> dict:
    res = client.get("/openapi.json")
    assert res.status_code == 200 and res.mimetype == "application/json"
    return res.get_json()


def response_schema(spec: dict, path: str, status: str) -> dict:
    answer = spec["paths"][path]["get"]["responses"][status]
    return answer["content"]["application/json"]["schema"]


def test_document_is_openapi_3(spec):
    assert spec["openapi"].startswith("3.")
    assert spec["info"]["title"] == "archive-search"
    assert set(spec["paths"]) == {"/search", "/doc/{doc_id}.json", "/thread/{thread}.json",
                                  "/quotes.json", "/healthz"}
    params = {p["name"] for p in spec["paths"]["/search"]["get"]["parameters"]}
    assert params == {"q", "outlet", "speaker", "from", "to", "sort", "page", "per_page",
                      "collapse", "explain", "thread", "group"}


@pytest.mark.parametrize("url", ["/search?q=ceasefire", "/search?q=cairo&sort=-date",
                                 "/search?q=ceasefre", "/search?q=said+OR+stocks&per_page=1"])
def test_search_answers_conform(client, spec, url):
    data = client.get(url).get_json()
    conforms(response_schema(spec, "/search", "200"), data)
    # Every key of the answer is described, so the document cannot fall behind.
    described = response_schema(spec, "/search", "200")["properties"]
    assert set(data) == set(described)
    hit_props = described["hits"]["items"]["properties"]
    assert all(set(h) == set(hit_props) - {"explain", "thread_size"} for h in data["hits"])


@pytest.mark.parametrize("url, status", [("/search?q=foo:bar+OR+x", "400"),
                                          ("/search?q=%22open+OR+shut", "400")])
def test_error_answers_conform(client, spec, url, status):
    res = client.get(url)
    assert str(res.status_code) == status
    conforms(response_schema(spec, "/search", status), res.get_json())


def test_document_answer_conforms(client, spec):
    conforms(response_schema(spec, "/doc/{doc_id}.json", "200"),
             client.get("/doc/a1.json").get_json())


def test_validator_can_fail():
    with pytest.raises(AssertionError):
        conforms({"type": "object", "required": ["x"]}, {})
    with pytest.raises(AssertionError):
        conforms({"type": "integer"}, None)
