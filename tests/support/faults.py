"""A database that fails as a full disk would, for the tests of what an action does when storage fails
for no rule's reason: the failure is recorded as "failed" with the desk's code, not as a refusal."""

from __future__ import annotations

from borgerservice_desk.storage.database import Database


def inserts_fail(db: Database, table: str) -> None:
    """From now on the database refuses every new row of `table` with a storage error (OperationalError,
    which the unit of work turns into StorageUnavailable) and stores everything else."""
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(
                f"CREATE FUNCTION {table}_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                "RAISE EXCEPTION 'could not extend file' USING ERRCODE = 'disk_full'; END $$"
            )
            conn.exec_driver_sql(
                f"CREATE TRIGGER {table}_disk_full BEFORE INSERT ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {table}_disk_full()"
            )
        else:
            # SQLite's triggers raise constraint errors only; a statement on a table that is not there is an
            # OperationalError, as a full disk is.
            conn.exec_driver_sql(
                f"CREATE TRIGGER {table}_disk_full BEFORE INSERT ON {table} BEGIN SELECT * FROM no_room_left; END"
            )


def inserts_conflict(db: Database, table: str) -> None:
    """From now on the database refuses every new row of `table` as its unique constraint refuses a row
    another desk stored first (IntegrityError), and stores everything else."""
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(
                f"CREATE FUNCTION {table}_conflict() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                "RAISE EXCEPTION 'duplicate key value' USING ERRCODE = 'unique_violation'; END $$"
            )
            conn.exec_driver_sql(
                f"CREATE TRIGGER {table}_conflict BEFORE INSERT ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {table}_conflict()"
            )
        else:
            conn.exec_driver_sql(
                f"CREATE TRIGGER {table}_conflict BEFORE INSERT ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: {table}'); END"
            )
