# Graded coursework (otter-grader, no Docker). Included by the Makefile, which defines BIN and
# LAB_STAMP. Masters: notebooks/assignments/source/<name>/<name>.ipynb.
#   make assignments                  regenerate the student versions in notebooks/assignments/
#   make autograder                   build build/assignments/<name>/<name>-autograder.zip
#   make grade SUBMISSIONS=folder     grade every notebook in folder into $(OUT), a CSV of scores
#                                     (ASSIGNMENT=name if the folder mixes assignments), each
#                                     notebook run in a bubblewrap sandbox; TIMEOUT= seconds per
#                                     cell, SUBMISSION_TIMEOUT= per notebook, JOBS= at once;
#                                     UNCONFINED=1 runs them with your rights (trusted ones only)
#   make grading-examples             regenerate the example class in
#                                     notebooks/assignments/examples/ from the master
#   make gradebook ROSTER=roster.csv  the grades as a Canvas (FORMAT=canvas) or Moodle
#                                     (FORMAT=moodle) import file beside $(GRADES)

ASSIGNMENT_MASTERS := $(sort $(wildcard notebooks/assignments/source/*/*.ipynb))
ASSIGNMENT_NAMES := $(notdir $(basename $(ASSIGNMENT_MASTERS)))
AUTOGRADERS := $(foreach name,$(ASSIGNMENT_NAMES),build/assignments/$(name)/$(name)-autograder.zip)
OUT ?= build/grades.csv
GRADES ?= $(OUT)
FORMAT ?= canvas
TIMEOUT ?= 60
SUBMISSION_TIMEOUT ?= 300
JOBS ?= 1

.PHONY: assignments autograder grade grading-examples gradebook

assignments: $(LAB_STAMP)
	$(BIN)/python -m helpers.instructor.coursework assign

autograder: $(AUTOGRADERS)

# Each autograder is rebuilt when its master changes; the build fails unless the master's
# solutions pass every test.
build/assignments/%-autograder.zip: notebooks/assignments/source/%.ipynb | $(LAB_STAMP)
	$(BIN)/python -m helpers.instructor.coursework autograder $(notdir $*)

grade: autograder
	@test -n "$(SUBMISSIONS)" || { echo "usage: make grade SUBMISSIONS=folder [ASSIGNMENT=name] [OUT=$(OUT)]"; exit 2; }
	$(BIN)/python -m helpers.instructor.coursework grade "$(SUBMISSIONS)" --out "$(OUT)" \
		--timeout "$(TIMEOUT)" --submission-timeout "$(SUBMISSION_TIMEOUT)" --jobs "$(JOBS)" \
		$(if $(ASSIGNMENT),--assignment "$(ASSIGNMENT)") $(if $(filter 1 yes true,$(UNCONFINED)),--unconfined)

grading-examples: $(LAB_STAMP)
	$(BIN)/python -m helpers.instructor.grading_examples

# The grades CSV as a platform's grade import, one row per student of ROSTER (see INSTRUCTORS.md):
# TITLE= the assignment's name, CANVAS_ID= its Canvas id, MOODLE_ID= the roster column Moodle
# matches on (default email), PARTIAL=1 to export before every written answer is marked.
gradebook: $(LAB_STAMP)
	@test -n "$(ROSTER)" || { echo "usage: make gradebook ROSTER=roster.csv [GRADES=$(GRADES)] [FORMAT=canvas|moodle] [TITLE=name] [CANVAS_ID=id] [MOODLE_ID=email] [PARTIAL=1]"; exit 2; }
	$(BIN)/python -m helpers.instructor.gradebook "$(GRADES)" --roster "$(ROSTER)" --format $(FORMAT) $(if $(TITLE),--title "$(TITLE)") $(if $(CANVAS_ID),--canvas-id "$(CANVAS_ID)") $(if $(MOODLE_ID),--moodle-id "$(MOODLE_ID)") $(if $(PARTIAL),--partial)
