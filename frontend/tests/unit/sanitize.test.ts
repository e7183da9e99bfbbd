import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml, sanitizeRichText } from '../../src/lib/sanitize.ts';

test('keeps the structure editors may use', () => {
  const html = '<h3>Title</h3><p><b>Bold</b> <i>it</i> x<sup>2</sup></p><ul><li>a</li></ul><ol><li>b</li></ol>';
  assert.equal(sanitizeRichText(html), html);
});

test('drops scripts, styles, iframes and their contents', () => {
  const out = sanitizeRichText('<p>ok</p><script>alert(1)</script><style>p{}</style><iframe src="x">y</iframe>');
  assert.equal(out, '<p>ok</p>');
});

test('drops event handlers, style and class attributes', () => {
  const out = sanitizeRichText('<p onclick="x()" style="color:red" class="c" id="i">text</p>');
  assert.equal(out, '<p>text</p>');
});

test('refuses javascript: and data: links, keeps internal, mail and web links', () => {
  assert.equal(sanitizeRichText('<a href="javascript:alert(1)">x</a>'), '<a>x</a>');
  assert.equal(sanitizeRichText('<a href="data:text/html,hi">x</a>'), '<a>x</a>');
  assert.equal(sanitizeRichText('<a href="/en/booklet/objective-2/">o2</a>'), '<a href="/en/booklet/objective-2/">o2</a>');
  assert.equal(sanitizeRichText('<a href="mailto:a@example.org">m</a>'), '<a href="mailto:a@example.org">m</a>');
  assert.equal(
    sanitizeRichText('<a href="https://example.org" target="_blank" rel="opener">w</a>'),
    '<a href="https://example.org" rel="noopener noreferrer">w</a>',
  );
});

test('refuses protocol-relative links', () => {
  assert.equal(sanitizeRichText('<a href="//evil.example/x">x</a>'), '<a>x</a>');
});

test('unwraps unknown tags but keeps their text', () => {
  assert.equal(sanitizeRichText('<p><span style="x">kept</span> <img src="x" onerror="y"></p>'), '<p>kept </p>');
});

test('empty input gives empty output', () => {
  assert.equal(sanitizeRichText(''), '');
  assert.equal(sanitizeRichText(null), '');
});

test('escapeHtml escapes markup and quotes', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});
