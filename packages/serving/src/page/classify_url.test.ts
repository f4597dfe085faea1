import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyUrl } from './classify_url.js';
import { pageHtml } from './page.js';

describe('the URL the page posts drawings to', () => {
  it('stays inside an API Gateway stage opened without its trailing slash', () => {
    assert.equal(classifyUrl('https://abc.execute-api.eu-west-1.amazonaws.com/Prod'), 'https://abc.execute-api.eu-west-1.amazonaws.com/Prod/?top=10');
    assert.equal(classifyUrl('https://abc.execute-api.eu-west-1.amazonaws.com/Prod/'), 'https://abc.execute-api.eu-west-1.amazonaws.com/Prod/?top=10');
  });
  it('is the page folder for /index.html, the root for a bare host, and drops the page query', () => {
    assert.equal(classifyUrl('https://x.example/Prod/index.html'), 'https://x.example/Prod/?top=10');
    assert.equal(classifyUrl('http://127.0.0.1:3000'), 'http://127.0.0.1:3000/?top=10');
    assert.equal(classifyUrl('http://127.0.0.1:3000/?debug=1'), 'http://127.0.0.1:3000/?top=10');
  });
  it('is the function the page runs', () => {
    assert.ok(pageHtml.includes(classifyUrl.toString()));
  });
});
