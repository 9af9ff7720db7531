import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSvg, type SvgCheck } from '../../src/bimi/svg.js';
import { repoRoot } from '../helpers/paths.js';

const fixture = (file: string): Buffer => readFileSync(join(repoRoot(), 'test', 'bimi', 'fixtures', file));
const codes = (check: SvgCheck): string[] => check.problems.map((p) => p.code);
const errors = (check: SvgCheck): string[] => check.problems.filter((p) => p.severity === 'error').map((p) => p.code);

/** A minimal conforming document with `body` inside the root and `attrs` on it. */
function svg(body: string, attrs = 'viewBox="0 0 100 100"'): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny-ps" ${attrs}><title>T</title>${body}</svg>`;
}

test('SVG Tiny PS: a good logo conforms, with its title, square viewBox and SHA-256', () => {
  const bytes = fixture('logo.svg');
  const check = checkSvg(bytes);
  assert.deepEqual(check.problems, []);
  assert.equal(check.ok, true);
  assert.equal(check.title, 'Brand Example');
  assert.deepEqual(check.size, { width: 512, height: 512, from: 'viewBox' });
  assert.equal(check.bytes, bytes.length);
  assert.match(check.sha256, /^[0-9a-f]{64}$/);
});

test('SVG Tiny PS: square from width/height when there is no viewBox', () => {
  const check = checkSvg(svg('', 'width="64px" height="64"'));
  assert.equal(check.ok, true, JSON.stringify(check.problems));
  assert.deepEqual(check.size, { width: 64, height: 64, from: 'width-height' });
});

