"""The host's speed workload: fixed work, the same result every time, reported before and after."""
from __future__ import annotations

from bench.hostspeed import calibrate, sample_text, workload
from bench.report import host_line


def test_the_workload_is_the_same_work_every_time() -> None:
    text = sample_text()
    assert text == sample_text()
    assert sample_text(seed=8) != text
    assert workload(text) == workload(sample_text())
    assert workload(text) != workload(sample_text(seed=8))


def test_calibrate_gives_cpu_and_wall_medians_within_their_spread() -> None:
    timed = calibrate(rounds=3)
    low, high = timed["spread"]
    assert 0 < low <= timed["cpu_ms"] <= high
    assert timed["wall_ms"] > 0 and timed["all_cores_ms"] > 0
    assert timed["checksum"] == workload(sample_text())


def test_report_line_names_both_timings_and_none_without_them() -> None:
    before = {"cpu_ms": 66.8, "wall_ms": 70.2}
    after = {"cpu_ms": 80.1, "wall_ms": 95.0}
    line = host_line({"host_before": before, "host_after": after})[0]
    assert "67 ms of CPU (70 ms wall) before and 80 ms of CPU (95 ms wall) after" in line
    assert host_line({}) == []
    assert " after " not in host_line({"host_before": before})[0]
