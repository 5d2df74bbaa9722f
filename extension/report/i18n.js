// UI strings for the extension pages. The policy may force a language, which chrome.i18n cannot
// do, so the chosen locale's messages.json is loaded directly.
const LANGS = ['sv', 'en'];

/** 'sv' or 'en': forced by policy, else Swedish for Swedish browsers and English for the rest. */
export function pickLanguage(policyLanguage, uiLanguage) {
  if (LANGS.includes(policyLanguage)) return policyLanguage;
  return String(uiLanguage ?? '').toLowerCase().startsWith('sv') ? 'sv' : 'en';
}

export async function loadI18n(policyLanguage) {
  const lang = pickLanguage(policyLanguage, chrome.i18n?.getUILanguage?.() ?? navigator.language);
  const res = await fetch(chrome.runtime.getURL(`_locales/${lang}/messages.json`));
  const messages = await res.json();
  const t = (key, ...subs) =>
    (messages[key]?.message ?? key).replace(/\$(\d)/g, (_, i) => String(subs[i - 1] ?? ''));
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  return { lang, t };
}

/** Sends a message to the background; resolves to the reply or {ok: false}. */
export async function ask(msg) {
  try {
    return (await chrome.runtime.sendMessage(msg)) ?? { ok: false };
  } catch (err) {
    return { ok: false, error: String(err?.message ?? err) };
  }
}

/** The effective policy (flat keys), or {} when the policy module does not answer. */
export async function loadPolicy() {
  const r = await ask({ type: 'getPolicy' });
  return r.ok && r.policy && typeof r.policy === 'object' ? r.policy : {};
}