const CASES: Array<[string, string, string]> = [
  ['version missing', '<svg xmlns="http://www.w3.org/2000/svg" baseProfile="tiny-ps" viewBox="0 0 1 1"><title>t</title></svg>', 'version'],
  ['version 1.1', '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" baseProfile="tiny-ps" viewBox="0 0 1 1"><title>t</title></svg>', 'version'],
  ['baseProfile tiny', '<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" viewBox="0 0 1 1"><title>t</title></svg>', 'base-profile'],
  ['no namespace', '<svg version="1.2" baseProfile="tiny-ps" viewBox="0 0 1 1"><title>t</title></svg>', 'missing-namespace'],
  ['no title', '<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny-ps" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>', 'missing-title'],
  ['empty title', '<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny-ps" viewBox="0 0 1 1"><title>  </title></svg>', 'empty-title'],
  ['title only nested', '<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny-ps" viewBox="0 0 1 1"><g><title>t</title></g></svg>', 'missing-title'],
  ['not square', svg('', 'viewBox="0 0 200 100"'), 'not-square'],
  ['no dimensions', svg('', ''), 'no-dimensions'],
  ['bad viewBox', svg('', 'viewBox="0 0 -1 5"'), 'no-dimensions'],
  ['x on root', svg('', 'viewBox="0 0 1 1" x="0"'), 'root-xy'],
  ['y on root', svg('', 'viewBox="0 0 1 1" y="3"'), 'root-xy'],
  ['script', svg('<script>alert(1)</script>'), 'script'],
  ['handler', svg('<handler/>'), 'script'],
  ['animate', svg('<animate/>'), 'animation'],
  ['set', svg('<set/>'), 'animation'],
  ['animateTransform', svg('<animateTransform/>'), 'animation'],
  ['image', svg('<image width="1" height="1"/>'), 'external-content'],
  ['foreignObject', svg('<foreignObject/>'), 'external-content'],
  ['video', svg('<video/>'), 'external-content'],
  ['a link', svg('<a><rect width="1" height="1"/></a>'), 'interactive'],
  ['switch', svg('<switch/>'), 'interactive'],
  ['style element', svg('<style>rect{fill:red}</style>'), 'style-element'],
  ['filter', svg('<filter/>'), 'filter'],
  ['feGaussianBlur', svg('<feGaussianBlur/>'), 'filter'],
  ['unknown element', svg('<marquee/>'), 'element-not-allowed'],
  ['foreign element', svg('<x:thing xmlns:x="urn:x"/>'), 'foreign-element'],
  ['onload', svg('', 'viewBox="0 0 1 1" onload="x()"'), 'event-handler'],
  ['onclick', svg('<rect onClick="x()"/>'), 'event-handler'],
  ['external href', svg('<use href="https://e.example/a.svg#x"/>'), 'external-reference'],
  ['external xlink:href', svg('<use xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="//e.example/a#b"/>'), 'external-reference'],
  ['data: href', svg('<use href="data:image/png;base64,AAAA"/>'), 'external-reference'],
  ['external url() fill', svg('<rect fill="url(http://e.example/p#q)"/>'), 'external-reference'],
  ['external url() in style', svg('<rect style="fill:url( \'https://e.example/p\' )"/>'), 'external-reference'],
  ['@import in style', svg('<rect style="@import \'x.css\'"/>'), 'external-reference'],
  ['xml:base', svg('<g xml:base="https://e.example/"/>'), 'external-reference'],
  ['xml-stylesheet', `<?xml-stylesheet href="https://e.example/a.css"?>${svg('')}`, 'external-reference'],
  ['DOCTYPE', `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">${svg('')}`, 'doctype'],
  ['entity declaration', `<!DOCTYPE svg [<!ENTITY a "b">]>${svg('')}`, 'entity-declaration'],
  ['undefined entity', svg('<text>&nbsp;</text>'), 'undefined-entity'],
  ['entity in attribute', svg('<rect fill="&x;"/>'), 'undefined-entity'],
  ['bad char ref', svg('<text>&#0;</text>'), 'bad-character-reference'],
  ['mismatched tag', '<svg xmlns="http://www.w3.org/2000/svg"><g></svg>', 'mismatched-tag'],
  ['unclosed', '<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny-ps" viewBox="0 0 1 1"><title>t</title><g>', 'unclosed-element'],
  ['content after root', `${svg('')}<svg/>`, 'content-after-root'],
  ['text after root', `${svg('')}junk`, 'content-after-root'],
  ['root is html', '<html><title>t</title></html>', 'root-not-svg'],
  ['no root', '<!-- nothing -->', 'no-root'],
  ['duplicate attribute', svg('<rect width="1" width="2"/>'), 'duplicate-attribute'],
  ['unterminated comment', `${svg('')}<!-- x`, 'xml-unterminated'],
  ['unquoted attribute', '<svg width=1></svg>', 'xml-malformed'],
  ['stray <', svg('<rect </rect>'), 'xml-malformed'],
];

test(`SVG Tiny PS: ${CASES.length}/${CASES.length} bad documents each fail with their named problem`, (t) => {
  let named = 0;
  for (const [, doc, code] of CASES) if (codes(checkSvg(doc)).includes(code) && !checkSvg(doc).ok) named++;
  t.diagnostic(`SVG Tiny PS named failures: ${named}/${CASES.length}`);
  assert.equal(named, CASES.length);
});

for (const [what, doc, code] of CASES) {
  test(`SVG Tiny PS: ${what} -> ${code}`, () => {
    const check = checkSvg(doc);
    assert.ok(codes(check).includes(code), `${code} not in ${JSON.stringify(check.problems)}`);
    assert.equal(check.ok, false);
  });
}

test('SVG Tiny PS: warnings do not fail the logo (style=, editor attributes, unknown attributes, size over 32 KiB)', () => {
  const padding = `<desc>${'x'.repeat(33 * 1024)}</desc>`;
  const check = checkSvg(svg(`<rect style="fill:#fff" data-x="1" width="1" height="1"/><g xmlns:inkscape="urn:i" inkscape:label="l"/>${padding}`));
  assert.equal(check.ok, true, JSON.stringify(errors(check)));
  assert.deepEqual(codes(check).sort(), ['attribute-not-allowed', 'foreign-attribute', 'over-recommended-size', 'style-attribute']);
});

