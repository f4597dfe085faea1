/**
 * The browser script of the draw-a-digit page, as text. Plain ES2017 (no template literals, so it can live
 * in this string); classifyUrl's compiled source is embedded as it is. Pointer events cover mouse, pen and
 * touch; `touch-action: none` on the canvas stops touch scrolling. Before sending, the drawing is framed as MNIST digits are: its bounding box scaled to fit a
 * 20/28 box, placed with its centre of mass at the centre, white on black; the server resizes it to 28×28.
 */
import { classifyUrl } from './classify_url.js';

export const pageScript = `
(function () {
  ${classifyUrl.toString()}

  var canvas = document.getElementById('pad');
  var ctx = canvas.getContext('2d');
  var drawing = false;
  var last = null;
  var pending = null;
  var sequence = 0; // answers to superseded drawings are dropped

  function clear() {
    sequence++;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    document.getElementById('prediction').textContent = '?';
    document.getElementById('score').textContent = '';
    document.getElementById('status').textContent = 'Draw a digit';
    renderBars(null);
  }

  function point(e) {
    var r = canvas.getBoundingClientRect();
    return { x: (e.clientX - r.left) * canvas.width / r.width, y: (e.clientY - r.top) * canvas.height / r.height };
  }

  function stroke(a, b) {
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = canvas.width / 11;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
    ctx.stroke();
  }

  canvas.addEventListener('pointerdown', function (e) {
    e.preventDefault();
    if (pending) { clearTimeout(pending); pending = null; }
    drawing = true;
    last = point(e);
    stroke(last, last);
    if (canvas.setPointerCapture) canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener('pointermove', function (e) {
    if (!drawing) return;
    var p = point(e);
    stroke(last, p);
    last = p;
  });
  function end() {
    if (!drawing) return;
    drawing = false;
    schedule();
  }
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  canvas.addEventListener('pointerleave', end);

  function schedule() {
    if (pending) clearTimeout(pending);
    pending = setTimeout(function () { pending = null; send(); }, 150);
  }

  // Bounding box of the drawn (non-black) pixels, or null when the pad is empty.
  function inkBox() {
    var d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    var x0 = canvas.width, y0 = canvas.height, x1 = -1, y1 = -1;
    for (var y = 0; y < canvas.height; y++) {
      for (var x = 0; x < canvas.width; x++) {
        if (d[(y * canvas.width + x) * 4] > 32) {
          if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
        }
      }
    }
    return x1 < 0 ? null : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
  }

  // MNIST framing: the digit scaled to fit a 20×20 box (of 28), then placed so its centre of mass is the
  // image centre. Here at ×10: a 200 px box in a 280 px image.
  function framed(box) {
    var size = 280, inner = size * 20 / 28;
    var s = inner / Math.max(box.w, box.h);
    var w = box.w * s, h = box.h * s;
    var scaled = document.createElement('canvas');
    scaled.width = Math.ceil(w); scaled.height = Math.ceil(h);
    var sc = scaled.getContext('2d');
    sc.imageSmoothingQuality = 'high';
    sc.drawImage(canvas, box.x, box.y, box.w, box.h, 0, 0, w, h);
    var c = centreOfMass(sc, scaled.width, scaled.height);
    var out = document.createElement('canvas');
    out.width = size; out.height = size;
    var o = out.getContext('2d');
    o.fillStyle = '#000';
    o.fillRect(0, 0, size, size);
    o.drawImage(scaled, size / 2 - c.x, size / 2 - c.y);
    return out;
  }

  function centreOfMass(context, width, height) {
    var d = context.getImageData(0, 0, width, height).data;
    var sum = 0, sx = 0, sy = 0;
    for (var y = 0; y < height; y++) {
      for (var x = 0; x < width; x++) {
        var v = d[(y * width + x) * 4];
        sum += v; sx += v * (x + 0.5); sy += v * (y + 0.5);
      }
    }
    return sum > 0 ? { x: sx / sum, y: sy / sum } : { x: width / 2, y: height / 2 };
  }

  function send() {
    var box = inkBox();
    if (!box) return;
    var mine = ++sequence;
    document.getElementById('status').textContent = 'Classifying…';
    framed(box).toBlob(function (blob) {
      fetch(classifyUrl(location.href), {
        method: 'POST', headers: { 'Content-Type': 'image/png' }, body: blob
      }).then(function (r) { return r.json().then(function (j) { return { ok: r.ok, body: j }; }); })
        .then(function (res) {
          if (mine !== sequence) return;
          if (!res.ok) throw new Error(res.body.error ? res.body.error.message : 'request failed');
          show(res.body);
        })
        .catch(function (err) { if (mine === sequence) document.getElementById('status').textContent = 'Error: ' + err.message; });
    }, 'image/png');
  }

  function show(body) {
    document.getElementById('prediction').textContent = String(body.label !== undefined ? body.label : body.value);
    document.getElementById('score').textContent = 'score ' + body.score.toFixed(4);
    document.getElementById('status').textContent = 'Done';
    renderBars(body.top || null);
  }

  function renderBars(top) {
    var bars = document.getElementById('bars');
    var scores = [];
    for (var i = 0; i < 10; i++) scores.push(0);
    var best = -1;
    if (top) {
      top.forEach(function (t) { if (t.value >= 0 && t.value < 10) scores[t.value] = t.score; });
      best = top[0].value;
    }
    bars.innerHTML = '';
    scores.forEach(function (s, digit) {
      var row = document.createElement('div');
      row.className = 'bar' + (digit === best ? ' best' : '');
      row.setAttribute('data-digit', String(digit));
      row.setAttribute('data-score', String(s));
      var label = document.createElement('span');
      label.className = 'digit';
      label.textContent = String(digit);
      var track = document.createElement('span');
      track.className = 'track';
      var fill = document.createElement('span');
      fill.className = 'fill';
      fill.style.width = (s * 100).toFixed(1) + '%';
      track.appendChild(fill);
      var value = document.createElement('span');
      value.className = 'value';
      value.textContent = (s * 100).toFixed(1) + '%';
      row.appendChild(label); row.appendChild(track); row.appendChild(value);
      bars.appendChild(row);
    });
  }

  document.getElementById('clear').addEventListener('click', clear);
  clear();
})();
`;
