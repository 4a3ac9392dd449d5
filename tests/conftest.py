"""Shared fixtures: the course root and a scratch work folder so tests never write into the repo."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

from helpers.paths import course_root

# Property tests keep no example database and cache elsewhere: tests write nothing into the repo.
os.environ.setdefault(
    "HYPOTHESIS_STORAGE_DIRECTORY", str(Path(tempfile.gettempdir()) / "hypothesis")
)
settings.register_profile("course", database=None)
settings.load_profile("course")


@pytest.fixture(scope="session")
def root():
    return course_root()


@pytest.fixture(autouse=True)
def _work_dir_in_tmp(tmp_path, monkeypatch):
    """Student work written during a test lands in a temporary folder, never in the repo."""
    monkeypatch.setenv("COURSE_WORK_DIR", str(tmp_path / "work"))
