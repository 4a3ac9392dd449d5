"""The instructor's tools, kept apart from what the lessons import.

- ``course``: course navigation — the header and footer cells of every lesson and the Binder
  and nbgitpuller launch links, generated from ``notebooks/course.toml``
  (``python -m helpers.instructor.course``).
- ``coursework``: the graded coursework — builds the student and autograder versions of each
  assignment with otter-grader and grades a folder of submissions
  (``python -m helpers.instructor.coursework assign|autograder|grade``).
- ``grading``: grades one submission in two phases: its notebook runs confined, the hidden tests
  score its answers apart; ``sandbox``: the bubblewrap sandbox and its limits;
  ``submission_run``: what runs inside it; ``grading_examples``: the example class for
  ``make grade`` (``python -m helpers.instructor.grading_examples``).
- ``classroom``: pools a class's rating files into one table, with agreement between raters.
- ``class_report``: the class report an instructor reads after a lesson
  (``python -m helpers.instructor.class_report FOLDER --out report.html``).
- ``gradebook``: the grades CSV as a Canvas gradebook or a Moodle grade import, one row per
  student of a roster (``python -m helpers.instructor.gradebook GRADES --roster ROSTER``).
- ``site``: the course website, every lesson with its stored outputs, built offline with Sphinx
  (``make site``); its launch links come from ``course``'s ``[course]`` settings.

Nothing here is imported by a lesson notebook; students never need these modules.
"""

__all__ = [
    "class_report",
    "classroom",
    "course",
    "coursework",
    "gradebook",
    "grading",
    "grading_examples",
    "sandbox",
    "site",
    "submission_run",
]
