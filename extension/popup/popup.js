// Popup: protection state of the active tab, policy link, incident report, today's counts.
import { CATEGORIES, sanitizeSite } from '../shared/incident.js';
import { ask, loadI18n, loadPolicy } from '../report/i18n.js';
import { startLoading } from '../shared/loading.js';

const $ = (id) => document.getElementById(id);
const ADAPTER_NAMES = {
  chatgpt: 'ChatGPT', claude: 'Claude', gemini: 'Gemini', copilot: 'Copilot', mistral: 'Le Chat', perplexity: 'Perplexity',
  deepseek: 'DeepSeek', grok: 'Grok', meta: 'Meta AI', poe: 'Poe',
};

const loading = startLoading();
let t = (key) => key;
// ?tabId= when opened as a page (keyboard users, tests); the toolbar popup uses the active tab.
const tabParam = Number(new URLSearchParams(location.search).get('tabId'));
const [tab] = Number.isInteger(tabParam) && tabParam > 0
  ? [await chrome.tabs.get(tabParam).catch(() => null)]
  : await chrome.tabs.query({ active: true, currentWindow: true }).catch(() => []);
const host = /^https?:/.test(tab?.url ?? '') ? sanitizeSite(tab.url) : '';

/** 'blocked' | 'public' | 'approved' | null, from the policy module, else from the manifest. */
async function trustOf() {
  if (!host) return null;
  const info = await ask({ type: 'siteInfo', host });
  if (info.ok && 'trust' in info) return info.trust ?? null;
  const matches = chrome.runtime.getManifest().content_scripts?.flatMap((c) => c.matches ?? []) ?? [];
  return matches.some((m) => sanitizeSite(m.replace(/\/\*$/, '')) === host) ? 'public' : null;
}

let siteTrust = null;

async function showState() {
  const trust = await trustOf();
  siteTrust = trust;
  let cls = 'none';
  let text = t('popup_not_protected');
  if (trust === 'blocked') {
    cls = 'blocked';
    text = t('popup_blocked', host);
  } else if (trust) {
    const r = tab ? await ask({ type: 'tabStatus', tabId: tab.id }) : {};
    const status = r.ok ? r.status : null;
    if (status?.fallback) {
      cls = 'generic';
      text = t('popup_protected_generic', host);
    } else if (status?.adapter) {
      cls = 'protected';
      text = t('popup_protected_adapter', ADAPTER_NAMES[status.adapter] ?? t('popup_adapter_generic'));
    } else {
      cls = 'protected';
      text = t('popup_protected_site', host);
    }
    if (trust === 'approved') text += ` ${t('popup_approved')}`;
  }
  $('state').className = `state ${cls}`;
  $('state').textContent = text;
}

async function showToday() {
  const r = await ask({ type: 'getStats' });
  const today = r.ok ? r.today : null;
  const list = $('today-categories');
  list.replaceChildren();
  if (!today?.flagged) {
    $('today-summary').textContent = t('popup_today_none');
    return;
  }
  $('today-summary').textContent = t('popup_today_summary', today.flagged, today.events);
  for (const c of CATEGORIES) {
    const n = today.byCategory?.[c];
    if (n) list.append(Object.assign(document.createElement('li'), { textContent: `${t(`report_cat_${c}`)}: ${n}` }));
  }
}

let offer = null;

/** After a send-anyway: offer a report with that event's facts (counts only). */
async function showOffer() {
  const r = await ask({ type: 'getReportOffer' });
  offer = r.ok ? r.offer : null;
  $('offer').hidden = !offer;
  if (!offer) return;
  const time = new Date(offer.time).toLocaleTimeString(document.documentElement.lang, { hour: '2-digit', minute: '2-digit' });
  $('offer-text').textContent = t('popup_offer_text', offer.site || '-', time);
}

/** Everything that depends on the policy: language, organisation, policy link, site state. */
async function render() {
  const policy = await loadPolicy();
  ({ t } = await loadI18n(policy.language));
  $('org').textContent = String(policy.organizationName ?? '');
  $('org').hidden = !policy.organizationName;
  const link = /^https?:\/\//.test(policy.policyUrl ?? '') ? policy.policyUrl : '';
  if (link) $('policy').href = link;
  else $('policy').removeAttribute('href');
  $('policy-row').hidden = !link;
  await Promise.all([showState(), showToday(), showOffer()]);
}

$('offer-report').addEventListener('click', async () => {
  if (!offer) return;
  await ask({ type: 'openReport', ...offer, overridden: true });
  window.close();
});
$('offer-dismiss').addEventListener('click', async () => {
  await ask({ type: 'dismissReportOffer' });
  $('offer').hidden = true;
  $('report').focus();
});
$('report').addEventListener('click', async () => {
  // Only an AI service is a useful pre-filled fact; the user can still type another one.
  await ask({ type: 'openReport', site: siteTrust ? host : '' });
  window.close();
});
$('options').addEventListener('click', (e) => {
  e.preventDefault();
  chrome.runtime.openOptionsPage();
  window.close();
});
await render();
loading.done();

// The policy arrived late (managed storage answers slowly just after the browser starts) or
// changed: shown again in place with the new language and site state, one pass after another.
let shown = Promise.resolve();
chrome.runtime.onMessage.addListener((msg) => {
  // A pass that fails leaves the last one shown; the next change tries again.
  if (msg?.type === 'policyChanged') shown = shown.then(render).catch(() => {});
});
