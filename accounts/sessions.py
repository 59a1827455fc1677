"""Sessions stay in the database (``SESSION_ENGINE``): every signed-in request reads its row, so the read is one
plain statement of the one column it needs. Building Django's ORM query for it cost more than running it (about
0.45 ms against 0.25 ms)."""

from django.contrib.sessions.backends import db
from django.db import connection
from django.utils import timezone


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        table = connection.ops.quote_name(self.model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT session_data FROM {table} WHERE session_key = %s AND expire_date > %s",  # noqa: S608
                [self.session_key, timezone.now()],
            )
            found = cursor.fetchone()
        if found is None:  # unknown or expired: a new session begins, as in Django's store
            self._session_key = None
            return None
        return self.model(session_key=self.session_key, session_data=found[0])
