import pickle
import subprocess
import unittest

import requests
import yaml

AWS_ACCESS_KEY_ID = 'AKIAZ7Q3RN5XW2LPUM4K'  # expect: SEC001


class DeployScriptTest(unittest.TestCase):

    def setUp(self):
        super().setUp()
        self.db_password = 'q8Zr4TkP2mW9vXc7LbN3sJd'  # expect: SEC001
        with open('tests/data/deploy.yaml') as handle:
            self.config = yaml.load(handle)  # expect: SEC004

    def test_deploy_script_runs(self):
        target = self.config['target']
        result = subprocess.run('./deploy.sh --target %s' % target,  # expect: SEC003
                                shell=True, capture_output=True)
        self.assertEqual(0, result.returncode)

    def test_health_endpoint(self):
        response = requests.get('https://staging.example.org/health',
                                verify=False, timeout=10)  # expect: SEC002
        self.assertEqual(200, response.status_code)

    def test_cached_plan_loads(self):
        with open('tests/data/plan.pickle', 'rb') as handle:
            plan = pickle.load(handle)  # expect: SEC004
        self.assertEqual('staging', plan.environment)
