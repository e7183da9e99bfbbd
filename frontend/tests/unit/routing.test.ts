import assert from 'node:assert/strict';
import { test } from 'node:test';
import { frontendHref, normalisePath, parentPath, pathFromHtmlUrl } from '../../src/api/pages.ts';
import { defaultCacheControl } from '../../src/lib/proxy.ts';

test('Wagtail html_url to the path below home, with or without a language prefix', () => {
  assert.equal(pathFromHtmlUrl('http://localhost/booklet/objective-3/', 'en'), 'booklet/objective-3');
  assert.equal(pathFromHtmlUrl('http://localhost/fr/livret/objectif-3/', 'fr'), 'livret/objectif-3');
  assert.equal(pathFromHtmlUrl('http://localhost/', 'es'), '');
  assert.equal(pathFromHtmlUrl(null, 'en'), undefined);
});

test('frontend paths', () => {
  assert.equal(normalisePath('/guide//six-step-process/'), 'guide/six-step-process');
  assert.equal(frontendHref('fr', ''), '/fr/');
  assert.equal(frontendHref('es', 'guide/six-step-process/step-2'), '/es/guide/six-step-process/step-2/');
  assert.equal(parentPath('guide/six-step-process'), 'guide');
  assert.equal(parentPath('guide'), '');
  assert.equal(parentPath(''), undefined);
});

test('proxy Cache-Control defaults', () => {
  assert.match(defaultCacheControl('/api/v1/objectives/', 'GET', 200), /^public, max-age=60/);
  assert.equal(defaultCacheControl('/api/v1/objectives/', 'POST', 200), 'no-store');
  assert.equal(defaultCacheControl('/api/v1/objectives/99/', 'GET', 422), 'no-store');
  assert.equal(defaultCacheControl('/documents/1/a.pdf', 'GET', 200), 'private, max-age=300');
  assert.equal(defaultCacheControl('/media/images/a.png', 'GET', 200), 'public, max-age=86400');
});
