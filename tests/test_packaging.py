"""What a wheel ships: every package folder, the voice profiles, and only the dependencies the code uses."""

from __future__ import annotations

import ast
import tomllib

from conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_folder_is_listed_for_the_wheel() -> None:
    folders = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "audio_article").rglob("__init__.py")
    }
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    assert folders - listed == set(), "add these packages to [tool.setuptools] packages in pyproject.toml"


def test_the_voice_profiles_ship_inside_the_package() -> None:
    setuptools = PYPROJECT["tool"]["setuptools"]
    assert setuptools["package-dir"]["audio_article.voices"] == "voices"
    assert "*.toml" in setuptools["package-data"]["audio_article.voices"]
    assert (ROOT / "voices" / "default.toml").is_file()


def _imported_top_level_modules() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "audio_article").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
    return found


def test_scipy_is_not_a_runtime_dependency_since_nothing_imports_it() -> None:
    assert "scipy" not in _imported_top_level_modules()
    runtime = " ".join(PYPROJECT["project"]["dependencies"])
    assert "scipy" not in runtime
    assert any(dep.startswith("scipy") for dep in PYPROJECT["project"]["optional-dependencies"]["test"])


def test_lxml_html_clean_is_declared_for_the_html_reader() -> None:
    assert any(dep.startswith("lxml_html_clean") for dep in PYPROJECT["project"]["dependencies"])
