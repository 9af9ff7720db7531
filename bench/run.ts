// `npm run bench`: inkan side by side with mailauth (the best JavaScript peer) and the limit, same data, same process.
// `npm run bench -- --quick` is a short run; `--only=spf,dkim,verify,memory` picks sections.
import { performance } from 'node:perf_hooks';
import { buildCorpus, type Corpus } from './corpus.js';
import { benchDkim, describe } from './dkim.bench.js';
import { benchMemory } from './memory.js';
import { benchSpf } from './spf.bench.js';
import { benchVerify } from './verify.bench.js';

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const wants = (section: string): boolean => !only || only.includes(section);

const spfOptions = { rounds: quick ? 3 : 9, roundMs: quick ? 200 : 700, warmup: 300 };
const corpusOptions = { rounds: quick ? 3 : 7, roundMs: quick ? 600 : 1200, warmup: 2, batchSize: 40, checkEvery: quick ? 4 : 1 };

console.log(`node ${process.version}, ${spfOptions.rounds} rounds of ${spfOptions.roundMs} ms per contender (SPF), ${corpusOptions.rounds} of ${corpusOptions.roundMs} ms (DKIM, verify), median reported`);
if (wants('spf')) await benchSpf(spfOptions);

if (wants('dkim') || wants('verify')) {
  const start = performance.now();
  const corpus: Corpus = await buildCorpus({ count: 2000, seed: 0x1a7ca4 });
  console.log(`\ncorpus: ${corpus.messages.length} messages (${describe(corpus)}), generated and signed by mailauth in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  if (wants('dkim')) await benchDkim(corpus, corpusOptions);
  if (wants('verify')) await benchVerify(corpus, corpusOptions);
}

if (wants('memory')) await benchMemory(100, ['inkan', 'mailauth', 'drain']);
