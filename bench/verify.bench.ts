// The whole receiving check (SPF, DKIM, DMARC and the header to add): inkan's verify() against mailauth's authenticate().
import { stratifiedBatches, type Corpus, type CorpusMessage } from './corpus.js';
import { batchContender, describe, printDisagreements, signatureCount, type CorpusBenchOptions } from './dkim.bench.js';
import { compare, report, type Measurement } from './harness.js';
import { AUTHSERV_ID, inkanDkim, inkanVerify, mailauthVerify } from './targets.js';

/** What each message should get: SPF pass everywhere; DMARC pass unless only the provider signed (nothing aligned). */
export function expected(m: CorpusMessage): Verdicts {
  return { spf: 'pass', dmarc: m.plan === 'esp' ? 'fail' : 'pass', dkim: m.signatures.map(() => 'pass') };
}

/** The verdicts in one comparable shape. */
export interface Verdicts {
  spf: string;
  dmarc: string;
  dkim: string[];
}

function differences(name: string, got: Verdicts, want: Verdicts): string[] {
  const out: string[] = [];
  if (got.spf !== want.spf) out.push(`${name} spf=${got.spf}`);
  if (got.dmarc !== want.dmarc) out.push(`${name} dmarc=${got.dmarc}`);
  if (got.dkim.join() !== want.dkim.join()) out.push(`${name} dkim=${got.dkim.join('/')}`);
  return out;
}

/** Time the full verification of the corpus; prints the table and returns the measurements. */
export async function benchVerify(corpus: Corpus, options: CorpusBenchOptions): Promise<Measurement[]> {
  const inkan = inkanVerify(corpus);
  const mailauth = mailauthVerify(corpus);

  const notes: string[] = [];
  let checked = 0;
  for (const m of corpus.messages) {
    if (m.index % options.checkEvery !== 0) continue;
    checked++;
    const want = expected(m);
    const ours = await inkan(m);
    const mine: Verdicts = { spf: ours.spf.result, dmarc: ours.dmarc.result, dkim: ours.dkim.results.map((r) => r.result) };
    if (mine.dkim.length !== signatureCount(m.raw)) mine.dkim.push('(missing)');
    if (!ours.authenticationResults.startsWith(`Authentication-Results: ${AUTHSERV_ID};`)) mine.dkim.push('(no Authentication-Results)');
    const theirs = await mailauth(m);
    const got: Verdicts = {
      spf: theirs.spf ? theirs.spf.status.result : 'none',
      dmarc: theirs.dmarc ? theirs.dmarc.status.result : 'none',
      dkim: (theirs.dkim.results ?? []).map((r) => r.status.result),
    };
    if (got.dkim.length !== signatureCount(m.raw)) got.dkim.push('(missing)');
    const problems = [...differences('inkan', mine, want), ...differences('mailauth', got, want)];
    if (problems.length) notes.push(`message ${m.index} (${m.plan}): ${problems.join('; ')}`);
  }
  printDisagreements(`SPF, DKIM and DMARC as expected in ${checked} messages (inkan, mailauth)`, notes);

  const batches = stratifiedBatches(corpus.messages, options.batchSize);
  // `dkim-part` is inkan's DKIM verification alone, the largest piece of its verify(): inkan's verify() can be no faster,
  // so dkim-part/mailauth is the ceiling of the inkan/mailauth ratio that work outside DKIM can reach.
  const contenders = [batchContender('inkan', inkan, batches), batchContender('mailauth', mailauth, batches), batchContender('dkim-part', inkanDkim(corpus), batches)];
  const results = await compare(contenders, { ...options, itemsPerRun: batches[0]!.length });
  const title = `Full verify: SPF + DKIM + DMARC + Authentication-Results (${corpus.messages.length} messages, ${describe(corpus)})`;
  console.log(report(title, 'msgs', results, [['inkan', 'mailauth'], ['dkim-part', 'mailauth'], ['inkan', 'dkim-part']]));
  return results;
}
