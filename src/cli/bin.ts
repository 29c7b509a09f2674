/** Entry point of `npm run check`: runs the command line and sets the exit status. */
import { EXIT_ERROR, run } from './main';

run(
  process.argv.slice(2),
  (text) => process.stdout.write(text),
  (text) => process.stderr.write(text),
).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`testsniff: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT_ERROR;
  },
);
