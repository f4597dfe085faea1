/** The draw-a-digit page served at GET /: one self-contained HTML document (no external requests). */
import { pageScript } from './page_script.js';

const style = `
  :root { color-scheme: dark; font-family: system-ui, sans-serif; }
  body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center; background: #111; color: #eee; }
  main { display: flex; flex-wrap: wrap; gap: 2rem; padding: 1rem; align-items: flex-start; justify-content: center; }
  #pad { width: 280px; height: 280px; background: #000; border: 2px solid #555; border-radius: 8px; touch-action: none; cursor: crosshair; }
  .result { min-width: 240px; }
  #prediction { font-size: 4rem; font-weight: 700; line-height: 1; }
  #score, #status { color: #aaa; margin: .25rem 0; }
  button { margin-top: .5rem; padding: .4rem 1.2rem; font-size: 1rem; }
  .bar { display: flex; align-items: center; gap: .5rem; margin: 3px 0; font-variant-numeric: tabular-nums; }
  .bar .digit { width: 1rem; text-align: right; }
  .bar .track { flex: 1; height: 14px; background: #333; border-radius: 3px; overflow: hidden; }
  .bar .fill { display: block; height: 100%; background: #4a8fe7; }
  .bar.best .fill { background: #5fd35f; }
  .bar .value { width: 3.5rem; text-align: right; color: #aaa; font-size: .85rem; }
`;

export const pageHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tflite-lambda · draw a digit</title>
<link rel="icon" href="data:,">
<style>${style}</style>
</head>
<body>
<main>
  <section>
    <canvas id="pad" width="280" height="280" aria-label="Drawing pad: draw one digit"></canvas>
    <div><button id="clear" type="button">Clear</button></div>
  </section>
  <section class="result" aria-live="polite">
    <div>Prediction</div>
    <div id="prediction">?</div>
    <div id="score"></div>
    <div id="status"></div>
    <div id="bars"></div>
  </section>
</main>
<script>${pageScript}</script>
</body>
</html>
`;
