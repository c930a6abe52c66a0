"""The migrations build exactly the tables the models describe (a column or index added to one
and not the other fails here), on SQLite and on PostgreSQL; and a database at revision 0003
with data in it upgrades to 0004_recordings."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import text

from softphone.central.db import MIGRATIONS, Database
from softphone.central.models import Base
from softphone.central.users import create_user
from tests.central.conftest import database_url
from tests.central.server import PASSWORD_HASH


def test_the_migrated_schema_is_the_models(
    request: pytest.FixtureRequest, backend: str, tmp_path: Path
) -> None:
    database = Database(database_url(request, backend, tmp_path))
    database.migrate()
    try:
        with database.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
            assert connection.scalar(text("SELECT version_num FROM alembic_version")) == (
                "0004_recordings"
            )
    finally:
        database.dispose()


def test_a_database_at_0003_upgrades_with_its_data(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
    with database.writing() as session:
        create_user(session, "ann", "agent", PASSWORD_HASH, ["sales"])
    database.migrate()
    with database.engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM recordings")) == 0
        assert connection.scalar(text("SELECT name FROM users")) == "ann"
    with database.engine.begin() as connection:  # and back down, for an admin who must
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
    database.dispose()
