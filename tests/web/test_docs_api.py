"""The examples of docs/api.md, run against the fixture index: the doc cannot drift."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
EXAMPLE = re.compile(r"```http\nGET (?P<url>[^\n]+)\n```\s*```json\n(?P<json>.*?)\n```", re.S)
# Numbers that change from run to run: only their type is checked.
VOLATILE = {"score", "timing", "took_ms"}


def examples() -> list[tuple[str, object]]:
    found = [(m["url"], json.loads(m["json"])) for m in EXAMPLE.finditer(DOC.read_text())]
    assert len(found) >= 8, "docs/api.md lost its examples"
    return found


def assert_subset(expected, actual, path: str = "") -> None:
    """Check that every key and value of `expected` is in `actual` (lists element by element)."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), path
        for key, value in expected.items():
            assert key in actual, f"{path}.{key} missing"
            if key in VOLATILE:
                assert value is None or type(actual[key]) in (type(value), int, float, dict), key
                assert (value is None) == (actual[key] is None), f"{path}.{key}"
                continue
            assert_subset(value, actual[key], f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), \
            f"{path}: {actual!r} != {expected!r}"
        for n, (e, a) in enumerate(zip(expected, actual)):
            assert_subset(e, a, f"{path}[{n}]")
    else:
        assert actual == expected, f"{path}: {actual!r} != {expected!r}"


@pytest.mark.parametrize("url, expected", examples(), ids=[u for u, _ in examples()])
def test_documented_example_holds(client, url, expected):
    parts = urlsplit(url)
    res = client.get(parts.path, query_string=urlencode(parse_qsl(parts.query)))
    assert res.mimetype == "application/json"
    assert res.status_code == (400 if "error" in expected else 200)
    assert_subset(expected, res.get_json())


def test_subset_check_can_fail():
    with pytest.raises(AssertionError):
        assert_subset({"hits": [{"id": "a1"}]}, {"hits": [{"id": "b2"}]})
    with pytest.raises(AssertionError):
        assert_subset({"total": 1}, {"total": 2})
