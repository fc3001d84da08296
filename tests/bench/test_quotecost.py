"""bench/quotecost.py: the bodies extraction hands to quote attribution, and their quotes."""
from __future__ import annotations

from pathlib import Path

from bench.quotecost import answers, collect_bodies, time_rounds

POST = ("From: a@b.example\nSubject: talks\nNewsgroups: sci.crypt\n\n"
        "{body}\n")


def test_bodies_extraction_attributes_and_their_quotes(tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "1").write_text(POST.format(body='"We will not give up," John Smith said.'),
                              encoding="utf-8")
    (folder / "2").write_text(POST.format(body="Nothing said here."), encoding="utf-8")
    (folder / ".hidden").write_text(POST.format(body="left out"), encoding="utf-8")
    bodies = collect_bodies(folder)
    assert len(bodies) == 2 and "John Smith" in bodies[0] and "left out" not in "".join(bodies)
    assert answers(bodies) == [[("John Smith", "We will not give up,", "said")], []]
    assert len(time_rounds(bodies, 2)) == 2
