# The two commands: `make lab` (learn) and `make test` (check everything). Both create .venv
# and install the exact pins on first use; later runs reuse it until a requirements file changes.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
LAB_STAMP := $(VENV)/.installed-lab
DEV_STAMP := $(VENV)/.installed-dev
LESSONS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
export PYTHONHASHSEED := 0

.PHONY: lab test test-hub outputs nav site lint clean help class-report

help:
	@echo "make lab      open the course in JupyterLab (installs on first use)"
	@echo "make test     run every test: unit, property, bad input, notebooks, Binder config"
	@echo "make test-hub a class of twenty on a local JupyterHub (about two minutes; apart from make test)"
	@echo "make outputs  re-run the lesson notebooks so their stored outputs are regenerated"
	@echo "make nav      regenerate header cards, recaps, navigation and launch links from notebooks/course.toml"
	@echo "make site     build the course website into build/site from the lessons' stored outputs"
	@echo "make lint     ruff"
	@echo "make assignments               regenerate the student versions of the graded assignments"
	@echo "make grade SUBMISSIONS=folder  grade every submitted notebook into build/grades.csv"
	@echo "                               (each in a sandbox; TIMEOUT=60 s per cell by default)"
	@echo "make gradebook ROSTER=file     the grades as a Canvas or Moodle import (FORMAT=canvas|moodle)"
	@echo "make class-report CLASS=folder pool a class's rating files into class_report.html"

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; v = sys.version_info[:2]; sys.exit(0 if v == (3, 11) else "This course needs Python 3.11; found %d.%d. Run: make PYTHON=/path/to/python3.11" % v)'
	$(PYTHON) -m venv $(VENV)

$(LAB_STAMP): requirements.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

$(DEV_STAMP): requirements-dev.txt $(LAB_STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# axe-core, from the npm registry, audits the website's accessibility in tests/test_site.py.
AXE_CORE_VERSION := 4.14.1
AXE := .node/node_modules/axe-core/axe.min.js

$(AXE):
	@if command -v npm >/dev/null 2>&1; then \
		npm install --prefix .node --save-exact --no-audit --no-fund --loglevel=error axe-core@$(AXE_CORE_VERSION); \
	else echo "npm not found: the website's accessibility test will be skipped (apt-get install npm)"; fi

include coursework.mk

# JupyterLab refuses to run as root unless told; containers and some lab machines run as root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(LAB_STAMP)
	$(BIN)/jupyter lab $(ALLOW_ROOT) --LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb


test: $(DEV_STAMP) $(AXE)
	$(BIN)/ruff check --quiet helpers tests notebooks/checks benchmarks
	# Lessons and tests save student work into a fresh folder, never into the repository's work/.
	COURSE_WORK_DIR=$$(mktemp -d) $(BIN)/python -m pytest -n 2 --dist loadfile --doctest-modules \
		--nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
		-m "not hub" helpers tests $(LESSONS)

# A class of twenty on a local JupyterHub (about two minutes on two cores), run on its own.
test-hub: $(DEV_STAMP)
	COURSE_WORK_DIR=$$(mktemp -d) $(BIN)/python -m pytest -m hub tests/test_jupyterhub_class.py

outputs: $(LAB_STAMP)
	$(BIN)/python -m helpers.instructor.course
	COURSE_WORK_DIR=$$(mktemp -d) $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.store_widget_state=False --ExecutePreprocessor.record_timing=False \
		$(LESSONS)
	$(BIN)/python -m helpers.instructor.course --tidy $(LESSONS)

nav: $(LAB_STAMP)
	$(BIN)/python -m helpers.instructor.course

site: $(DEV_STAMP)
	$(BIN)/python -m helpers.instructor.site

class-report: $(LAB_STAMP)
	@test -n "$(CLASS)" || { echo "usage: make class-report CLASS=folder [REPORT=class_report.html] [POOLED=pooled.csv]"; exit 2; }
	$(BIN)/python -m helpers.instructor.class_report "$(CLASS)" --out "$(or $(REPORT),class_report.html)" $(if $(POOLED),--pooled-csv "$(POOLED)")

lint: $(DEV_STAMP)
	$(BIN)/ruff check helpers tests notebooks/checks benchmarks
	$(BIN)/ruff format --check helpers tests notebooks/checks benchmarks

clean:
	rm -rf $(VENV) build .node
