"""Running a revision's upgrade() or downgrade() without a database.

record(): the `op` the function sees is Alembic's own Operations, except
that each operation object is kept instead of being carried out, so what
the function asks for is known exactly, as data. Asking for the connection
or the migration context means the function decides something in Python
(a dialect test, a query): it cannot be recorded as portable steps.

capture(): Alembic's offline mode (`alembic upgrade --sql`): a
MigrationContext in as_sql mode for one dialect, whose output is the SQL.
Here op.get_bind() answers only `.dialect`; anything else on it is reading
the database, which no offline capture can do.
"""

import contextlib
import io

from alembic.operations import Operations, ops
from alembic.operations.batch import BatchOperationsImpl
from alembic.runtime.migration import MigrationContext

from portable_columns import NotPortable


class ReadsDatabase(Exception):
    """The revision asks the database something while it runs."""


class NotReversible(Exception):
    """downgrade() raised NotImplementedError: the revision is one-way."""


@contextlib.contextmanager
def _patched(owner, name, replacement):
    original = getattr(owner, name)
    setattr(owner, name, replacement)
    try:
        yield original
    finally:
        setattr(owner, name, original)


def _call(fn):
    try:
        fn()
    except NotImplementedError as error:
        raise NotReversible(str(error) or "NotImplementedError") from error


def record(fn):
    """The operation objects fn() invokes, in order. Raises NotPortable when
    fn() consults the connection or the context, or fails."""
    context = MigrationContext.configure(
        dialect_name="postgresql", opts={"as_sql": True, "output_buffer": io.StringIO()})
    recorded = []

    def invoke(self, operation):
        recorded.append(operation)
        # create_table returns the Table (revisions pass it to bulk_insert).
        if isinstance(operation, ops.CreateTableOp):
            operation.recorded_table = operation.to_table(self.migration_context)
            return operation.recorded_table
        return None

    def refuse(what):
        def method(self, *args, **kw):
            raise NotPortable(f"it calls op.{what}()")
        return method

    with contextlib.ExitStack() as stack:
        stack.enter_context(_patched(Operations, "invoke", invoke))
        stack.enter_context(_patched(Operations, "get_bind", refuse("get_bind")))
        stack.enter_context(_patched(Operations, "get_context", refuse("get_context")))
        # A batch's operations were recorded one by one; there is nothing to flush.
        stack.enter_context(_patched(BatchOperationsImpl, "flush", lambda self: None))
        stack.enter_context(Operations.context(context))
        try:
            _call(fn)
        except (NotPortable, NotReversible):
            raise
        except Exception as error:
            raise NotPortable(f"running it without a database failed: "
                              f"{type(error).__name__}: {error}") from error
    return recorded


class _OfflineBind:
    """What op.get_bind() returns offline: the dialect, and nothing that
    would need a connection."""

    def __init__(self, dialect):
        self.dialect = dialect

    def __getattr__(self, name):
        raise ReadsDatabase(f"it uses op.get_bind().{name}")


def capture(fn, dialect):
    """(sql, autocommit): the SQL fn() emits in Alembic's offline mode on
    `dialect`, and whether it used autocommit_block(). Raises ReadsDatabase,
    NotReversible, or what fn() raised."""
    buffer = io.StringIO()
    context = MigrationContext.configure(
        dialect_name=dialect, opts={"as_sql": True, "output_buffer": buffer})
    state = {"autocommit": False, "bind": False}

    @contextlib.contextmanager
    def autocommit_block(self):
        # fleet runs the whole revision outside a transaction instead
        # (transactional: false), so no COMMIT/BEGIN goes in the SQL.
        state["autocommit"] = True
        yield

    def get_bind(self):
        state["bind"] = True
        return _OfflineBind(self.migration_context.dialect)

    with contextlib.ExitStack() as stack:
        stack.enter_context(_patched(MigrationContext, "autocommit_block", autocommit_block))
        stack.enter_context(_patched(Operations, "get_bind", get_bind))
        stack.enter_context(Operations.context(context))
        try:
            _call(fn)
        except (ReadsDatabase, NotReversible):
            raise
        except Exception as error:
            if state["bind"]:
                raise ReadsDatabase(f"it uses op.get_bind() ({type(error).__name__}: "
                                    f"{error})") from error
            raise
    return buffer.getvalue(), state["autocommit"]
