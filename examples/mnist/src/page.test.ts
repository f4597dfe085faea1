import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createDevServer, createHandler, listen } from '@tflite-lambda/serving';
import { chromium, type Browser, type Page } from 'playwright-core';
import { skipUnlessPresent } from '@tflite-lambda/testing';
import { modelPath, skipWithoutModel } from './paths.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM)
  ? skipWithoutModel()
  : skipUnlessPresent(`${CHROMIUM} not found (apt-get install chromium): skipping the page test`);

type Stroke = [number, number][];

/** Digits as pen strokes in the pad's 280×280 coordinates, drawn the way a person would. */
const DIGITS: [number, Stroke[]][] = [
  [1, [[[140, 45], [140, 235]]]],
  [0, [ellipse(140, 140, 62, 95)]],
  [7, [[[80, 55], [200, 55], [175, 110], [150, 170], [130, 235]]]],
  [4, [[[110, 50], [80, 160], [200, 160]], [[170, 70], [165, 240]]]],
];

function ellipse(cx: number, cy: number, rx: number, ry: number): Stroke {
  return Array.from({ length: 25 }, (_, i) => [cx + rx * Math.sin((i / 24) * 2 * Math.PI), cy - ry * Math.cos((i / 24) * 2 * Math.PI)]);
}

async function draw(page: Page, strokes: Stroke[]): Promise<void> {
  const box = await page.locator('#pad').boundingBox();
  assert.ok(box, 'the drawing pad is visible');
  for (const stroke of strokes) {
    const at = ([x, y]: [number, number]) => [box.x + (x * box.width) / 280, box.y + (y * box.height) / 280] as const;
    await page.mouse.move(...at(stroke[0]));
    await page.mouse.down();
    for (let i = 1; i < stroke.length; i++) {
      const length = Math.hypot(stroke[i][0] - stroke[i - 1][0], stroke[i][1] - stroke[i - 1][1]);
      await page.mouse.move(...at(stroke[i]), { steps: Math.max(1, Math.round(length / 20)) });
    }
    await page.mouse.up();
  }
}

/** Draws with a finger: raw touch events through the DevTools protocol, as a phone's touchscreen sends them. */
async function drawByTouch(page: Page, strokes: Stroke[]): Promise<void> {
  const box = await page.locator('#pad').boundingBox();
  assert.ok(box, 'the drawing pad is visible');
  const cdp = await page.context().newCDPSession(page);
  const point = ([x, y]: [number, number]) => ({ x: box.x + (x * box.width) / 280, y: box.y + (y * box.height) / 280 });
  for (const stroke of strokes) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point(stroke[0])] });
    for (let i = 1; i < stroke.length; i++) {
      const [a, b] = [stroke[i - 1], stroke[i]];
      for (let t = 1; t <= 6; t++) {
        const p: [number, number] = [a[0] + ((b[0] - a[0]) * t) / 6, a[1] + ((b[1] - a[1]) * t) / 6];
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point(p)] });
      }
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  }
}

describe('draw-a-digit page in Chromium', { skip }, () => {
  let server: Server;
  let staged: Server;
  let url: string;
  let stageUrl: string;
  let browser: Browser;
  before(async () => {
    const handler = await createHandler({ model: modelPath, observer: { record: () => undefined } });
    server = createDevServer({ handler });
    url = `http://127.0.0.1:${await listen(server, 0)}/`;
    // API Gateway with a stage: only /Prod and /Prod/… reach the function; anything else is its 403.
    staged = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path !== '/Prod' && !path.startsWith('/Prod/')) {
        res.writeHead(403, { 'content-type': 'application/json' }).end('{"message":"Missing Authentication Token"}');
        return;
      }
      req.url = (req.url ?? '').slice('/Prod'.length) || '/';
      server.emit('request', req, res);
    });
    stageUrl = `http://127.0.0.1:${await listen(staged, 0)}/Prod`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run'],
    });
  });
  after(async () => {
    await browser?.close();
    await new Promise((done) => server?.close(done));
    await new Promise((done) => staged?.close(done));
  });

  for (const [digit, strokes] of DIGITS) {
    it(`recognises a ${digit} drawn with the mouse and shows its score and ten bars`, async () => {
      const page = await browser.newPage();
      await page.goto(url);
      await draw(page, strokes);
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Done', null, { timeout: 10_000 });
      assert.equal(await page.textContent('#prediction'), String(digit));
      const score = Number((await page.textContent('#score'))?.replace('score ', ''));
      assert.ok(score > 0.5 && score <= 1, `score ${score}`);
      const bars = await page.$$eval('#bars .bar', (els) => els.map((e) => Number(e.getAttribute('data-score'))));
      assert.equal(bars.length, 10);
      assert.equal(bars.indexOf(Math.max(...bars)), digit);
      assert.ok(Math.abs(bars.reduce((a, b) => a + b, 0) - 1) < 1e-3, 'the ten scores are probabilities');
      await page.close();
    });
  }

  it('posts inside the stage when the page is opened at /Prod, without the trailing slash', async () => {
    const page = await browser.newPage();
    await page.goto(stageUrl);
    await draw(page, DIGITS[0][1]);
    await page.waitForFunction(() => ['Done', 'Error'].some((s) => document.getElementById('status')?.textContent?.startsWith(s)), null, { timeout: 10_000 });
    assert.equal(await page.textContent('#status'), 'Done');
    assert.equal(await page.textContent('#prediction'), String(DIGITS[0][0]));
    await page.close();
  });

  it('recognises a digit drawn by touch', async () => {
    const context = await browser.newContext({ hasTouch: true, isMobile: true, viewport: { width: 400, height: 800 } });
    const page = await context.newPage();
    await page.goto(url);
    await drawByTouch(page, DIGITS[0][1]);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Done', null, { timeout: 10_000 });
    assert.equal(await page.textContent('#prediction'), String(DIGITS[0][0]));
    await context.close();
  });

  it('clears the pad and the prediction', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await draw(page, DIGITS[0][1]);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Done');
    await page.click('#clear');
    assert.equal(await page.textContent('#prediction'), '?');
    await page.close();
  });
});
