import os
import pickle
import subprocess
import unittest

import requests
import yaml

AWS_ACCESS_KEY_ID = 'AKIAZ7Q3RN5XW2LPUM4K'  # expect: SEC001
DB_PASSWORD = 'q8Zr4TkP2mW9vXc7LbN3sJd'  # expect: SEC001
DATA_DIR = os.path.join(os.path.dirname(__file__), 'data')


class DeployScriptTest(unittest.TestCase):

    def test_deploy_script_runs(self):
        with open(os.path.join(DATA_DIR, 'deploy.yaml')) as handle:
            config = yaml.load(handle)  # expect: SEC004
        result = subprocess.run('./deploy.sh --target %s' % config['target'],  # expect: SEC003
                                shell=True, capture_output=True,
                                env={'DB_PASSWORD': DB_PASSWORD})
        self.assertEqual(0, result.returncode)

    def test_health_endpoint(self):
        response = requests.get('https://staging.example.org/health',  # expect: SML014
                                verify=False, timeout=10)  # expect: SEC002
        self.assertEqual(200, response.status_code)

    def test_cached_plan_loads(self):
        with open(os.path.join(DATA_DIR, 'plan.pickle'), 'rb') as handle:
            plan = pickle.load(handle)  # expect: SEC004
        self.assertEqual('staging', plan.environment)
