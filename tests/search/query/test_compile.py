"""Compiling a tree for a searcher: `thread:` asks the engine's thread resolver, never imports it."""
from __future__ import annotations

import pytest

from search import build_from_documents, current_build
from search.query.compile import Compiler, DocnumSet
from search.query.parse import parse
from tests.conftest import FIXTURE_DOCS


@pytest.fixture
def searcher(tmp_path):
    from whoosh import index as whoosh_index
    build_from_documents(tmp_path, FIXTURE_DOCS)
    ix = whoosh_index.open_dir(str(current_build(tmp_path)))
    with ix.searcher() as searcher:
        yield searcher
    ix.close()


def test_a_thread_is_the_documents_the_resolver_gives(searcher):
    asked = []
    compiler = Compiler(searcher, None, threads=lambda t: asked.append(t) or frozenset({0, 2}))
    query = compiler.compile(parse("thread:AbC").tree)
    assert isinstance(query, DocnumSet) and query.docnums == {0, 2}
    assert asked == ["abc"] and compiler.notes == []
    assert sorted(hit.docnum for hit in searcher.search(query, limit=None)) == [0, 2]


def test_without_a_resolver_a_thread_names_nothing_and_says_so(searcher):
    compiler = Compiler(searcher, None)
    query = compiler.compile(parse("thread:abc").tree)
    assert list(searcher.search(query, limit=None)) == []
    assert compiler.notes == ["thread:abc names no thread in the index"]


@pytest.mark.parametrize("typed", ['subject:"Re: Twisted web resources"',
                                   's:"[Twisted-web] Re: Fwd: Twisted web resources"',
                                   'title:"Twisted web resources"'])
def test_a_subject_line_pasted_with_its_markers_finds_its_mail(searcher, typed):
    # The index keeps the title without list tags and Re:/Fwd: (d4, "Twisted web resources").
    query = Compiler(searcher, None).compile(parse(typed).tree)
    assert [searcher.stored_fields(h.docnum)["id"] for h in searcher.search(query)] == ["d4"]


def test_the_query_stage_does_not_import_the_engine():
    import ast
    from pathlib import Path

    import search
    query_dir = Path(search.__file__).parent / "query"
    imports = []
    for path in query_dir.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        guarded = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                   and ast.unparse(node.test) == "TYPE_CHECKING" for n in ast.walk(node)}
        imports += [f"{path.name}: {node.module}" for node in ast.walk(tree)
                    if isinstance(node, ast.ImportFrom) and id(node) not in guarded
                    and (node.module or "").startswith("search.engine")]
    assert imports == []
