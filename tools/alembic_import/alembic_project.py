"""An Alembic project read the way Alembic reads it: alembic.ini's
script_location (with %(here)s) and version_locations through
alembic.config.Config, the revision modules through ScriptDirectory, each
revision's header from the module's attributes and docstring.
"""

import datetime
import os
import traceback

from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.util import CommandError


class BadProject(Exception):
    """The project cannot be read: file and line when one is to blame."""

    def __init__(self, message, file=None, line=None):
        super().__init__(message)
        self.message, self.file, self.line = message, file, line


def open_project(path):
    """The ScriptDirectory of an alembic.ini or a script folder. Alembic
    takes a relative script_location from the current folder: it is run
    from the folder of alembic.ini, so the import is too."""
    path = os.path.abspath(path)
    if os.path.isdir(path):
        if not os.path.isdir(os.path.join(path, "versions")):
            raise BadProject(f"{path} is not an Alembic script folder: it has no versions/")
        return ScriptDirectory(path)
    if not os.path.isfile(path):
        raise BadProject(f"no such file: {path} (give an alembic.ini or a script folder)")
    os.chdir(os.path.dirname(path))
    config = Config(path)
    try:
        return ScriptDirectory.from_config(config)
    except CommandError as error:
        raise BadProject(f"{path}: {error}") from error


def _blame(error, folders):
    """(file, line) of the revision module an import error comes from."""
    if isinstance(error, SyntaxError) and error.filename:
        return error.filename, error.lineno
    inside = [os.path.realpath(f) for f in folders]
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        real = os.path.realpath(frame.filename)
        if any(real.startswith(folder + os.sep) for folder in inside):
            return frame.filename, frame.lineno
    return None, None


def load_scripts(script_dir):
    """Every revision module, in file order. Raises BadProject naming file and
    line when one does not import, and when two share a revision id."""
    folders = script_dir._version_locations
    scripts, seen = [], {}
    try:
        for script in script_dir._load_revisions():
            if script.revision in seen:
                raise BadProject(
                    f"revision {script.revision} is defined twice: in {seen[script.revision]} "
                    f"and in {script.path}", script.path)
            seen[script.revision] = script.path
            scripts.append(script)
    except BadProject:
        raise
    except Exception as error:
        file, line = _blame(error, folders)
        raise BadProject(f"{type(error).__name__}: {error}", file, line) from error
    try:
        # Alembic's own checks of the graph: unknown down revisions, cycles.
        script_dir.revision_map.get_revisions("heads")
    except Exception as error:
        raise BadProject(f"the revision graph: {error}") from error
    return scripts


def _ids(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _create_date(script):
    for line in script.longdoc.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "Create Date" and value.strip():
            return value.strip()
    # No date in the docstring: the file's own time stands for it.
    stamp = os.path.getmtime(script.path)
    return datetime.datetime.utcfromtimestamp(stamp).strftime("%Y-%m-%d %H:%M:%S")


def header(script):
    """The revision's graph fields and header, as its module declares them
    (branch_labels and depends_on in the order written)."""
    module = script.module
    return {
        "revision": script.revision,
        "down_revision": _ids(getattr(module, "down_revision", None)),
        "branch_labels": _ids(getattr(module, "branch_labels", None)),
        "depends_on": _ids(getattr(module, "depends_on", None)),
        "message": script.doc,
        "create_date": _create_date(script),
        "path": script.path,
        "stem": os.path.splitext(os.path.basename(script.path))[0],
    }
