"""The examples in docstrings are run (networkx's habit): they document and are checked."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["queries.collaboration", "loaders.numerals", "viz.pyvis_export"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
