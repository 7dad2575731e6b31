/**
 * A text inside a request or response JSON document, by reference (`holder[key]`), so the guard's transformed texts
 * are written back in place without knowing the document's shape twice.
 */
import type { Segment } from '../guard-api.js';
import type { SegmentRole } from '../types.js';

export interface TextSlot {
  holder: Record<string, unknown> | unknown[];
  key: string | number;
  role: SegmentRole;
}

export function slotText(slot: TextSlot): string {
  return (slot.holder as Record<string | number, unknown>)[slot.key] as string;
}

export function slotSegments(slots: readonly TextSlot[]): Segment[] {
  return slots.map((s) => ({ role: s.role, text: slotText(s) }));
}

/** Writes texts back where they came from; returns whether any differed. */
export function writeBack(slots: readonly TextSlot[], segments: readonly Segment[]): boolean {
  let changed = false;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    const text = segments[i]?.text;
    if (text === undefined || text === slotText(slot)) continue;
    (slot.holder as Record<string | number, unknown>)[slot.key] = text;
    changed = true;
  }
  return changed;
}

/** System texts joined, as scanners see the system prompt. */
export function systemPromptOf(segments: readonly Segment[]): string | undefined {
  let prompt: string | undefined;
  for (const s of segments) {
    if (s.role === 'system') prompt = prompt === undefined ? s.text : `${prompt}\n${s.text}`;
  }
  return prompt;
}

/** Tool results and documents of a request: the output scanners' grounding context. */
export function contextOf(segments: readonly Segment[]): string[] | undefined {
  let context: string[] | undefined;
  for (const s of segments) {
    if (s.role !== 'tool' && s.role !== 'document') continue;
    context ??= [];
    context.push(s.text);
  }
  return context;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
