// Pure logic shared by the content script files (classic scripts: one namespace object).
// No DOM and no extension APIs here, so it runs unchanged in unit tests.
(() => {
  const PV = (globalThis.promptvakt ??= {});

  const CATEGORY_ORDER = [
    'personnummer', 'health', 'sensitive', 'financial', 'secret', 'classified', 'name', 'contact', 'identifier',
  ];

  /** Verdicts for exact texts. A verdict counts only for the very text it was computed on. */
  class VerdictCache {
    constructor(limit = 8, maxChars = 12000000) {
      this.limit = limit;
      this.maxChars = maxChars;
      this.map = new Map();
    }
    get(text) {
      return this.map.get(text) ?? null;
    }
    set(text, verdict) {
      this.map.delete(text);
      this.map.set(text, verdict);
      // Bounded in count and in characters held (drafts can be megabytes).
      let chars = 0;
      for (const k of this.map.keys()) chars += k.length;
      while (this.map.size > this.limit || (this.map.size > 1 && chars > this.maxChars)) {
        const oldest = this.map.keys().next().value;
        chars -= oldest.length;
        this.map.delete(oldest);
      }
    }
    clear() {
      this.map.clear();
    }
  }

  /** Strongest action among findings: 'block' > 'warn' > 'allow'. */
  function verdictOf(findings) {
    if (findings.some((f) => f.action === 'block')) return 'block';
    if (findings.some((f) => f.action === 'warn')) return 'warn';
    return 'allow';
  }

  /**
   * Splits a long text into pieces for scanning: [{start, text}] with `overlap` code units
   * repeated, so a finding across a cut is still seen whole in one piece.
   */
  function chunks(text, size = 256 * 1024, overlap = 512) {
    if (text.length <= size) return [{ start: 0, text }];
    const out = [];
    for (let start = 0; start < text.length; start += size - overlap) {
      let s = start;
      // Never cut a surrogate pair in half.
      if (s > 0 && isLowSurrogate(text.charCodeAt(s))) s -= 1;
      let e = Math.min(text.length, s + size);
      if (e < text.length && isLowSurrogate(text.charCodeAt(e))) e += 1;
      out.push({ start: s, text: text.slice(s, e) });
      if (e >= text.length) break;
    }
    return out;
  }
  const isLowSurrogate = (c) => c >= 0xdc00 && c <= 0xdfff;

  /** Merges per-chunk findings into whole-text offsets, dropping duplicates from overlaps. */
  function mergeChunkFindings(parts) {
    const all = [];
    for (const { start, findings } of parts) {
      for (const f of findings) all.push({ ...f, start: f.start + start, end: f.end + start });
    }
    all.sort((a, b) => a.start - b.start || b.end - a.end);
    const out = [];
    for (const f of all) {
      const last = out[out.length - 1];
      if (last && f.start < last.end) {
        if (f.end - f.start > last.end - last.start) out[out.length - 1] = f;
        continue;
      }
      out.push(f);
    }
    return out;
  }

  /** Counts per category, e.g. {personnummer: 2}. Never includes matched text. */
  function countByCategory(findings) {
    const counts = {};
    for (const f of findings) counts[f.category] = (counts[f.category] ?? 0) + 1;
    return counts;
  }

  /** Findings grouped by category in a stable, most-serious-first order. */
  function groupFindings(findings) {
    const groups = new Map();
    for (const f of findings) {
      if (!groups.has(f.category)) groups.set(f.category, []);
      groups.get(f.category).push(f);
    }
    const rank = (c) => (CATEGORY_ORDER.includes(c) ? CATEGORY_ORDER.indexOf(c) : CATEGORY_ORDER.length);
    return [...groups.entries()]
      .sort(([a, fa], [b, fb]) => (fb[0].action === 'block') - (fa[0].action === 'block') || rank(a) - rank(b))
      .map(([category, items]) => ({ category, action: items.some((f) => f.action === 'block') ? 'block' : items[0].action, findings: items }));
  }

  /**
   * A finding in context: {before, match, after}, cut on code-point boundaries (UTF-16 offsets,
   * so emoji and other astral characters are never split), with an ellipsis where cut.
   */
  function snippet(text, start, end, context = 40) {
    const clampStart = (i) => (i > 0 && isLowSurrogate(text.charCodeAt(i)) ? i - 1 : i);
    const clampEnd = (i) => (i < text.length && isLowSurrogate(text.charCodeAt(i)) ? i + 1 : i);
    const s = Math.max(0, Math.min(start, text.length));
    const e = Math.max(s, Math.min(end, text.length));
    const from = clampStart(Math.max(0, s - context));
    const to = clampEnd(Math.min(text.length, e + context));
    const squash = (t) => t.replace(/\s+/g, ' ');
    return {
      before: (from > 0 ? '…' : '') + squash(text.slice(from, s)),
      match: text.slice(s, e),
      after: squash(text.slice(e, to)) + (to < text.length ? '…' : ''),
    };
  }

  /**
   * How to write `text` into a composer so the site's editor state follows, in order of
   * preference. Textareas: the native value setter plus an input event (React reads it).
   * Rich editors: select all, then a synthetic paste, which ProseMirror/Tiptap, Quill and Lexical
   * all parse into their own model (execCommand does not fire beforeinput, so a Lexical-style
   * editor can show the new DOM while its model still holds the old text). Where a synthetic
   * paste cannot carry text (Firefox), a cancelable beforeinput that the editor applies itself;
   * insertText last, for editors that read the DOM back (ProseMirror, Quill). Never a bare DOM
   * rewrite: the editor's model would keep the original and send it.
   */
  function planWriteBack(kind) {
    if (kind === 'textarea' || kind === 'input') return ['nativeValue'];
    return ['paste', 'beforeinput', 'insertText'];
  }

  /** Compares what the editor holds with what we wrote, ignoring whitespace differences. */
  function sameText(a, b) {
    const norm = (t) => String(t).replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
    return norm(a) === norm(b);
  }

  const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  /** A regex matching any placeholder of `mapping`, longest first, or null. */
  function placeholderRegex(mapping) {
    if (!mapping?.length) return null;
    const keys = [...new Set(mapping.map((m) => m.placeholder))].sort((a, b) => b.length - a.length);
    return new RegExp(keys.map(escapeRe).join('|'), 'g');
  }

  /** Splits a reply text into [{text} | {placeholder, value}] parts for local restoration. */
  function restoreParts(text, mapping) {
    const re = placeholderRegex(mapping);
    if (!re) return [{ text }];
    const values = new Map(mapping.map((m) => [m.placeholder, m.value]));
    const parts = [];
    let last = 0;
    for (const m of text.matchAll(re)) {
      if (m.index > last) parts.push({ text: text.slice(last, m.index) });
      parts.push({ placeholder: m[0], value: values.get(m[0]) });
      last = m.index + m[0].length;
    }
    if (last < text.length) parts.push({ text: text.slice(last) });
    return parts;
  }

  /** Merges a new redaction mapping into the conversation's mapping (by placeholder). */
  function mergeMapping(old, added) {
    const out = [...(old ?? [])];
    const seen = new Set(out.map((m) => m.placeholder));
    for (const m of added ?? []) if (!seen.has(m.placeholder)) out.push(m), seen.add(m.placeholder);
    return out;
  }

  const TEXT_FILE = /\.(txt|csv|md|markdown|json|log|tsv)$/i;
  const TEXT_TYPES = /^(text\/(plain|csv|markdown|x-log|tab-separated-values)|application\/json)$/i;
  /** Whether a file is text-like and must be scanned before the site gets it. */
  function isTextFile(name, type) {
    return TEXT_FILE.test(String(name ?? '')) || TEXT_TYPES.test(String(type ?? ''));
  }

  Object.assign(PV, {
    VerdictCache, verdictOf, chunks, mergeChunkFindings, countByCategory, groupFindings, snippet,
    planWriteBack, sameText, placeholderRegex, restoreParts, mergeMapping, isTextFile, CATEGORY_ORDER,
  });
})();
