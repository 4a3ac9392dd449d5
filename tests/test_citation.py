"""CITATION.cff tells how to cite the course, and agrees with the package it describes."""

import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_citation_file_is_valid_cff_with_the_package_version_and_licence():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert citation["cff-version"] == "1.2.0"
    assert citation["version"] == project["version"]
    assert citation["license"] == project["license"]
    assert citation["title"] and citation["authors"] and citation["message"]


def test_citation_credits_the_fakes_dataset_by_its_doi():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    dois = {ref.get("doi") for ref in citation["references"]}
    readme = (ROOT / "data" / "fa-kes" / "README.md").read_text(encoding="utf-8")
    assert "10.5281/zenodo.2607278" in dois
    assert "10.5281/zenodo.2607278" in readme
