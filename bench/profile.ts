// Profile one contender over the benchmark corpus, the corpus build left out of the profile:
//   node build/bench/profile.js inkan-dkim|inkan-verify|mailauth-dkim|mailauth-verify|limit [seconds] [out.cpuprofile]
// Open the file in Chrome DevTools (Performance) or summarise it with any .cpuprofile reader.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { buildCorpus } from './corpus.js';
import { profileTargets } from './targets.js';

const [target = 'inkan-dkim', secondsArg = '5', out = `${target}.cpuprofile`] = process.argv.slice(2);
const corpus = await buildCorpus({ count: 2000, seed: 0x1a7ca4 });
const targets = profileTargets(corpus);
const run = targets[target];
if (!run) throw new Error(`unknown target ${target}; one of ${Object.keys(targets).join(', ')}`);
for (const m of corpus.messages.slice(0, 200)) await run(m);

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
const end = performance.now() + Number(secondsArg) * 1000;
let n = 0;
while (performance.now() < end) await run(corpus.messages[n++ % corpus.messages.length]!);
const { profile } = await session.post('Profiler.stop');
writeFileSync(out, JSON.stringify(profile));
console.log(`${target}: ${n} messages in ${secondsArg} s (${Math.round(n / Number(secondsArg))} msgs/s under the profiler); profile in ${out}`);
