/**
 * The teaching gallery: realistic test files, each with a short story. Every file states what testsniff
 * should find with `# expect: ID` comments on the lines of the findings (or `# expect: none`); the page
 * compares them with what it finds, so a learner sees a checkmark for each problem they fix.
 */
import type { RuleOverrides } from '../rule-selection';
import novaAfterReview from './nova_after_review.py?raw';
import novaLiveMigration from './nova_live_migration.py?raw';
import cleanUnittest from './test_clean_unittest.py?raw';
import deploySecurity from './test_deploy_security.py?raw';
import eventletProfile from './test_eventlet_profile.py?raw';
import inventoryFixtures from './test_inventory_fixtures.py?raw';
import legacyAliases from './test_legacy_aliases.py?raw';
import networkDoublePatch from './test_network_double_patch.py?raw';
import reportSmells from './test_report_smells.py?raw';
import sessionClock from './test_session_clock.py?raw';
import volumePolling from './test_volume_polling.py?raw';
import weakAssertions from './test_weak_assertions.py?raw';

export interface Demo {
  /** Stable: links name the demo by it. */
  id: string;
  title: string;
  /** The file name the story talks about. */
  file: string;
  story: string;
  code: string;
  /** Rules the demo needs beyond the defaults (a community profile). */
  rules?: RuleOverrides;
}

export const DEMOS: readonly Demo[] = [
  {
    id: 'nova-live-migration',
    title: 'A reviewer’s classic notes',
    file: 'test_live_migration.py',
    story:
      'A nova functional test that runs and mostly passes. The reviewer still asks for five changes: ' +
      'wait for states instead of sleeping, `super()` without arguments, a `tearDown` that calls its base, ' +
      'one `patch.multiple` for three patches of one class, and assertions that say what went wrong.',
    code: novaLiveMigration,
  },
  {
    id: 'nova-after-review',
    title: 'The same test after review',
    file: 'test_live_migration.py',
    story:
      'The test from the first demo with every note addressed: waits on states with the project’s helpers, ' +
      'patches the class once, calls both base hooks, and asserts values that print themselves on failure.',
    code: novaAfterReview,
  },
  {
    id: 'pytest-fixtures',
    title: 'pytest fixtures with shared state',
    file: 'test_inventory.py',
    story:
      'The fixtures work on the author’s laptop: a data file at a fixed `/tmp` path (parallel runs collide), ' +
      'a server listening on every interface, and an HTTP call that can hang the run. One test checks ' +
      'nothing at all. The last test shows the way out: `tmp_path`.',
    code: inventoryFixtures,
  },
  {
    id: 'security-smells',
    title: 'Security smells in a deployment test',
    file: 'test_deploy.py',
    story:
      'Test code gets copied into real helpers. This one holds a real-looking AWS key and database password, ' +
      'runs a shell command built with `%`, loads YAML and pickle unsafely, and turns TLS verification off ' +
      'for a staging server it cannot do without. Try the Share button: it offers to mask the secrets in the link.',
    code: deploySecurity,
  },
  {
    id: 'clean-unittest',
    title: 'A clean test',
    file: 'test_cart.py',
    story:
      'What testsniff likes to see: a `setUp` that calls its base, one behaviour per test, exact assertions, ' +
      'a specific expected exception and a patch with `autospec`. No findings, and the security verdict says so.',
    code: cleanUnittest,
  },
  {
    id: 'volume-polling',
    title: 'A poll loop that never gives up',
    file: 'test_volume_attach.py',
    story:
      'Two loops wait for a volume. The first has no limit: if the volume never becomes available, the run ' +
      'hangs until the CI job is killed, with no message. The second has a deadline; its sleep is only a hint.',
    code: volumePolling,
  },
  {
    id: 'double-patch',
    title: 'Patched twice, patched four times',
    file: 'test_router_namespace.py',
    story:
      'A decorator and a `with` block patch the same class, so the test configures a mock the code never ' +
      'sees. The second test patches four attributes of one class one by one: `patch.multiple` says it once.',
    code: networkDoublePatch,
  },
  {
    id: 'legacy-aliases',
    title: 'Assertions Python 3.12 removed',
    file: 'test_ticket_parser.py',
    story:
      'These tests passed for years and fail with AttributeError on Python 3.12: `assertEquals`, ' +
      '`assertRegexpMatches` and `failUnless` were removed, and `assertItemsEqual` was Python 2 only. Each has a quick fix.',
    code: legacyAliases,
  },
  {
    id: 'report-smells',
    title: 'Tests that cannot fail',
    file: 'test_monthly_report.py',
    story:
      'A loop whose assertions may run zero times, a test that asserts nothing, and a placeholder that ' +
      'always passes: the suite is green and checks less than it seems.',
    code: reportSmells,
  },
  {
    id: 'session-clock',
    title: 'The clock, uuid4 and random in assertions',
    file: 'test_sessions.py',
    story:
      'Each of the first three tests compares against a value that changes on every run, so a failure ' +
      'cannot be replayed. The last test shows the fix: a fixed time, passed in.',
    code: sessionClock,
  },
  {
    id: 'eventlet-profile',
    title: 'Leaving eventlet (OpenStack profile)',
    file: 'test_compute_shutdown.py',
    story:
      'Nova is moving off eventlet. With the OpenStack profile rule TIM003 switched on (this demo does it), ' +
      'testsniff points at eventlet sleeps and at `time.sleep(0)` used as an implicit green-thread yield.',
    code: eventletProfile,
    rules: { enabled: ['TIM003'], disabled: [] },
  },
  {
    id: 'weak-assertions',
    title: 'Assertions that say little',
    file: 'test_qcow_inspector.py',
    story:
      '`assertTrue(a == b)` fails with “False is not true”, `assertEqual(x, None)` compares with `==`, and ' +
      '`assertEqual(len(x), 2)` hides which items were there. Specific assertions print what they saw.',
    code: weakAssertions,
  },
];

export function demoById(id: string | null | undefined): Demo | undefined {
  return id ? DEMOS.find((demo) => demo.id === id) : undefined;
}

/** What the playground opens with when there is nothing to restore. */
export const DEFAULT_DEMO: Demo = DEMOS[0]!;
