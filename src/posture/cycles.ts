import type { Resource } from './graph.js';

/**
 * Circular references between resources (Ref, GetAtt, Sub, DependsOn), which CloudFormation rejects at deploy
 * time. Each cycle is returned once, as the logical ids along it, starting from the first in template order.
 * Iterative (Tarjan's strongly connected components), so a long chain cannot overflow the stack.
 */
export function findReferenceCycles(resources: readonly Resource[]): string[][] {
  const ids = new Map(resources.map((r, i) => [r.id, i]));
  // Self references are left out: the parser drops them, and a one-resource "cycle" says nothing useful.
  const edges = resources.map((r, self) =>
    [...new Set(r.refs)].map((t) => ids.get(t)).filter((i): i is number => i !== undefined && i !== self),
  );
  const index = new Array<number>(resources.length).fill(-1);
  const low = new Array<number>(resources.length).fill(0);
  const onStack = new Array<boolean>(resources.length).fill(false);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  for (let start = 0; start < resources.length; start++) {
    if (index[start] !== -1) continue;
    const work: [number, number][] = [[start, 0]];
    index[start] = low[start] = counter++;
    stack.push(start);
    onStack[start] = true;
    while (work.length) {
      const frame = work[work.length - 1]!;
      const [v, next] = frame;
      const out = edges[v]!;
      if (next < out.length) {
        frame[1]++;
        const w = out[next]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = true;
          work.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1) components.push(comp);
      }
    }
  }
  return components
    .map((comp) => cyclePath(comp, edges).map((i) => resources[i]!.id))
    .sort((a, b) => (ids.get(a[0]!) ?? 0) - (ids.get(b[0]!) ?? 0));
}

/** One concrete cycle through a strongly connected component, from its first member back to it. */
function cyclePath(comp: number[], edges: number[][]): number[] {
  const members = new Set(comp);
  const start = Math.min(...comp);
  // Breadth-first from start, inside the component, until an edge leads back to start: the shortest cycle.
  const prev = new Map<number, number>();
  const queue = [start];
  for (let qi = 0; qi < queue.length; qi++) {
    const v = queue[qi]!;
    for (const w of edges[v]!) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [v];
        for (let p = prev.get(v); p !== undefined; p = prev.get(p)) path.push(p);
        return path.reverse();
      }
      if (!prev.has(w) && w !== start) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return comp.sort((a, b) => a - b);
}
