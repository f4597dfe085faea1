/** Light augmentation for digits and small images: random shifts of up to `maxShift` pixels (zero fill). */
export function randomShift(batch: Float32Array, count: number, h: number, w: number, c: number, rand: () => number, maxShift = 2): Float32Array {
  const out = new Float32Array(batch.length);
  const size = h * w * c;
  for (let n = 0; n < count; n++) {
    const dy = Math.floor(rand() * (2 * maxShift + 1)) - maxShift;
    const dx = Math.floor(rand() * (2 * maxShift + 1)) - maxShift;
    for (let y = 0; y < h; y++) {
      const sy = y - dy;
      if (sy < 0 || sy >= h) continue;
      for (let x = 0; x < w; x++) {
        const sx = x - dx;
        if (sx < 0 || sx >= w) continue;
        const dst = n * size + (y * w + x) * c;
        const src = n * size + (sy * w + sx) * c;
        for (let k = 0; k < c; k++) out[dst + k] = batch[src + k];
      }
    }
  }
  return out;
}
