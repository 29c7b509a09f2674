/** testsniff's command line: the engine over files and folders, printed as text, JSON, SARIF or a review. */
import { readFile } from 'node:fs/promises';
import { createEngine, unknownSelectors, type Engine, type Settings } from '../engine';
import { jsonReport, reviewReport, sarifReport, textReport, type FileReport } from '../engine/report';
import { parseArgs, USAGE, UsageError, type CliOptions } from './args';
import { collectPythonFiles, ReadError } from './files';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export function decodeSource(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(bytes);
  // Editors hide the byte-order mark, and so do positions: drop it.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

async function checkFile(engine: Engine, path: string, settings: Settings): Promise<FileReport> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new ReadError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const analysis = engine.analyze(decodeSource(bytes), settings);
  return { path, parseErrors: analysis.parseErrors.length, findings: analysis.findings };
}

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

export async function run(argv: readonly string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
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
  const settings: Settings = { select: options.select, ignore: options.ignore };
  const reports: FileReport[] = [];
  try {
    for (const path of await collectPythonFiles(options.paths)) reports.push(await checkFile(engine, path, settings));
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
