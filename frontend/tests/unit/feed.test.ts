import assert from 'node:assert/strict';
import { test } from 'node:test';
import { atomFeed, escapeXml } from '../../src/lib/feed.ts';
import { sanitizeSnippet } from '../../src/lib/sanitize.ts';

test('escapeXml escapes markup and drops characters XML forbids', () => {
  assert.equal(escapeXml(`<a href="x">Tom & Jerry's</a>`), '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;');
  assert.equal(escapeXml('bell\u0007 tab\t'), 'bell tab\t');
  assert.equal(escapeXml(undefined), '');
  assert.equal(escapeXml(3), '3');
});

test('atomFeed: escaped entries, newest date as updated', () => {
  const xml = atomFeed({
    id: 'https://s/en/feeds/examples.xml',
    title: 'New examples & more',
    lang: 'en',
    self: 'https://s/en/feeds/examples.xml',
    alternate: 'https://s/en/examples/?a=1&b=2',
    author: 'UN Network on Migration',
    entries: [
      { id: 'https://s/en/examples/a/', title: '<script>alert(1)</script>', url: 'https://s/en/examples/a/', summary: 'A & B', published: '2024-01-02T00:00:00Z', categories: ['Objective "3"'] },
      { id: 'https://s/en/examples/b/', title: 'B', url: 'https://s/en/examples/b/', summary: '', published: '2025-03-04T00:00:00Z' },
    ],
  });
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">'));
  assert.ok(xml.includes('<title>New examples &amp; more</title>'));
  assert.ok(xml.includes('<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>'));
  assert.ok(xml.includes('href="https://s/en/examples/?a=1&amp;b=2"'));
  assert.ok(xml.includes('<category term="Objective &quot;3&quot;"/>'));
  assert.ok(xml.includes('<updated>2025-03-04T00:00:00Z</updated>\n  <author>'));
  assert.equal((xml.match(/<entry>/g) ?? []).length, 2);
  assert.ok(!xml.includes('<script'));
});

test('an empty feed is still valid, with a fixed updated date', () => {
  const xml = atomFeed({ id: 'x', title: 't', lang: 'fr', self: 's', alternate: 'a', author: 'p', entries: [], fallbackUpdated: '2020-01-01T00:00:00Z' });
  assert.ok(xml.includes('<updated>2020-01-01T00:00:00Z</updated>'));
  assert.ok(!xml.includes('<entry>'));
});

test('search snippets keep <mark> only', () => {
  assert.equal(
    sanitizeSnippet('a <mark class="x" onclick="y">remittance</mark> <b>cost</b> &lt;script&gt;<script>alert(1)</script>'),
    'a <mark>remittance</mark> cost &lt;script&gt;',
  );
  assert.equal(sanitizeSnippet(null), '');
});
