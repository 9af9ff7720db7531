// Child process of the memory benchmark: verify one big streamed message and report RSS growth as JSON.
// node --expose-gc build/bench/memory-child.js --verifier=inkan|mailauth|drain --mb=100
import { Readable } from 'node:stream';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { verifyDkim } from '../src/dkim/verify.js';
import { bigMessage } from './big-message.js';
import { rsaKey } from './keys.js';
import { mailauthResolver } from './mailauth-adapter.js';

const arg = (name: string, fallback: string): string => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const verifier = arg('verifier', 'inkan');
const megabytes = Number(arg('mb', '100'));
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const now = new Date('2025-06-02T03:30:00Z');
const message = await bigMessage(megabytes, await rsaKey('shop.example.jp', 'big'), now);

type Verify = () => Promise<string[]>;
const verifiers: Record<string, Verify> = {
  // The reference: read the stream and drop it, to see what the chunks themselves cost.
  drain: async () => {
    for await (const _ of message.chunks());
    return [];
  },
  inkan: async () => {
    const r = await verifyDkim(message.chunks(), { resolver: message.resolver, now, trace: false });
    return r.ok ? r.results.map((x) => x.result) : [`error:${r.error.code}`];
  },
  mailauth: async () => {
    const r = await dkimVerify(Readable.from(message.chunks()), { resolver: mailauthResolver(message.resolver) as never, curTime: now });
    return (r.results ?? []).map((x) => x.status.result);
  },
};
const run = verifiers[verifier];
if (!run) throw new Error(`unknown verifier ${verifier}`);

gc();
gc();
const baseline = process.memoryUsage.rss();
let peak = baseline;
let heapPeak = process.memoryUsage().heapUsed;
let chunks = 0;
message.onChunk = () => {
  if (++chunks % 16 === 0) {
    const m = process.memoryUsage();
    if (m.rss > peak) peak = m.rss;
    if (m.heapUsed > heapPeak) heapPeak = m.heapUsed;
  }
};
const start = performance.now();
const results = await run();
const seconds = (performance.now() - start) / 1000;
peak = Math.max(peak, process.memoryUsage.rss());
console.log(JSON.stringify({ verifier, size: message.size, baseline, peak, growth: peak - baseline, heapPeak, seconds, results }));
