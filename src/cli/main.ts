/** testsniff's command line: the engine over files and folders, printed as text, JSON, SARIF or a review. */
import { createEngine, knownProfiles, unknownSelectors, type Engine, type Settings } from '../engine';
import { jsonReport, reviewReport, sarifReport, textReport, type FileReport } from '../engine/report';
import { parseArgs, USAGE, UsageError, type CliOptions } from './args';
import { checkFile, ReadError } from './check-file';
import { collectPythonFiles } from './files';
import { poolSize, WorkerPool } from './pool';

/** Below this many files, starting threads costs more than it saves. */
const POOL_THRESHOLD = 16;

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

function render(options: CliOptions, engine: Engine, files: FileReport[]): string {
  switch (options.format) {
    case 'json':
      return JSON.stringify(jsonReport(files, engine.version)) + '\n';
    case 'sarif':
      return JSON.stringify(sarifReport(files, engine.rules, engine.version), null, 2) + '\n';
    case 'review':
      return reviewReport(files, engine.rules);
    case 'text':
      return textReport(files);
  }
}

/**
 * Runs the command line. `pool`: workers started early by bin.ts for a folder; used if the files are
 * many enough, closed in any case.
 */
export async function run(argv: readonly string[], out: (text: string) => void, err: (text: string) => void, pool?: WorkerPool): Promise<number> {
  try {
    return await runWith(argv, out, err, pool);
  } finally {
    await pool?.close();
  }
}

async function runWith(argv: readonly string[], out: (text: string) => void, err: (text: string) => void, pool: WorkerPool | undefined): Promise<number> {
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`testsniff: ${error.message}\n\n${USAGE}\n`);
      return EXIT_ERROR;
    }
    throw error;
  }
  if (options.help) {
    out(USAGE + '\n');
    return EXIT_CLEAN;
  }
  const engine = await createEngine();
  if (options.version) {
    out(`testsniff ${engine.version}\n`);
    return EXIT_CLEAN;
  }
  const unknown = unknownSelectors(engine.rules, [...(options.select ?? []), ...(options.ignore ?? [])]);
  if (unknown.length > 0) {
    err(`testsniff: unknown rule selector${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}\n`);
    return EXIT_ERROR;
  }
  const profiles = knownProfiles(engine.rules);
  const unknownProfiles = (options.profiles ?? []).filter((name) => !profiles.includes(name));
  if (unknownProfiles.length > 0) {
    err(`testsniff: unknown profile${unknownProfiles.length === 1 ? '' : 's'}: ${unknownProfiles.join(', ')} (known: ${profiles.join(', ') || 'none'})\n`);
    return EXIT_ERROR;
  }
  const settings: Settings = { select: options.select, ignore: options.ignore, profiles: options.profiles };
  const reports: FileReport[] = [];
  try {
    const paths = await collectPythonFiles(options.paths);
    const threads = poolSize(paths.length);
    if (paths.length >= POOL_THRESHOLD && threads > 1) reports.push(...(await (pool ?? new WorkerPool(threads - 1)).check(paths, settings, engine)));
    else for (const path of paths) reports.push(checkFile(engine, path, settings));
  } catch (error) {
    if (error instanceof ReadError) {
      err(`testsniff: ${error.message}\n`);
      return EXIT_ERROR;
    }
    throw error;
  }
  out(render(options, engine, reports));
  return reports.some((report) => report.findings.length > 0) ? EXIT_FINDINGS : EXIT_CLEAN;
}
