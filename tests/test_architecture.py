"""The layers of docs/architecture.md hold: no import goes up a layer or sideways into another
part of the same layer, no module imports another part's private names, and no SQL on the
corpus tables is written outside fazhi/corpus.

Read from the source with `ast` (every import, also those inside functions), so the test needs
nothing installed and fails on the line that breaks the rule.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "fazhi"

# Lowest first. A module may import its own part and the parts of lower layers, nothing else.
# Keep in step with docs/architecture.md.
LAYERS: list[list[str]] = [
    ["data", "settings", "rates", "__version__"],
    ["record", "install"],
    ["checks.registry"],  # the checks' declarations (checks.toml): imported by the corpus's cross-checks too
    ["understand"],
    ["read", "corpus"],
    ["checks", "export", "crawl", "dataset"],
    ["scoring"],  # its codebook export writes cells the way export/frames.py does
    ["pipeline"],
    ["fazhi"],  # the package's own functions: fazhi.analyze, analyze_text ...
    ["draft", "batch"],
    ["web"],
    ["cli"],
    ["__main__"],
]
LAYER_OF = {part: i for i, parts in enumerate(LAYERS) for part in parts}

# The corpus's tables (fazhi/corpus/schema.py): only fazhi/corpus writes SQL on them.
CORPUS_TABLES = ("records", "documents", "figures", "findings", "sections", "contents", "inputs", "units",
                 "decisions", "passages", "clause_keys", "panel_cache", "corpus_state", "review_state",
                 "review_log", "notes", "schema_info")
CORPUS_SQL = re.compile(r"\b(?:FROM|JOIN|INTO|UPDATE)\s+(?:" + "|".join(CORPUS_TABLES) + r")\b")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _is_module(dotted: str) -> bool:
    p = PACKAGE.parent.joinpath(*dotted.split("."))
    return p.with_suffix(".py").is_file() or (p / "__init__.py").is_file()


def part_of(module: str) -> str:
    """The part a module belongs to: fazhi.<part>, with the checks' declarations apart."""
    bits = module.split(".")
    if len(bits) == 1:
        return "fazhi"
    if bits[1:3] == ["checks", "registry"]:
        return "checks.registry"
    return bits[1]


def imports(path: Path, module: str | None = None) -> list[tuple[int, str, str]]:
    """(line, imported module, imported name or '') of every fazhi import in a file (of `module`,
    by default the module the path names)."""
    module = module or _module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name, "") for a in node.names if a.name.split(".")[0] == "fazhi"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "fazhi":
                continue
            for a in node.names:
                sub = f"{target}.{a.name}"
                if _is_module(sub):
                    out.append((node.lineno, sub, ""))
                elif target == "fazhi" and a.name == "__version__":
                    out.append((node.lineno, "fazhi.__version__", ""))
                else:
                    out.append((node.lineno, target, a.name))
    return out


def _target_part(target: str) -> str:
    return "__version__" if target == "fazhi.__version__" else part_of(target)


SOURCES = sorted(PACKAGE.rglob("*.py"))


def upward_imports(path: Path, module: str | None = None) -> list[str]:
    me = part_of(module or _module_name(path))
    wrong = []
    for line, target, _name in imports(path, module):
        other = _target_part(target)
        if other != me and LAYER_OF.get(other, -1) >= LAYER_OF[me]:
            wrong.append(f"line {line}: {me} (layer {LAYER_OF[me]}) imports {target} ({other}, layer {LAYER_OF[other]})")
    return wrong


def private_imports(path: Path, module: str | None = None) -> list[str]:
    me = part_of(module or _module_name(path))
    return [f"line {line}: from {target} import {name}" for line, target, name in imports(path, module)
            if name.startswith("_") and not name.startswith("__") and _target_part(target) != me]


def corpus_sql(path: Path) -> list[str]:
    wrong = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and CORPUS_SQL.search(node.value):
            wrong.append(f"line {node.lineno}: {node.value.strip()[:80]}")
    return wrong


def test_every_part_has_a_layer() -> None:
    parts = {part_of(_module_name(p)) for p in SOURCES}
    assert parts <= set(LAYER_OF), f"parts without a layer in LAYERS: {sorted(parts - set(LAYER_OF))}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE.parent)))
def test_imports_go_down_the_layers(path: Path) -> None:
    wrong = upward_imports(path)
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE.parent)))
def test_no_private_names_of_another_part(path: Path) -> None:
    wrong = private_imports(path)
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", [p for p in SOURCES if part_of(_module_name(p)) != "corpus"],
                         ids=lambda p: str(p.relative_to(PACKAGE.parent)))
def test_no_sql_on_the_corpus_outside_fazhi_corpus(path: Path) -> None:
    """The web pages, exports and commands ask the corpus's named queries instead."""
    wrong = corpus_sql(path)
    assert not wrong, "\n".join(wrong)


def test_the_rules_catch_what_they_forbid(tmp_path: Path) -> None:
    """The checks are not vacuous: a reader importing the crawler, a private name of the corpus
    and SQL on a corpus table are each seen, on the line where they are."""
    probe = tmp_path / "probe.py"
    probe.write_text("import json\nfrom ..crawl import crawl\nfrom ..corpus.queries import _FILTERS\n"
                     "from .html import _config\nQ = 'SELECT count(*) FROM records'\n", "utf-8")
    module = "fazhi.read.probe"
    assert upward_imports(probe, module) == ["line 2: read (layer 4) imports fazhi.crawl (crawl, layer 5)",
                                             "line 3: read (layer 4) imports fazhi.corpus.queries (corpus, layer 4)"]
    assert private_imports(probe, module) == ["line 3: from fazhi.corpus.queries import _FILTERS"]
    assert corpus_sql(probe) == ["line 5: SELECT count(*) FROM records"]
    assert upward_imports(probe, "fazhi.cli.probe") == []  # the CLI may use every layer below it
