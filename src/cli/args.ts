/** The command line's arguments: `[--format text|json|sarif|review] [--select IDS] [--ignore IDS] PATH...`. */

export const FORMATS = ['text', 'json', 'sarif', 'review'] as const;
export type Format = (typeof FORMATS)[number];

export interface CliOptions {
  format: Format;
  select?: string[];
  ignore?: string[];
  profiles?: string[];
  paths: string[];
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: npm run --silent check -- [options] PATH...

Reviews Python test files (a PATH may be a folder: every *.py below it).

Options:
  --format text|json|sarif|review   output format (default: text)
  --select IDS                      only these rules: ids or prefixes, comma-separated (e.g. TIM,SEC001)
  --ignore IDS                      skip these rules: ids or prefixes, comma-separated
  --profile NAMES                   add a community profile's rules to the defaults (e.g. openstack)
  --version                         print the version
  -h, --help                        print this help

Exit status: 0 no findings, 1 findings, 2 usage or read error.`;

function splitIds(value: string): string[] {
  return value
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
}

export function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { format: 'text', paths: [], help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined || (inline === undefined && next.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--format': {
        const format = value();
        if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}" (use ${FORMATS.join(', ')})`);
        options.format = format as Format;
        break;
      }
      case '--select':
        options.select = [...(options.select ?? []), ...splitIds(value())];
        break;
      case '--ignore':
        options.ignore = [...(options.ignore ?? []), ...splitIds(value())];
        break;
      case '--profile':
        options.profiles = [...(options.profiles ?? []), ...splitIds(value()).map((name) => name.toLowerCase())];
        break;
      case '-h':
      case '--help':
        options.help = true;
        break;
      case '--version':
        options.version = true;
        break;
      case '--':
        options.paths.push(...argv.slice(i + 1));
        i = argv.length;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        options.paths.push(arg);
    }
  }
  if (!options.help && !options.version && options.paths.length === 0) throw new UsageError('no PATH given');
  return options;
}
