"""The package's public face: stable names, loaded lazily."""

import subprocess
import sys

import pytest

import helpers


def test_public_names_are_the_stable_face_and_each_resolves():
    assert set(helpers.__all__) >= {
        "load_corpus",
        "segment",
        "find_mentions",
        "reliability_signals",
        "voices",
    }
    for name in helpers.__all__:
        assert getattr(helpers, name).__name__ == name


def test_importing_a_leaf_module_does_not_load_pandas_or_the_matcher():
    code = (
        "import sys, helpers, helpers.paths\n"
        "print(sorted(m for m in ('pandas', 'numpy', 'ahocorasick') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_thing"):
        helpers.no_such_thing  # noqa: B018
