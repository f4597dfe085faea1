/**
 * The resources of one interpreter, shared by all of its subgraphs (as TFLite's resource map): resource
 * variables keyed by id, hash tables keyed by table id, the ids given to (container, shared_name) pairs, and
 * which CALL_ONCE init subgraphs already ran. They live as long as the interpreter (resetVariableTensors leaves them, as in TFLite).
 */
import type { ResourceVariable, Resources } from '../kernels/node_runtime.js';
import type { StaticHashtable } from '../kernels/resource/static_hashtable.js';

export class ResourceStore implements Resources {
  private readonly ids = new Map<string, number>();
  private readonly variables = new Map<number, ResourceVariable>();
  private readonly initialized = new Set<number>();
  // TFLite keeps tables and variables in one resource map keyed by int32 id, where a table id equal to a
  // variable id would alias two resources of different kinds; here each kind has its own ids.
  private readonly tables = new Map<number, StaticHashtable>();

  variableId(container: string, sharedName: string): number {
    const key = JSON.stringify([container, sharedName]);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
    }
    return id;
  }

  variable(id: number): ResourceVariable {
    let v = this.variables.get(id);
    if (!v) {
      v = { dtype: null, shape: [], data: null };
      this.variables.set(id, v);
    }
    return v;
  }

  hashtable(tableId: number, create?: () => StaticHashtable): StaticHashtable | undefined {
    let t = this.tables.get(tableId);
    if (!t && create) {
      t = create();
      this.tables.set(tableId, t);
    }
    return t;
  }

  firstCall(subgraphIndex: number): boolean {
    if (this.initialized.has(subgraphIndex)) return false;
    this.initialized.add(subgraphIndex);
    return true;
  }
}
