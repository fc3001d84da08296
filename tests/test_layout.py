"""The house a newcomer walks: stage packages, small modules, Whoosh's private names in one place."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEARCH = ROOT / "search"
MAX_LINES = 400
MAX_TOP_MODULES = 12
STAGES = {"extract", "index", "query", "engine", "features", "whooshext"}


def test_no_module_of_search_or_web_is_over_the_line_cap():
    long = {str(p.relative_to(ROOT)): n for d in ("search", "web") for p in (ROOT / d).rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long


def test_search_keeps_few_modules_at_its_top_and_its_stages_in_packages():
    top = sorted(p.name for p in SEARCH.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top
    packages = {p.parent.name for p in SEARCH.glob("*/__init__.py")}
    assert STAGES <= packages


def test_every_package_is_in_the_wheel_list_and_every_test_folder_mirrors_one():
    packages = {str(p.parent.relative_to(SEARCH)) for p in SEARCH.rglob("__init__.py")} - {"."}
    tests = {str(p.relative_to(ROOT / "tests" / "search")) for p in (ROOT / "tests" / "search").rglob("*")
             if p.is_dir() and p.name != "__pycache__"}
    assert tests <= packages, tests - packages


def test_docs_layout_names_every_module():
    layout = (ROOT / "docs" / "layout.md").read_text(encoding="utf-8")
    unnamed = [str(p.relative_to(ROOT)) for p in SEARCH.rglob("*.py")
               if p.name != "__init__.py" and f"`{p.relative_to(ROOT)}`" not in layout]
    assert not unnamed


def test_every_search_module_the_code_imports_exists():
    imported = re.compile(r"^\s*(?:from|import) (search(?:\.\w+)*)", re.M)
    gone = set()
    for d in ("search", "web", "bench", "evals", "ops", "tests"):
        for p in (ROOT / d).rglob("*.py"):
            for name in imported.findall(p.read_text(encoding="utf-8")):
                path = ROOT / name.replace(".", "/")
                if not (path.with_suffix(".py").exists() or (path / "__init__.py").exists()):
                    gone.add(f"{p.relative_to(ROOT)}: {name}")
    assert not gone


def test_packaging_finds_every_subpackage():
    # setuptools' find: takes the folders holding an __init__.py whose dotted names match
    # `include` (fnmatch); the venv of 3.12+ need not hold setuptools, so match them here.
    import configparser
    from fnmatch import fnmatchcase
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    assert config["options"]["packages"].strip() == "find:"
    include = [s.strip() for s in config["options.packages.find"]["include"].split(",")]
    every = {".".join(p.parent.relative_to(ROOT).parts) for p in ROOT.rglob("__init__.py")
             if not any(part.startswith(".") for part in p.relative_to(ROOT).parts)}
    found = {name for name in every if any(fnmatchcase(name, pattern) for pattern in include)}
    wanted = {name for name in every if name.split(".")[0] in ("search", "web")}
    assert found == wanted and {"search.extract.mail", "search.whooshext", "web"} <= found
