// A small strict XML parser for tests: well-formedness (matching tags, quoted attributes, known
// entities, one root) and a tree of {name, attrs, children, text}. Enough for ADMX/ADML, plists
// and update manifests; no DTD processing.
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s, where) {
  if (/<|&(?!(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/.test(s)) throw new Error(`bad character data ${where}: ${s.slice(0, 40)}`);
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (_, e) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e]);
}

export function parseXml(src) {
  let i = 0;
  const root = { name: '#document', attrs: {}, children: [] };
  const stack = [root];
  const top = () => stack[stack.length - 1];
  while (i < src.length) {
    if (src.startsWith('<?', i)) {
      const end = src.indexOf('?>', i);
      if (end < 0) throw new Error('unterminated processing instruction');
      i = end + 2;
    } else if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i);
      if (end < 0) throw new Error('unterminated comment');
      i = end + 3;
    } else if (src.startsWith('<!DOCTYPE', i)) {
      i = src.indexOf('>', i) + 1;
    } else if (src.startsWith('</', i)) {
      const m = /^<\/([A-Za-z_][\w:.-]*)\s*>/.exec(src.slice(i));
      if (!m) throw new Error(`bad end tag at ${i}`);
      const open = stack.pop();
      if (open.name !== m[1]) throw new Error(`</${m[1]}> closes <${open.name}> at ${i}`);
      i += m[0].length;
    } else if (src[i] === '<') {
      const m = /^<([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(src.slice(i));
      if (!m) throw new Error(`bad start tag at ${i}: ${src.slice(i, i + 60)}`);
      const attrs = {};
      for (const a of m[2].matchAll(/([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]}`);
        attrs[a[1]] = decode(a[2] ?? a[3], `in attribute ${a[1]}`);
      }
      const el = { name: m[1], attrs, children: [] };
      if (stack.length === 1 && root.children.some((c) => typeof c !== 'string')) throw new Error('two root elements');
      top().children.push(el);
      if (!m[3]) stack.push(el);
      i += m[0].length;
    } else {
      const end = src.indexOf('<', i);
      const raw = src.slice(i, end < 0 ? src.length : end);
      if (stack.length === 1) {
        if (raw.trim()) throw new Error('text outside the root element');
      } else top().children.push(decode(raw, `in <${top().name}>`));
      i = end < 0 ? src.length : end;
    }
  }
  if (stack.length !== 1) throw new Error(`<${top().name}> is not closed`);
  const doc = root.children.find((c) => typeof c !== 'string');
  if (!doc) throw new Error('no root element');
  return doc;
}

export const elements = (el) => el.children.filter((c) => typeof c !== 'string');
export const text = (el) => el.children.filter((c) => typeof c === 'string').join('');

/** Every element in the tree, depth first. */
export function all(el, out = []) {
  out.push(el);
  for (const c of elements(el)) all(c, out);
  return out;
}

/** A plist's <plist> root to a JS value. */
export function plistToJs(plist) {
  const conv = (el) => {
    switch (el.name) {
      case 'dict': {
        const kids = elements(el);
        const out = {};
        for (let k = 0; k < kids.length; k += 2) {
          if (kids[k].name !== 'key') throw new Error('dict entry without key');
          out[text(kids[k])] = conv(kids[k + 1]);
        }
        return out;
      }
      case 'array': return elements(el).map(conv);
      case 'string': return text(el);
      case 'integer': return Number(text(el));
      case 'true': return true;
      case 'false': return false;
      default: throw new Error(`unsupported plist element ${el.name}`);
    }
  };
  if (plist.name !== 'plist') throw new Error('not a plist');
  return conv(elements(plist)[0]);
}
