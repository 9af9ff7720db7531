#!/usr/bin/env node
import { run } from './run.js';

process.exitCode = await run(process.argv.slice(2), {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  outBytes: (bytes) => process.stdout.write(bytes),
  stdin: process.stdin,
  env: process.env,
  isTty: Boolean(process.stdout.isTTY),
});
