// SPF check + Received-SPF: inkan side by side with mailauth, same zones, same questions.
import { spf as mailauthSpf } from 'mailauth/lib/spf/index.js';
import { checkSpf } from '../src/spf/evaluate.js';
import { receivedSpf } from '../src/spf/received-spf.js';
import { compare, report, type CompareOptions } from './harness.js';
import { mailauthResolver } from './mailauth-adapter.js';
import { spfBenchCases, spfBenchResolver } from './spf-data.js';

/** Time SPF evaluation of inkan and mailauth and print the table. */
export async function benchSpf(options: CompareOptions): Promise<void> {
  const memory = spfBenchResolver();
  const forMailauth = mailauthResolver(memory);
  const receiver = 'mx.bench.example';

  // Both must agree on every case, or the comparison means nothing.
  for (const c of spfBenchCases) {
    const ours = await checkSpf({ ...c, receiver }, { resolver: memory, trace: false });
    const theirs = (await mailauthSpf({ sender: c.mailFrom, ip: c.ip, helo: c.helo, mta: receiver, resolver: forMailauth as never })) as { status: { result: string } };
    if (ours.result !== theirs.status.result) {
      console.warn(`  note: ${c.ip} ${c.mailFrom}: inkan ${ours.result}, mailauth ${theirs.status.result}`);
    }
  }

  let i = 0;
  let j = 0;
  const results = await compare(
    [
      {
        name: 'inkan',
        run: async () => {
          const c = spfBenchCases[i++ % spfBenchCases.length]!;
          const result = await checkSpf({ ...c, receiver }, { resolver: memory, trace: false });
          return receivedSpf(result, { receiver });
        },
      },
      {
        name: 'mailauth',
        run: () => {
          const c = spfBenchCases[j++ % spfBenchCases.length]!;
          return mailauthSpf({ sender: c.mailFrom, ip: c.ip, helo: c.helo, mta: receiver, resolver: forMailauth as never });
        },
      },
    ],
    options,
  );
  console.log(report(`SPF check + Received-SPF (${spfBenchCases.length} (ip, mail-from) pairs, in-memory DNS)`, 'checks', results));
}
