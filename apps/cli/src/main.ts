import { run } from './program';

run(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    process.stderr.write(`mintfax: ${error.stack ?? error.message}\n`);
    process.exitCode = 1;
  },
);
