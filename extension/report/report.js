// The incident report page. Facts arrive as counts in the query; the user's free text is scanned
// by the background before it can leave the page by any channel (send, e-mail, e-service, copy).
import {
  CATEGORIES, INCIDENT_TYPES, MEASURES, PERSON_COUNTS, SUBJECT_GROUPS, buildFacts, buildMailto, buildReport,
  buildUrl, buildWebhookBody, channelFromPolicy, defaultType, factsFromQuery, reportText,
} from '../shared/incident.js';
import { ask, loadI18n, loadPolicy } from './i18n.js';

const $ = (id) => document.getElementById(id);
// Findings in these categories can be words about the incident ("a diagnosis was pasted"), so the
// user may confirm them; names, numbers and contact details in the text can never be sent.
const CONFIRMABLE = ['health', 'sensitive', 'classified'];

const policy = await loadPolicy();
const { lang, t } = await loadI18n(policy.language);
const ch = channelFromPolicy(policy);
const initial = factsFromQuery(location.search);

const pad = (n) => String(n).padStart(2, '0');
const toLocalInput = (ms) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

function option(select, value, label, selected) {
  const o = new Option(label, value, selected, selected);
  select.append(o);
}

function checkbox(fieldset, prefix, id, label) {
  const row = document.createElement('div');
  row.className = 'check-row';
  const input = Object.assign(document.createElement('input'), { type: 'checkbox', id: `${prefix}-${id}`, value: id });
  const lab = Object.assign(document.createElement('label'), { htmlFor: input.id, textContent: label });
  row.append(input, lab);
  fieldset.append(row);
}

function renderFacts() {
  const dl = $('facts');
  const cats = Object.entries(initial.categories);
  const add = (term, value) => {
    dl.append(Object.assign(document.createElement('dt'), { textContent: term }),
      Object.assign(document.createElement('dd'), { textContent: value }));
  };
  if (cats.length) {
    add(t('report_f_categories'), cats.map(([c, n]) => `${t(`report_cat_${c}`)}: ${n}`).join(', '));
    add(t('report_f_overridden'), t(initial.overridden ? 'report_yes' : 'report_no'));
  } else {
    dl.hidden = true;
    $('facts-empty').hidden = false;
  }
  if (initial.hints.length) {
    $('hints').textContent = `${t('report_f_hints')}: ${initial.hints.map((h) => t(`report_hint_${h}`)).join('; ')}.`;
    $('hints').hidden = false;
  }
}

function renderForm() {
  for (const id of INCIDENT_TYPES) option($('type'), id, t(`report_type_${id}`), id === defaultType(initial));
  $('site').value = initial.site;
  $('time').value = toLocalInput(initial.time);
  for (const id of SUBJECT_GROUPS) checkbox($('subjects'), 'subject', id, t(`report_subject_${id}`));
  for (const id of PERSON_COUNTS) option($('count'), id, t(`report_count_${id.replace(/[^a-z0-9]/g, '_')}`), id === 'unknown');
  for (const id of MEASURES) checkbox($('measures'), 'measure', id, t(`report_measure_${id}`));
  for (const [item, link, url] of [['instructions-item', 'instructions', ch.instructionsUrl], ['policy-item', 'policy', ch.policyUrl]]) {
    if (url) {
      $(link).href = url;
      $(item).hidden = false;
    }
  }
  const note = { copy: 'report_channel_missing', none: 'report_channel_none', error: 'report_channel_error' }[ch.channel];
  $('channel-note').textContent = note ? t(note) : '';
  $('copy').textContent = t('report_copy');
  if (['url', 'mailto', 'webhook'].includes(ch.channel)) {
    $('submit').textContent = t(`report_submit_${ch.channel}`, ch.host);
    $('submit').hidden = false;
  } else {
    $('copy').classList.add('primary');
  }
}

const checked = (fieldset) => [...$(fieldset).querySelectorAll('input:checked')].map((i) => i.value);

function currentReport() {
  const time = new Date($('time').value).getTime();
  const facts = buildFacts({
    site: $('site').value,
    categories: initial.categories,
    overridden: initial.overridden,
    time: Number.isFinite(time) ? time : initial.time,
  });
  return buildReport(facts, {
    type: $('type').value,
    subjects: checked('subjects'),
    personCount: $('count').value,
    measures: checked('measures'),
    unit: $('unit').value,
    description: $('description').value,
  });
}

const textOf = (report) => {
  const { subject, body } = reportText(report, t, { organization: ch.organization });
  return `${subject}\n\n${body}`;
};

function updatePreview() {
  $('preview').textContent = textOf(currentReport());
}

// ---- Free-text check: the background scanner looks at what the user typed, nothing else.
let check = { text: '', status: 'clean', categories: [] };
let inflight = null;
let checkTimer = null;

const freeText = () => [$('unit').value, $('description').value].map((s) => s.trim()).filter(Boolean).join('\n');

async function scanText(text) {
  if (!text) return { text, status: 'clean', categories: [] };
  const r = await ask({ type: 'scan', text, strict: true });
  if (!r.ok || !Array.isArray(r.findings)) return { text, status: 'failed', categories: [] };
  const categories = CATEGORIES.filter((c) => r.findings.some((f) => f?.category === c));
  return { text, status: categories.length ? 'found' : 'clean', categories };
}

