// WCAG 2.1 AA: every rule in the popup and report styles that sets both a text colour and a
// background has a contrast ratio of at least 4.5:1; text without its own background is checked
// against the page background.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

function luminance(hex) {
  const h = hex.length === 4 ? hex.slice(1).split('').map((c) => c + c).join('') : hex.slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
export function contrast(a, b) {
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}

function pairs(file) {
  const css = readFileSync(new URL(file, import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const vars = Object.fromEntries([...css.matchAll(/(--[a-z-]+):\s*(#[0-9a-f]{3,6})/gi)].map((m) => [m[1], m[2]]));
  const value = (v) => (v?.startsWith('var(') ? vars[v.slice(4, -1)] : v);
  const rootBg = value(/:root\s*\{[^}]*background:\s*([^;]+);/.exec(css)?.[1].trim()) ?? '#fff';
  const out = [];
  for (const [, selector, body] of css.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    const color = value(/(?:^|;)\s*color:\s*([^;]+)/.exec(body)?.[1].trim());
    const bg = value(/background(?:-color)?:\s*([^;]+)/.exec(body)?.[1].trim());
    if (color && /^#/.test(color)) out.push({ selector: selector.trim(), color, bg: bg && /^#/.test(bg) ? bg : rootBg });
  }
  return out;
}

test('the contrast helper matches known values', () => {
  assert.equal(Math.round(contrast('#000', '#fff')), 21);
  assert.ok(contrast('#777', '#fff') < 4.5);
});

for (const file of ['./popup.css', '../report/report.css']) {
  test(`text contrast is at least 4.5:1 in ${file}`, () => {
    const found = pairs(file);
    assert.ok(found.length >= 5, 'the style sheet has colour rules');
    for (const { selector, color, bg } of found) {
      assert.ok(contrast(color, bg) >= 4.5, `${selector}: ${color} on ${bg} is ${contrast(color, bg).toFixed(2)}:1`);
    }
  });
}
