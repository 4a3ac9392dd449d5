# The two commands: `make lab` (learn) and `make test` (check everything). Both create .venv
# and install the exact pins on first use; later runs reuse it until a requirements file changes.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
LAB_STAMP := $(VENV)/.installed-lab
DEV_STAMP := $(VENV)/.installed-dev
LESSONS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
export PYTHONHASHSEED := 0

.PHONY: lab test outputs nav lint clean help class-report

help:
	@echo "make lab      open the course in JupyterLab (installs on first use)"
	@echo "make test     run every test: unit, property, bad input, notebooks, Binder config"
	@echo "make outputs  re-run the lesson notebooks so their stored outputs are regenerated"
	@echo "make nav      regenerate header cards, recaps and navigation from notebooks/course.toml"
	@echo "make lint     ruff"
	@echo "make assignments               regenerate the student versions of the graded assignments"
	@echo "make grade SUBMISSIONS=folder  grade every submitted notebook into build/grades.csv"
	@echo "                               (each in a sandbox; TIMEOUT=60 s per cell by default)"
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

include coursework.mk

# JupyterLab refuses to run as root unless told; containers and some lab machines run as root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(LAB_STAMP)
	$(BIN)/jupyter lab $(ALLOW_ROOT) --LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb


test: $(DEV_STAMP)
	$(BIN)/ruff check --quiet helpers tests notebooks/checks benchmarks
	# Lessons and tests save student work into a fresh folder, never into the repository's work/.
	COURSE_WORK_DIR=$$(mktemp -d) $(BIN)/python -m pytest -n 2 --dist loadfile --doctest-modules \
		--nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
		helpers tests $(LESSONS)

outputs: $(LAB_STAMP)
	$(BIN)/python -m helpers.instructor.course
	COURSE_WORK_DIR=$$(mktemp -d) $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.store_widget_state=False --ExecutePreprocessor.record_timing=False \
		$(LESSONS)
	$(BIN)/python -m helpers.instructor.course --tidy $(LESSONS)

nav: $(LAB_STAMP)
	$(BIN)/python -m helpers.instructor.course

class-report: $(LAB_STAMP)
	@test -n "$(CLASS)" || { echo "usage: make class-report CLASS=folder [REPORT=class_report.html]"; exit 2; }
	$(BIN)/python -m helpers.instructor.class_report "$(CLASS)" --out "$(or $(REPORT),class_report.html)"

lint: $(DEV_STAMP)
	$(BIN)/ruff check helpers tests notebooks/checks benchmarks
	$(BIN)/ruff format --check helpers tests notebooks/checks benchmarks

clean:
	rm -rf $(VENV) build
