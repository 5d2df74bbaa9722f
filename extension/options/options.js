// Options page: every setting of deploy/schema.json with its effective value (managed ones are
// marked and locked), a test box that scans through the background, and a diagnostics view.
// Scanned text is only shown on this page; it is never stored.
import { choiceLabel } from '../shared/policy-util.js';
import { startLoading } from '../shared/loading.js';

const $ = (id) => document.getElementById(id);
const send = (msg) => chrome.runtime.sendMessage(msg).then((r) => {
  if (!r?.ok) throw new Error(r?.error ?? 'no reply');
  return r;
});

let messages = null; // forced-language messages, when the policy sets one
const t = (key, fallback = '') => messages?.[key]?.message ?? (chrome.i18n.getMessage(key) || fallback);

let schema = null;
let strings = null;
let state = null;

async function loadLanguage(policyLang) {
  const lang = policyLang === 'sv' || policyLang === 'en' ? policyLang : null;
  messages = lang
    ? await fetch(chrome.runtime.getURL(`_locales/${lang}/messages.json`)).then((r) => r.json()).catch(() => null)
    : null;
  const ui = lang ?? (chrome.i18n.getUILanguage().toLowerCase().startsWith('sv') ? 'sv' : 'en');
  document.documentElement.lang = ui;
  return ui;
}

function translatePage() {
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n, el.textContent);
}

function label(key, ui) {
  const prop = schema.properties[key];
  const sv = ui === 'sv' ? strings.sv?.[key] : null;
  return { title: sv?.title ?? prop.title ?? key, description: sv?.description ?? prop.description ?? '' };
}

function inputFor(key, prop, value) {
  let el;
  if (prop.type === 'boolean') {
    el = document.createElement('input');
    el.type = 'checkbox';
    el.checked = value === true;
  } else if (prop.enum) {
    el = document.createElement('select');
    for (const v of prop.enum) el.append(new Option(choiceLabel(v, t(`options_value_${v}`)), v, false, v === value));
  } else if (prop.type === 'integer') {
    el = document.createElement('input');
    el.type = 'number';
    if (prop.minimum !== undefined) el.min = prop.minimum;
    if (prop.maximum !== undefined) el.max = prop.maximum;
    el.value = value ?? '';
  } else if (prop.type === 'array') {
    el = document.createElement('textarea');
    el.rows = Math.max(2, Math.min(6, (value?.length ?? 0) + 1));
    el.value = (value ?? []).join('\n');
  } else {
    el = document.createElement('input');
    el.type = prop.sensitiveValue ? 'password' : 'text';
    el.value = value ?? '';
  }
  el.id = `f-${key}`;
  el.dataset.key = key;
  return el;
}

function readInput(el, prop) {
  if (prop.type === 'boolean') return el.checked;
  if (prop.type === 'integer') return el.value === '' ? undefined : Number(el.value);
  if (prop.type === 'array') return el.value.split('\n').map((s) => s.trim()).filter(Boolean);
  return el.value.trim();
}

// Headings for the settings, in schema order; Swedish fallbacks when a locale lacks them.
const GROUPS = {
  general: 'Organisation och språk', actions: 'Åtgärder på publika AI-tjänster',
  approved: 'Åtgärder på godkända AI-tjänster', sites: 'Webbplatser och regler',
  incident: 'Incidentrapporter', behaviour: 'Beteende',
};
function groupOf(key) {
  if (key.startsWith('approvedAction')) return 'approved';
  if (key.startsWith('action') || key.includes('Override')) return 'actions';
  if (key.startsWith('incident')) return 'incident';
  if (/sites|Sites|Terms|Patterns|internal/.test(key)) return 'sites';
  if (['failMode', 'showStatusWhileTyping', 'typingDelayMs'].includes(key)) return 'behaviour';
  return 'general';
}

function renderSettings(ui) {
  const form = $('settings');
  form.replaceChildren();
  const { policy, managedKeys } = state;
  let group = null;
  for (const [key, prop] of Object.entries(schema.properties)) {
    const g = groupOf(key);
    if (g !== group) {
      group = g;
      const h = document.createElement('h3');
      h.textContent = t(`options_group_${g}`, GROUPS[g]);
      form.append(h);
    }
    const { title, description } = label(key, ui);
    const row = document.createElement('div');
    row.className = 'row';
    row.dataset.key = key;
    const lab = document.createElement('label');
    lab.htmlFor = `f-${key}`;
    lab.textContent = title;
    const input = inputFor(key, prop, policy[key]);
    const desc = document.createElement('div');
    desc.className = 'desc';
    desc.id = `d-${key}`;
    desc.textContent = description;
    const code = document.createElement('span');
    code.className = 'key';
    code.textContent = ` ${key}`;
    desc.append(code);
    input.setAttribute('aria-describedby', desc.id);
    const cell = document.createElement('div');
    cell.append(input);
    if (managedKeys.includes(key)) {
      input.disabled = true;
      const badge = document.createElement('span');
      badge.className = 'managed';
      badge.id = `m-${key}`;
      badge.textContent = t('options_managed', 'Hanteras av din organisation');
      cell.append(document.createElement('br'), badge);
      input.setAttribute('aria-describedby', `${badge.id} ${desc.id}`);
    }
    row.append(lab, cell, desc);
    form.append(row);
  }
}

