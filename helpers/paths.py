"""Where the course's folders are, from any working directory.

The package may be installed in editable mode (``make lab``) or copied into site-packages
(Binder runs ``pip install .``), and notebooks run with their own folder as working directory.
So the course root is found by looking, in order, at ``$COURSE_HOME``, the folders above this
file, and the folders above the working directory, for one that holds ``seeds/`` and
``data/sources.csv``.

Student work (annotations, exports) goes to ``$COURSE_WORK_DIR`` if set, else ``work/`` in the
course root; nothing the course runs ever writes into ``seeds/``, ``data/`` or ``notebooks/``.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "course_root",
    "data_dir",
    "HOME_VARIABLE",
    "seeds_dir",
    "work_dir",
    "WORK_DIR_VARIABLE",
]

WORK_DIR_VARIABLE = "COURSE_WORK_DIR"
HOME_VARIABLE = "COURSE_HOME"


def _is_course_root(folder: Path) -> bool:
    return (folder / "seeds").is_dir() and (folder / "data" / "sources.csv").is_file()


def course_root() -> Path:
    """The folder that holds ``seeds/``, ``data/`` and ``notebooks/``.

    >>> (course_root() / "seeds").is_dir()
    True
    """
    candidates: list[Path] = []
    if os.environ.get(HOME_VARIABLE):
        candidates.append(Path(os.environ[HOME_VARIABLE]).expanduser())
    here = Path(__file__).resolve()
    candidates.extend(here.parents)
    cwd = Path.cwd().resolve()
    candidates.extend([cwd, *cwd.parents])
    for folder in candidates:
        if _is_course_root(folder):
            return folder
    raise FileNotFoundError(
        "Cannot find the course folder (one holding seeds/ and data/sources.csv) above "
        f"{here.parent} or {cwd}. Run from inside the course, or set ${HOME_VARIABLE} to it."
    )


def seeds_dir() -> Path:
    """The folder of the five raw seed documents.

    >>> sorted(p.name for p in seeds_dir().glob("*.txt"))[0]
    '000_2475a0d244993fd8.txt'
    """
    return course_root() / "seeds"


def data_dir() -> Path:
    """The folder of curated tables (``sources.csv`` and friends).

    >>> (data_dir() / "sources.csv").is_file()
    True
    """
    return course_root() / "data"


def work_dir(create: bool = True) -> Path:
    """Where student work is saved: ``$COURSE_WORK_DIR``, else ``work/`` in the course root.

    >>> work_dir(create=False).is_absolute() or WORK_DIR_VARIABLE in os.environ
    True
    """
    if os.environ.get(WORK_DIR_VARIABLE):
        folder = Path(os.environ[WORK_DIR_VARIABLE]).expanduser()
    else:
        folder = course_root() / "work"
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return folder
