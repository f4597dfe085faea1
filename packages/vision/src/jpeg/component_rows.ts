/**
 * A component's sample rows, made on demand: the islow IDCT runs one block row (8 sample rows) at a time
 * into one of three reused buffers, so a 25-megapixel JPEG never holds its sample planes at full size. Three
 * block rows cover every access the upsamplers make (a row and its neighbours above and below), which move
 * downwards only; the least recently used buffer is the one replaced.
 */
import type { TimeBudget } from '../time_budget.js';
import { idctIslow } from './idct_islow.js';
import type { FrameComponent } from './types.js';

const SLOTS = 3;

interface Slot {
  blockRow: number;
  lastUse: number;
  readonly data: Uint8Array;
}

export class ComponentRows {
  /** Real samples per row and real rows (the rest of the blocks is MCU padding). */
  readonly width: number;
  readonly height: number;
  private readonly stride: number;
  private readonly slots: Slot[] = [];
  private uses = 0;

  constructor(
    private readonly component: FrameComponent,
    private readonly quant: Uint16Array,
    private readonly budget: TimeBudget,
  ) {
    this.width = component.width;
    this.height = component.height;
    this.stride = component.blocksPerLine * 8;
    for (let i = 0; i < SLOTS; i++) this.slots.push({ blockRow: -1, lastUse: 0, data: new Uint8Array(this.stride * 8) });
  }

  /** Samples of row `y` (0 <= y < height); valid until two other block rows have been asked for. */
  row(y: number): Uint8Array {
    const blockRow = y >> 3;
    let slot = this.slots.find((s) => s.blockRow === blockRow);
    if (!slot) {
      slot = this.slots.reduce((a, b) => (b.lastUse < a.lastUse ? b : a));
      this.transform(blockRow, slot);
    }
    slot.lastUse = ++this.uses;
    const at = (y & 7) * this.stride;
    return slot.data.subarray(at, at + this.width);
  }

  private transform(blockRow: number, slot: Slot): void {
    const c = this.component;
    const cols = Math.ceil(c.width / 8);
    for (let bx = 0; bx < cols; bx++) {
      idctIslow(c.coefs, (blockRow * c.blocksPerLine + bx) * 64, this.quant, slot.data, bx * 8, this.stride);
    }
    slot.blockRow = blockRow;
    this.budget.spend(cols * 64);
  }
}
