import json
import os
import uuid

import pytest
import requests

from inventory.app import create_app
from inventory.store import Store


@pytest.fixture
def store():
    path = '/tmp/inventory-test.json'  # expect: SEC005
    with open(path, 'w') as handle:
        json.dump({'items': []}, handle)
    yield Store(path)
    os.remove(path)


@pytest.fixture
def live_server(store):
    app = create_app(store)
    server = app.serve(host='0.0.0.0', port=8089)  # expect: SEC006
    yield server
    server.shutdown()


def test_add_item(store):
    item_id = str(uuid.uuid4())
    store.add({'id': item_id, 'name': 'widget'})
    assert store.get(item_id)['name'] == 'widget'


def test_list_over_http(live_server, store):
    store.add({'id': 'a1', 'name': 'bolt'})
    response = requests.get('http://127.0.0.1:8089/items')  # expect: SEC006
    assert response.json() == [{'id': 'a1', 'name': 'bolt'}]


def test_remove_item(store):  # expect: SML003
    store.add({'id': 'a1', 'name': 'bolt'})
    store.remove('a1')


def test_export_is_valid_json(store, tmp_path):
    target = tmp_path / 'export.json'
    store.export(target)
    assert json.loads(target.read_text()) is not None
