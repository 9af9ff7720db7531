import { readFileSync } from 'node:fs';
import { MemoryResolver } from '../../src/dns/memory.js';

/**
 * Read a fixture in Stalwart's layout (its DKIM and ARC test files): DNS lines (`name value`, each a TXT record),
 * a blank line, then the message with LF line endings. Returns the records as a resolver and the message with CRLF.
 */
export function stalwartFixture(path: string): { resolver: MemoryResolver; message: Buffer } {
  const raw = readFileSync(path, 'latin1');
  const blank = raw.indexOf('\n\n');
  const resolver = new MemoryResolver();
  for (const line of raw.slice(0, blank).split('\n')) {
    if (line.trim() === '') continue;
    const space = line.indexOf(' ');
    resolver.add(line.slice(0, space), 'TXT', [line.slice(space + 1)]);
  }
  return { resolver, message: Buffer.from(raw.slice(blank + 2).replace(/\r?\n/g, '\r\n'), 'latin1') };
}
