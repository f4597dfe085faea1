/**
 * Reads entropy-coded bits MSB first, removing the stuffed zero after each 0xFF. At a marker or at the end
 * of the data it supplies zero bits (as libjpeg does, so a look-ahead may peek past the last code), but
 * consuming any such bit means the scan is truncated or corrupt, which is an error.
 */
import { corrupt } from './types.js';

export class BitReader {
  private acc = 0;
  private bits = 0;
  /** How many of the low `bits` are padding past a marker or the end of the data. */
  private padding = 0;
  private atMarker = false;

  constructor(
    private readonly data: Uint8Array,
    public pos: number,
  ) {}

  /** Ensures at least 17 bits are buffered (some may be padding). */
  private fill(): void {
    const data = this.data;
    while (this.bits <= 16) {
      let byte = -1;
      if (!this.atMarker && this.pos < data.length) {
        byte = data[this.pos];
        if (byte !== 0xff) this.pos++;
        else if (this.pos + 1 < data.length && data[this.pos + 1] === 0) this.pos += 2;
        else {
          this.atMarker = true;
          byte = -1;
        }
      }
      if (byte < 0) {
        byte = 0;
        this.padding += 8;
      }
      this.acc = (this.acc << 8) | byte;
      this.bits += 8;
    }
  }

  private consume(n: number): void {
    this.bits -= n;
    if (this.bits < this.padding) throw corrupt('scan data is truncated or corrupt (ran into a marker or the end of the file)');
  }

  /** The next `n` (1..16) bits without consuming them. */
  peek(n: number): number {
    if (this.bits < n) this.fill();
    return (this.acc >>> (this.bits - n)) & ((1 << n) - 1);
  }

  skip(n: number): void {
    this.consume(n);
  }

  read(n: number): number {
    if (n === 0) return 0;
    const v = this.peek(n);
    this.consume(n);
    return v;
  }

  /** One bit: the progressive refinement passes read one per non-zero coefficient, so this path is kept short. */
  readBit(): number {
    if (this.bits === 0) this.fill();
    const bits = --this.bits;
    if (bits < this.padding) throw corrupt('scan data is truncated or corrupt (ran into a marker or the end of the file)');
    return (this.acc >>> bits) & 1;
  }

  /**
   * Progressive AC refinement (T.81 G.1.2.3) from zigzag position `from` to `to` (mapped to natural order by
   * `order`): each coefficient that is already non-zero gets one correction bit, which moves it one step
   * (`p1` or `m1`) further from zero when set and that bit is not set yet. Zero coefficients are passed
   * over until the (`zeros` + 1)-th, whose position is returned (`to` + 1 if the band ends first; Infinity
   * refines the whole band). The refinement passes are most of a progressive decode's time, so the bit
   * buffer is held in locals here.
   */
  refineBand(coefs: Int16Array, offset: number, order: Uint8Array, from: number, to: number, zeros: number, p1: number, m1: number): number {
    let acc = this.acc;
    let bits = this.bits;
    let k = from;
    for (; k <= to; k++) {
      const at = offset + order[k];
      const c = coefs[at];
      if (c === 0) {
        if (--zeros < 0) break;
        continue;
      }
      if (bits === 0) {
        this.bits = 0;
        this.fill();
        acc = this.acc;
        bits = this.bits;
      }
      bits--;
      if (bits < this.padding) {
        this.bits = bits;
        throw corrupt('scan data is truncated or corrupt (ran into a marker or the end of the file)');
      }
      if ((acc >>> bits) & 1 && (c & p1) === 0) coefs[at] = c + (c >= 0 ? p1 : m1);
    }
    this.bits = bits;
    return k;
  }

  /** `n` bits as a signed magnitude category value (T.81 F.2.2.1 EXTEND). */
  receiveExtend(n: number): number {
    const v = this.read(n);
    return v < 1 << (n - 1) ? v - (1 << n) + 1 : v;
  }

  /** Drops buffered bits and consumes the RSTn marker expected at a restart boundary. */
  restart(): void {
    this.acc = 0;
    this.bits = 0;
    this.padding = 0;
    this.atMarker = false;
    const data = this.data;
    let p = this.pos;
    while (p < data.length && data[p] === 0xff && data[p + 1] === 0xff) p++;
    if (p + 1 >= data.length || data[p] !== 0xff || data[p + 1] < 0xd0 || data[p + 1] > 0xd7) {
      throw corrupt(`restart marker expected at byte ${p}`);
    }
    this.pos = p + 2;
  }

  /**
   * The position of the marker that ends this scan (skipping what remains of the entropy-coded data), or
   * the data's length when the file ends here.
   */
  nextMarker(): number {
    const data = this.data;
    let p = this.pos;
    while (p + 1 < data.length && !(data[p] === 0xff && data[p + 1] !== 0 && data[p + 1] !== 0xff)) p++;
    return p + 1 < data.length ? p : data.length;
  }
}
