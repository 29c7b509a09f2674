import datetime
import random
import unittest
import uuid

from auth.sessions import SessionStore


class SessionExpiryTest(unittest.TestCase):

    def setUp(self):
        super().setUp()
        self.store = SessionStore(ttl=datetime.timedelta(minutes=30))

    def test_new_session_expires_in_thirty_minutes(self):
        now = datetime.datetime.now()
        session = self.store.create(user='ada')
        self.assertEqual(now + datetime.timedelta(minutes=30), session.expires_at)  # expect: TIM004

    def test_session_id_is_kept(self):
        session_id = uuid.uuid4()
        session = self.store.create(user='ada', session_id=session_id)
        self.assertEqual(session_id, session.id)  # expect: TIM004

    def test_any_user_can_log_in(self):
        user = random.choice(['ada', 'grace', 'linus'])
        session = self.store.create(user=user)
        self.assertEqual(user, session.user)  # expect: TIM004

    def test_fixed_clock(self):
        created = datetime.datetime(2024, 1, 1, 12, 0)
        session = self.store.create(user='ada', now=created)
        self.assertEqual(datetime.datetime(2024, 1, 1, 12, 30), session.expires_at)
