/**
 * Small images for tests of the serving edges, made in code: gray PNGs, a PNG whose header claims a huge size
 * (a decompression bomb: refused from the header alone), and a GIF. Not exported from the package index.
 */
import { PNG } from 'pngjs';

/** An 8-bit RGBA PNG whose gray level at (x, y) is `gray(x, y)`. */
export function grayPng(width: number, height: number, gray: (x: number, y: number) => number): Uint8Array {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const g = gray(x, y);
      png.data[i] = png.data[i + 1] = png.data[i + 2] = g;
      png.data[i + 3] = 255;
    }
  }
  return new Uint8Array(PNG.sync.write(png));
}

/** An 8-bit RGB PNG whose pixel at (x, y) is `rgb(x, y)`. */
export function rgbPng(width: number, height: number, rgb: (x: number, y: number) => readonly [number, number, number]): Uint8Array {
  const png = new PNG({ width, height, colorType: 2 });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) png.data.set([...rgb(x, y), 255], (y * width + x) * 4);
  }
  return new Uint8Array(PNG.sync.write(png, { colorType: 2 }));
}

/** A valid tiny PNG with its IHDR rewritten to claim width×height (CRC fixed so only the size is wrong). */
export function pngClaimingSize(width: number, height: number): Uint8Array {
  const bytes = Buffer.from(grayPng(2, 2, () => 0));
  // Signature (8) + chunk length (4) + 'IHDR' (4): width and height follow as big-endian u32.
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  bytes.writeUInt32BE(crc32(bytes.subarray(12, 29)), 29);
  return new Uint8Array(bytes);
}

/** A 1×1 GIF89a. */
export function tinyGif(): Uint8Array {
  return new Uint8Array(
    Buffer.from('474946383961010001000000002c00000000010001000002024401003b', 'hex'),
  );
}

/** CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as PNG chunks use it. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
