"""PostgreSQL sessions plan for cached data (random_page_cost), unless the setting is cleared."""

import pytest
from django.db import connection

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL setting")


def test_sessions_use_the_configured_random_page_cost(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert float(cursor.fetchone()[0]) == pytest.approx(1.1)
