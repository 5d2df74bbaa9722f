// deploy/schema.json against Chrome's managed-storage schema rules (components/policy schema.cc:
// the allowed attributes per type, enum/items/range checks, $ref to an id), plus the translations
// the options page and the ADML need.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const read = (p) => JSON.parse(readFileSync(new URL(p, import.meta.url), 'utf8'));
const schema = read('../../deploy/schema.json');
const strings = read('../../extension/options/policy-strings.json');

const COMMON = ['description', 'id', 'sensitiveValue', 'title', 'type'];
const ALLOWED = {
  string: [...COMMON, 'enum', 'pattern'],
  integer: [...COMMON, 'enum', 'minimum', 'maximum'],
  number: COMMON,
  boolean: COMMON,
  array: [...COMMON, 'items'],
  object: [...COMMON, 'additionalProperties', 'patternProperties', 'properties', 'required'],
  $ref: ['$ref', 'description', 'title'],
};

/** Chrome's IsValidSchema without kSchemaOptionsIgnoreUnknownAttributes; returns errors. */
export function chromeSchemaErrors(root) {
  const errors = [];
  const ids = new Map();
  const refs = [];
  const visit = (s, path) => {
    if (typeof s !== 'object' || s === null || Array.isArray(s)) return errors.push(`${path}: schema must be a dict`);
    if ('$ref' in s) {
      refs.push([s.$ref, path]);
      for (const k of Object.keys(s)) if (!ALLOWED.$ref.includes(k)) errors.push(`${path}: unknown attribute '${k}'`);
      return;
    }
    const allowed = ALLOWED[s.type];
    if (!allowed) return errors.push(`${path}: unknown type '${s.type}'`);
    for (const k of Object.keys(s)) if (!allowed.includes(k)) errors.push(`${path}: unknown attribute '${k}'`);
    for (const k of ['title', 'description', 'pattern', 'id']) {
      if (k in s && typeof s[k] !== 'string') errors.push(`${path}: '${k}' must be a string`);
    }
    if ('sensitiveValue' in s && typeof s.sensitiveValue !== 'boolean') errors.push(`${path}: sensitiveValue must be boolean`);
    if (s.id) {
      if (ids.has(s.id)) errors.push(`${path}: duplicated id ${s.id}`);
      ids.set(s.id, s);
    }
    if ('enum' in s) {
      const want = s.type === 'string' ? 'string' : 'number';
      if (!Array.isArray(s.enum) || !s.enum.length || s.enum.some((v) => typeof v !== want)) errors.push(`${path}: bad enum`);
    }
    if ('pattern' in s) {
      try { new RegExp(s.pattern, 'u'); } catch (e) { errors.push(`${path}: pattern ${e.message}`); }
    }
    if (s.type === 'integer' && s.minimum !== undefined && s.maximum !== undefined && s.minimum > s.maximum) {
      errors.push(`${path}: minimum > maximum`);
    }
    if (s.type === 'array') {
      if (typeof s.items !== 'object' || s.items === null) errors.push(`${path}: array needs items`);
      else visit(s.items, `${path}.items`);
    }
    if (s.type === 'object') {
      for (const [k, v] of Object.entries(s.properties ?? {})) visit(v, `${path}.${k}`);
      for (const [k, v] of Object.entries(s.patternProperties ?? {})) visit(v, `${path}[${k}]`);
      if (s.additionalProperties) visit(s.additionalProperties, `${path}.*`);
      for (const r of s.required ?? []) if (!(r in (s.properties ?? {}))) errors.push(`${path}: required ${r} unknown`);
    }
  };
  if (root.type !== 'object') errors.push('the top-level schema must be of type object');
  visit(root, '$');
  for (const [ref, path] of refs) if (!ids.has(ref)) errors.push(`${path}: $ref to unknown id ${ref}`);
  return errors;
}

test('the schema is valid under Chrome\'s rules', () => {
  assert.deepEqual(chromeSchemaErrors(schema), []);
});

test('the validator is not a rubber stamp', () => {
  assert.ok(chromeSchemaErrors({ type: 'object', properties: { a: { type: 'string', default: 'x' } } }).length);
  assert.ok(chromeSchemaErrors({ type: 'object', properties: { a: { type: 'array' } } }).length);
  assert.ok(chromeSchemaErrors({ type: 'object', properties: { a: { $ref: 'Nope' } } }).length);
  assert.ok(chromeSchemaErrors({ type: 'array', items: { type: 'string' } }).length);
  assert.ok(chromeSchemaErrors({ type: 'object', properties: { a: { type: 'integer', minimum: 5, maximum: 1 } } }).length);
});

test('flat, typed keys: only scalars and string lists at the top level', () => {
  for (const [key, p] of Object.entries(schema.properties)) {
    assert.match(key, /^[a-z][A-Za-z]+$/, key);
    assert.ok(['string', 'boolean', 'integer', 'array'].includes(p.type), `${key}: ${p.type}`);
    if (p.type === 'array') {
      const items = p.items.$ref ? { type: 'string' } : p.items;
      assert.equal(items.type, 'string', key);
    }
    assert.ok(p.title && p.description, `${key} needs a title and a description (they become ADMX text)`);
  }
  assert.equal(schema.properties.incidentWebhookUrl.sensitiveValue, true);
});

test('every key has Swedish text, and no stale keys', () => {
  assert.deepEqual(Object.keys(strings.sv).sort(), Object.keys(schema.properties).sort());
  for (const [k, v] of Object.entries(strings.sv)) assert.ok(v.title && v.description, k);
});

test('the IT guide documents every setting', () => {
  const guide = readFileSync(new URL('../../deploy/README.md', import.meta.url), 'utf8');
  for (const key of Object.keys(schema.properties)) assert.ok(guide.includes(`| \`${key}\` |`), key);
});