/** The check result for the current free text (one scan per distinct text). */
async function runCheck() {
  const text = freeText();
  if (inflight?.text === text) return inflight.promise;
  if (text === check.text && ['clean', 'found'].includes(check.status)) return check;
  const promise = scanText(text);
  inflight = { text, promise };
  if (text) {
    check = { text, status: 'running', categories: [] };
    showCheck();
  }
  const result = await promise;
  if (inflight?.promise === promise) inflight = null;
  // A newer edit runs its own check; only the current text's result is shown.
  if (freeText() === text) {
    check = result;
    showCheck();
  }
  return result;
}

function showCheck() {
  const box = $('check');
  const confirmable = check.status === 'found' && check.categories.every((c) => CONFIRMABLE.includes(c));
  $('override-row').hidden = !confirmable;
  if (!confirmable) $('override').checked = false;
  box.className = `check ${check.status}`;
  box.textContent = {
    clean: '',
    running: t('report_check_running'),
    failed: t('report_check_failed'),
    found: t('report_check_found', check.categories.map((c) => t(`report_cat_${c}`)).join(', ')),
  }[check.status];
  $('description').setAttribute('aria-invalid', String(check.status === 'found' || check.status === 'failed'));
}

function canLeave() {
  if (check.status === 'clean') return true;
  return check.status === 'found' && !$('override-row').hidden && $('override').checked;
}

/** Re-checks the free text; false (with focus on the text) when the report may not leave the page. */
async function ready() {
  while ((await runCheck()).text !== freeText());
  if (canLeave()) return true;
  $('description').focus();
  return false;
}

function setResult(message) {
  $('result').textContent = message;
}

// ---- Channels.
let webhookGranted = false;
const webhookOrigins = () => [`${new URL(ch.target).origin}/*`];

async function submit() {
  setResult('');
  $('confirm').hidden = true;
  if (!(await ready())) return;
  const report = currentReport();
  try {
    if (ch.channel === 'url') {
      await chrome.tabs.create({ url: buildUrl(ch.target, report, t) });
      setResult(t('report_opened_url'));
    } else if (ch.channel === 'mailto') {
      const link = $('mailto-link');
      link.href = buildMailto(ch.target, report, t, { organization: ch.organization });
      link.textContent = t('report_submit_mailto', ch.host);
      link.hidden = false;
      link.click();
      // Some mail programs cut long mailto links; the copy button is the fallback.
      setResult(t(link.href.length > 2000 ? 'report_opened_mailto_long' : 'report_opened_mailto'));
    } else if (ch.channel === 'webhook') {
      $('confirm-text').textContent = t('report_confirm_text', ch.host);
      $('confirm').hidden = false;
      $('confirm-send').focus();
    }
  } catch {
    setResult(t('report_channel_error'));
  }
}

async function sendWebhook() {
  // Requested on this click, before any other await, so the browser sees the user gesture.
  if (!webhookGranted) {
    try {
      webhookGranted = await chrome.permissions.request({ origins: webhookOrigins() });
    } catch {
      webhookGranted = false;
    }
  }
  if (!webhookGranted) {
    setResult(t('report_permission_denied', ch.host));
    return;
  }
  if (!(await ready())) {
    $('confirm').hidden = true;
    return;
  }
  const body = buildWebhookBody(currentReport(), t, {
    organization: ch.organization, language: lang, version: chrome.runtime.getManifest().version,
  });
  $('confirm-send').disabled = true;
  setResult(t('report_sending'));
  try {
    const res = await fetch(ch.target, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    $('confirm').hidden = true;
    setResult(t('report_sent'));
  } catch {
    setResult(t('report_send_failed'));
  } finally {
    $('confirm-send').disabled = false;
  }
  $('result').focus();
}

async function copy() {
  setResult('');
  if (!(await ready())) return;
  const text = textOf(currentReport()).replace(/\n/g, '\r\n');
  try {
    await navigator.clipboard.writeText(text);
    setResult(t('report_copied'));
  } catch {
    // Let the user copy by hand from the preview.
    getSelection().selectAllChildren($('preview'));
    $('preview').focus();
    setResult(t('report_copy_failed'));
  }
}

// ---- Wiring.
renderFacts();
renderForm();
updatePreview();
$('main').hidden = false;
if (ch.channel === 'webhook') {
  chrome.permissions.contains({ origins: webhookOrigins() }).then((ok) => { webhookGranted = ok; }, () => {});
}

$('form').addEventListener('input', (e) => {
  updatePreview();
  $('confirm').hidden = true;
  if (e.target.id === 'unit' || e.target.id === 'description') {
    $('override').checked = false;
    clearTimeout(checkTimer);
    checkTimer = setTimeout(runCheck, 400);
  }
});
$('form').addEventListener('change', updatePreview);
$('form').addEventListener('submit', (e) => {
  e.preventDefault();
  submit();
});
$('copy').addEventListener('click', copy);
$('confirm-send').addEventListener('click', sendWebhook);
$('confirm-cancel').addEventListener('click', () => {
  $('confirm').hidden = true;
  $('submit').focus();
});
$('site').addEventListener('blur', () => {
  $('site').value = currentReport().site;
  updatePreview();
});
