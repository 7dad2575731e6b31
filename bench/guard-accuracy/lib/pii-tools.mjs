// The tools compared by pii.mjs, behind one interface: { name, supports: Set<entity>, detect(text) → Promise<spans> }.
// Peers' own entity names are mapped to Steward's; an entity a peer has no detector for is listed as unsupported
// (shown as "n/a", never counted as 0 recall).
import { pathToFileURL } from 'node:url';

export async function stewardTool(distDir, entities) {
  const { createPiiScanner } = await import(pathToFileURL(`${distDir}/guard/scanners/pii/index.js`).href);
  const scanner = createPiiScanner({ entities });
  const ctx = { direction: 'input', role: 'user', route: 'default' };
  return {
    name: 'steward',
    supports: new Set(entities),
    detect: (text) => scanner.scan(text, ctx).spans.map(({ start, end, entity }) => ({ start, end, entity })),
  };
}

const REDACT_PII_MAP = {
  creditCardNumber: 'CREDIT_CARD',
  emailAddress: 'EMAIL_ADDRESS',
  ipAddress: 'IP_ADDRESS',
  names: 'PERSON',
  phoneNumber: 'PHONE_NUMBER',
  streetAddress: 'STREET_ADDRESS',
  usSocialSecurityNumber: 'US_SSN',
};

/**
 * redact-pii only returns the redacted text, and 3.4.0 ignores per-redactor `replaceWith`. So its own regexes (from
 * its package, same order as its default pipeline) are re-registered as custom redactors whose replacement is a
 * unique marker of private-use characters (no letters or digits, so later redactors cannot match it); the name
 * redactor stays built-in ("PERSON_NAME", last). Aligning the redacted text with the original recovers each span and
 * its type. Unmapped types (zipcode, username, password, credentials, digits, url) still run, as by default.
 */
export async function redactPiiTool() {
  const { SyncRedactor } = await import('redact-pii');
  const { default: patterns } = await import('redact-pii/lib/built-ins/simple-regexp-patterns.js');
  const types = Object.keys(patterns);
  const marker = (i) => `\uE000${String.fromCharCode(0xe100 + i)}\uE001`;
  const redactor = new SyncRedactor({
    builtInRedactors: Object.fromEntries(types.map((t) => [t, { enabled: false }])),
    customRedactors: { before: types.map((t, i) => ({ regexpPattern: patterns[t], replaceWith: marker(i) })) },
  });
  const MARKER = /\uE000([\uE100-\uE1FF])\uE001|PERSON_NAME/g;
  return {
    name: 'redact-pii',
    supports: new Set(Object.values(REDACT_PII_MAP)),
    detect: (text) => {
      const redacted = redactor.redact(text);
      const pieces = [];
      let last = 0;
      MARKER.lastIndex = 0;
      for (let m = MARKER.exec(redacted); m !== null; m = MARKER.exec(redacted)) {
        pieces.push({
          literal: redacted.slice(last, m.index),
          type: m[1] ? types[m[1].charCodeAt(0) - 0xe100] : 'names',
        });
        last = m.index + m[0].length;
      }
      const tail = redacted.slice(last);
      const spans = [];
      let cursor = 0; // position in the original text
      for (let i = 0; i < pieces.length; i++) {
        cursor += pieces[i].literal.length; // text before a marker is copied verbatim
        const next = i + 1 < pieces.length ? pieces[i + 1].literal : tail;
        // The redacted part ends where the next verbatim piece starts (two adjacent markers: counted as one span).
        let stop = next.length ? text.indexOf(next, cursor + 1) : i + 1 < pieces.length ? cursor : text.length;
        if (stop < 0) stop = text.length;
        const entity = REDACT_PII_MAP[pieces[i].type];
        if (entity && stop > cursor) spans.push({ start: cursor, end: stop, entity });
        cursor = Math.max(cursor, stop);
      }
      return spans;
    },
  };
}

const OPENREDACTION_MAP = (type) => {
  if (type === 'EMAIL') return 'EMAIL_ADDRESS';
  if (/^PHONE/.test(type)) return 'PHONE_NUMBER';
  if (type === 'CREDIT_CARD') return 'CREDIT_CARD';
  if (type === 'IBAN' || type === 'UK_BANK_ACCOUNT_IBAN') return 'IBAN';
  if (type === 'SSN') return 'US_SSN';
  if (type === 'ITIN') return 'US_ITIN';
  if (/PASSPORT/.test(type)) return 'PASSPORT';
  if (/^DRIVING_LICENSE|^DRIVER_ID$|DRIVER_LICENSE$/.test(type)) return 'DRIVER_LICENSE';
  if (type === 'IPV4' || type === 'IPV6') return 'IP_ADDRESS';
  if (type === 'DATE_OF_BIRTH') return 'DATE_OF_BIRTH';
  if (type === 'ADDRESS_STREET') return 'STREET_ADDRESS';
  if (type === 'NAME' || type === 'PERSON') return 'PERSON';
  return undefined;
};

/**
 * openredaction's `detect` (async) with its defaults; detections carry [start, end] positions. OPENREDACTION_MAP
 * covers every Steward entity (read from the build in `distDir`) but LOCATION.
 */
export async function openRedactionTool(distDir) {
  const { OpenRedaction } = await import('openredaction');
  const { PII_ENTITIES } = await import(pathToFileURL(`${distDir}/guard/scanners/pii/entities.js`).href);
  const redactor = new OpenRedaction();
  return {
    name: 'openredaction',
    supports: new Set(PII_ENTITIES.filter((e) => e !== 'LOCATION')),
    detect: async (text) => {
      const { detections } = await redactor.detect(text);
      const spans = [];
      for (const d of detections ?? []) {
        const entity = OPENREDACTION_MAP(d.type);
        if (entity && d.position) spans.push({ start: d.position[0], end: d.position[1], entity });
      }
      return spans;
    },
  };
}