async function save(ev) {
  ev.preventDefault();
  const values = {};
  for (const [key, prop] of Object.entries(schema.properties)) {
    if (state.managedKeys.includes(key)) continue;
    const v = readInput($(`f-${key}`), prop);
    // Only what differs from the built-in default is the user's own choice.
    if (v !== undefined && JSON.stringify(v) !== JSON.stringify(state.defaults[key])) values[key] = v;
  }
  const status = $('save-status');
  try {
    const r = await send({ type: 'setUserPolicy', values });
    status.textContent = r.issues.length
      ? r.issues.map((i) => `${i.key}: ${i.message}`).join('; ')
      : t('options_saved', 'Sparat.');
  } catch (e) {
    status.textContent = String(e.message);
  }
}

function renderDiagnostics() {
  const d = state;
  const facts = [
    [t('options_diag_version', 'Version'), `${d.extensionVersion} (core ${d.coreVersion ?? '?'})`],
    [t('options_diag_id', 'Tilläggets id'), d.extensionId],
    [t('options_diag_managed_keys', 'Hanterade inställningar'), d.managedKeys.join(', ') || '–'],
    [t('options_diag_sites', 'Tillagda webbplatser'), d.registeredSites.join(', ') || '–'],
  ];
  if (d.registrationError) facts.push(['registerContentScripts', d.registrationError]);
  if (d.managedStorageError) facts.push(['storage.managed', d.managedStorageError]);
  $('diag-facts').replaceChildren(...facts.flatMap(([k, v]) => {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = v;
    return [dt, dd];
  }));
  const list = $('diag-issues');
  list.replaceChildren();
  if (!d.issues.length) {
    const li = document.createElement('li');
    li.textContent = t('options_diag_no_issues', 'Inga problem.');
    list.append(li);
  }
  for (const i of d.issues) {
    const li = document.createElement('li');
    li.dataset.key = i.key;
    li.dataset.source = i.source;
    const src = document.createElement('span');
    src.className = 'issue-source';
    src.textContent = `[${i.source}] ${i.key || '–'}: `;
    li.append(src, i.message);
    list.append(li);
  }
  $('diag-policy').textContent = JSON.stringify(d.policy, null, 2);
}

async function runTest() {
  const text = $('test-text').value;
  const out = $('test-result');
  try {
    const { findings } = await send({ type: 'scan', text });
    if (!findings.length) {
      out.textContent = t('options_test_none', 'Inget flaggades.');
      return;
    }
    const view = document.createElement('div');
    view.id = 'test-output';
    let at = 0;
    for (const f of findings) {
      view.append(text.slice(at, f.start));
      const mark = document.createElement('mark');
      mark.className = f.action ?? '';
      mark.dataset.category = f.category;
      mark.title = `${f.category} (${f.kind})${f.action ? ` – ${f.action}` : ''}`;
      mark.textContent = text.slice(f.start, f.end);
      view.append(mark);
      at = f.end;
    }
    view.append(text.slice(at));
    const summary = document.createElement('ul');
    for (const f of findings) {
      const li = document.createElement('li');
      li.textContent = `${f.category} – ${f.kind}${f.action ? ` (${f.action})` : ''}`;
      summary.append(li);
    }
    out.replaceChildren(view, summary);
  } catch (e) {
    out.textContent = String(e.message);
  }
}

// In the browser's language until the policy, which may force another, has arrived.
translatePage();
const loading = startLoading();

async function load() {
  try {
    [schema, strings, state] = await Promise.all([
      fetch(chrome.runtime.getURL('schema.json')).then((r) => r.json()),
      fetch(chrome.runtime.getURL('options/policy-strings.json')).then((r) => r.json()).catch(() => ({})),
      send({ type: 'policyDiagnostics' }),
    ]);
  } catch {
    loading.fail();
    return;
  }
  const ui = await loadLanguage(state.policy.language);
  translatePage();
  const org = $('org');
  org.hidden = !state.policy.organizationName;
  org.textContent = state.policy.organizationName;
  renderSettings(ui);
  renderDiagnostics();
  loading.done();
  document.body.dataset.loaded = String(Date.now());
}

$('settings').addEventListener('submit', save);
$('test-run').addEventListener('click', runTest);
chrome.runtime.onMessage.addListener((msg) => {
  if (msg?.type === 'policyChanged') load();
});
load();
