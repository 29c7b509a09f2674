import { py, ruleTester } from './rule-tester';

ruleTester('MCK011', {
  valid: [
    { name: 'patching one event instance, or the name in the module under test', code: py`
      from unittest import mock
      def test_x(service):
          with mock.patch.object(service._stop_event, 'wait'):
              pass
          with mock.patch('nova.service.Event'):
              pass
          with mock.patch('nova.service.threading'):
              pass
    ` },
    { name: 'other threading names', code: py`
      import threading
      from unittest import mock
      def test_x():
          with mock.patch.object(threading, '_counter', return_value=2):
              pass
          with mock.patch('threading.current_thread'):
              pass
    ` },
  ],
  invalid: [
    { name: 'threading.Event.wait by string, exact range', code: py`
      from unittest import mock
      @mock.patch('threading.Event.wait', return_value=True)
      def test_x(mock_wait):
          pass
    `, errors: [{ line: 2, column: 2, endLine: 2, endColumn: 55, severity: 'warning', message: '`threading.Event.wait` for the whole process' }] },
    { name: 'patch.object on the module and on the class, monkeypatch, and through another module', code: py`
      import threading
      from threading import Semaphore
      from unittest import mock
      def test_x(monkeypatch):
          with mock.patch.object(threading, 'Event'):
              pass
          with mock.patch.object(Semaphore, 'acquire'):
              pass
          monkeypatch.setattr(threading, 'Condition', object)
          with mock.patch('nova.utils.threading.Event'):
              pass
    `, errors: [
      { line: 5, message: '`threading.Event`' },
      { line: 7, message: '`threading.Semaphore.acquire`' },
      { line: 9, message: '`threading.Condition`' },
      { line: 10, message: '`threading.Event`' },
    ] },
  ],
});
