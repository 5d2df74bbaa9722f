// A strict reader for regedit's .reg format (version 5.00): UTF-16LE with BOM, [key] and [-key]
// sections, "name"="text" with \\ and \" escapes, "name"=dword:8 hex digits, ; comments.
export function parseReg(buf) {
  if (buf[0] !== 0xff || buf[1] !== 0xfe) throw new Error('not UTF-16LE with a BOM');
  const src = buf.subarray(2).toString('utf16le');
  if (/[^\r]\n/.test(src) || /\r(?!\n)/.test(src)) throw new Error('line endings must be CRLF');
  const lines = src.split('\r\n');
  if (lines[0] !== 'Windows Registry Editor Version 5.00') throw new Error('missing header');
  const keys = new Map();
  let current = null;
  lines.slice(1).forEach((line, n) => {
    const at = `line ${n + 2}`;
    if (!line.trim() || line.startsWith(';')) return;
    let m = /^\[(-?)(HKEY_(?:LOCAL_MACHINE|CURRENT_USER)\\[^\]]+)\]$/.exec(line);
    if (m) {
      if (m[1]) {
        for (const k of [...keys.keys()]) if (k === m[2] || k.startsWith(`${m[2]}\\`)) keys.delete(k);
        current = null;
      } else {
        current = keys.get(m[2]) ?? new Map();
        keys.set(m[2], current);
      }
      return;
    }
    if (!current) throw new Error(`${at}: value outside a key`);
    m = /^"((?:[^"\\]|\\.)*)"=(?:"((?:[^"\\]|\\.)*)"|dword:([0-9a-f]{8}))$/.exec(line);
    if (!m) throw new Error(`${at}: bad value line: ${line}`);
    const unescape = (s) => s.replace(/\\(.)/g, (_, c) => {
      if (c !== '\\' && c !== '"') throw new Error(`${at}: bad escape \\${c}`);
      return c;
    });
    current.set(unescape(m[1]), m[3] !== undefined ? { dword: parseInt(m[3], 16) } : { sz: unescape(m[2]) });
  });
  return keys;
}

/** The policy object Chrome builds from `policyKey` the way its registry loader does, by schema. */
export function chromePolicyFromReg(keys, policyKey, schema) {
  const values = keys.get(policyKey);
  if (!values) throw new Error(`no key ${policyKey}`);
  const out = {};
  for (const [name, v] of values) {
    const t = schema.properties[name]?.type;
    if (t === 'boolean') out[name] = v.dword === 1;
    else if (t === 'integer') out[name] = v.dword;
    else out[name] = v.sz;
  }
  for (const [k, sub] of keys) {
    if (!k.startsWith(`${policyKey}\\`)) continue;
    const name = k.slice(policyKey.length + 1);
    const items = [];
    for (let i = 1; sub.has(String(i)); i += 1) items.push(sub.get(String(i)).sz);
    if (items.length !== sub.size) throw new Error(`${name}: list values must be numbered 1..n`);
    out[name] = items;
  }
  return out;
}