test('SVG Tiny PS: each problem has a line and column', () => {
  const check = checkSvg('<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny-ps" viewBox="0 0 1 1">\n  <title>t</title>\n  <script/>\n</svg>');
  const script = check.problems.find((p) => p.code === 'script');
  assert.deepEqual([script?.line, script?.column, script?.element], [3, 3, 'script']);
});

test('SVG Tiny PS fixtures: script.svg names the script, the handlers and the animation', () => {
  const check = checkSvg(fixture('script.svg'));
  for (const code of ['script', 'event-handler', 'animation']) assert.ok(codes(check).includes(code), code);
  assert.equal(codes(check).filter((c) => c === 'event-handler').length, 2);
});

test('SVG Tiny PS fixtures: external.svg names every external reference', () => {
  const check = checkSvg(fixture('external.svg'));
  const external = check.problems.filter((p) => p.code === 'external-reference').map((p) => p.detail);
  assert.deepEqual(external, ['https://tracker.example.net/pixel.png', 'https://evil.example.net/sprite.svg#logo', 'https://evil.example.net/paint.svg#p', 'http://evil.example.net/x.svg#y']);
  assert.ok(codes(check).includes('external-content'));
});

test('SVG Tiny PS fixtures: an Inkscape export fails on version, profile, x/y, title and its editor element', () => {
  const check = checkSvg(fixture('inkscape.svg'));
  assert.deepEqual(errors(check).sort(), ['base-profile', 'foreign-element', 'missing-title', 'root-xy', 'root-xy', 'version']);
});

test('hostile SVG: billion laughs is a named failure and no entity is expanded', () => {
  const check = checkSvg(fixture('billion-laughs.svg'));
  assert.ok(codes(check).includes('entity-declaration'));
  assert.ok(codes(check).includes('undefined-entity'));
  assert.equal(check.ok, false);
  assert.equal(check.title, undefined);
});

test('hostile SVG: a 10 MB document is refused before parsing (too-large)', () => {
  const big = Buffer.alloc(10 * 1024 * 1024, 0x20);
  Buffer.from(svg('')).copy(big);
  const check = checkSvg(big);
  assert.deepEqual(codes(check), ['too-large']);
  assert.equal(check.bytes, big.length);
});

test('hostile SVG: deep nesting and many elements stop at the caps', () => {
  const deep = checkSvg(svg(`${'<g>'.repeat(5000)}${'</g>'.repeat(5000)}`));
  assert.deepEqual(errors(deep), ['too-deep']);
  const many = checkSvg(svg('<rect/>'.repeat(20_000)), { maxBytes: 4 * 1024 * 1024 });
  assert.ok(codes(many).includes('too-many-elements'));
  const attrs = checkSvg(svg(`<rect ${Array.from({ length: 100 }, (_, i) => `a${i}="1"`).join(' ')}/>`));
  assert.ok(codes(attrs).includes('too-many-attributes'));
});

test('hostile SVG: problems are capped', () => {
  const check = checkSvg(svg('<marquee/>'.repeat(500)));
  assert.equal(check.problems.length, 101);
  assert.equal(check.problems.at(-1)?.code, 'too-many-problems');
});

test('SVG Tiny PS: a gzip-compressed file is named (compressed)', () => {
  assert.deepEqual(codes(checkSvg(Buffer.from([0x1f, 0x8b, 0x08, 0x00]))), ['compressed']);
});

test('hostile SVG: invalid UTF-8 is named', () => {
  const check = checkSvg(Buffer.concat([Buffer.from('<svg>'), Buffer.from([0xc3, 0x28]), Buffer.from('</svg>')]));
  assert.deepEqual(codes(check), ['not-utf8']);
});

test('SVG positions: lines and columns across LF and CRLF line breaks', () => {
  const doc = '<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny-ps" viewBox="0 0 1 1">\r\n<title>t</title>\n\n    <video/>\r\n  <script/></svg>';
  const check = checkSvg(doc);
  assert.deepEqual(check.problems.map((p) => [p.code, p.line, p.column]), [['external-content', 4, 5], ['script', 5, 3]]);
});
