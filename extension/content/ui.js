// The UI inside a closed shadow root: the typing status, the dialog, the blocked-site notice and
// local placeholder restorations. Page scripts and CSS cannot read or restyle any of it.
(() => {
  const PV = (globalThis.promptvakt ??= {});

  let forced = null; // messages.json of a language the policy forces, or null
  /** A localised string; the policy's forced language wins over the browser's. */
  function t(key, ...subs) {
    const entry = forced?.[key];
    if (entry) {
      let msg = entry.message;
      // Resolve named placeholders ($SITE$ → $1) as chrome.i18n does.
      for (const [name, def] of Object.entries(entry.placeholders ?? {})) {
        msg = msg.replaceAll(`$${name.toUpperCase()}$`, def.content).replaceAll(`$${name}$`, def.content);
      }
      return msg.replace(/\$(\d)/g, (_, n) => subs[Number(n) - 1] ?? '');
    }
    try {
      return chrome.i18n.getMessage(key, subs.map(String)) || FALLBACK[key] || key;
    } catch {
      // The extension was reloaded or updated under this page: its APIs are gone.
      return FALLBACK[key] ?? key;
    }
  }
  // The strings the fail-safe dialog needs when the extension's APIs are gone (both languages).
  const FALLBACK = {
    content_lang: 'sv',
    content_failed_title: 'Texten kunde inte kontrolleras / The text could not be checked',
    content_failed_body: 'Promptvakt kunde inte kontrollera texten, så den skickades inte. Ditt utkast finns kvar. Ladda om sidan. / Promptvakt could not check the text, so it was not sent. Your draft is still there. Reload the page.',
    dialog_edit: 'Gå tillbaka och ändra',
    dialog_retry: 'Försök igen',
    content_status_checking: 'Promptvakt kontrollerar texten …',
  };
  function setForcedMessages(messages) {
    forced = messages && typeof messages === 'object' ? messages : null;
  }
  const lang = () => t('content_lang');

  const categoryLabel = (c) => t(`content_cat_${c}`) || c;
  const categoryReason = (c) => t(`dialog_reason_${c}`);
  /** "2 personnummer, 1 namn" (counts only). */
  function summary(counts) {
    const rank = (c) => (PV.CATEGORY_ORDER.includes(c) ? PV.CATEGORY_ORDER.indexOf(c) : 99);
    return Object.entries(counts).sort(([a], [b]) => rank(a) - rank(b)).map(([c, n]) => `${n} × ${categoryLabel(c)}`).join(', ');
  }

  const STYLE = `
    :host { all: initial; }
    .status { position: fixed; z-index: 2147483646; max-width: 360px; font: 13px/1.35 system-ui, sans-serif;
      background: #ffffff; color: #1b1b1b; border: 1px solid #6b6b6b; border-radius: 6px; padding: 4px 8px;
      box-shadow: 0 1px 4px rgba(0,0,0,.25); pointer-events: none; }
    .status[hidden] { display: none; }
    .status.block { border-color: #a4001d; border-left: 4px solid #a4001d; }
    .status.warn { border-color: #8a5300; border-left: 4px solid #8a5300; }
    .status.alert { pointer-events: auto; }
    .status.offer { max-width: 420px; padding: 8px 10px; border-left: 4px solid #a4001d; }
    .status.offer .actions { margin-top: 6px; }
    .status.offer button { padding: 4px 10px; }
    dialog { max-width: min(640px, 92vw); max-height: 86vh; overflow: auto; padding: 20px 24px; border: 2px solid #1b1b1b;
      border-radius: 8px; background: #ffffff; color: #1b1b1b; font: 15px/1.5 system-ui, sans-serif; }
    /* Title and actions stay in view; only the list of findings scrolls. */
    dialog.decision[open] { display: flex; flex-direction: column; overflow: hidden; }
    .findings { flex: 1 1 auto; min-height: 4em; overflow: auto; margin: 8px 0; padding: 0 4px 4px 0;
      border-top: 1px solid #c8c8c8; border-bottom: 1px solid #c8c8c8; }
    .findings:focus-visible { outline: 3px solid #1b1b1b; outline-offset: 2px; }
    dialog::backdrop { background: rgba(0,0,0,.55); }
    h2 { font-size: 19px; margin: 0 0 8px; }
    h3 { font-size: 16px; margin: 14px 0 4px; }
    p { margin: 6px 0; }
    ul { margin: 4px 0; padding-left: 20px; }
    li { margin: 2px 0; word-break: break-word; }
    mark { background: #ffe28a; color: #1b1b1b; outline: 1px solid #8a5300; padding: 0 2px; }
    .tag { display: inline-block; font-size: 12px; padding: 0 6px; border-radius: 4px; margin-left: 6px; vertical-align: middle; }
    .tag.block { background: #a4001d; color: #fff; }
    .tag.warn { background: #8a5300; color: #fff; }
    .actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 16px; }
    button { font: inherit; padding: 8px 14px; border-radius: 6px; border: 2px solid #0b4f96; background: #ffffff; color: #0b4f96; cursor: pointer; }
    button.primary { background: #0b4f96; color: #ffffff; }
    button.danger { border-color: #a4001d; color: #a4001d; }
    button:focus-visible, textarea:focus-visible, a:focus-visible { outline: 3px solid #1b1b1b; outline-offset: 2px; }
    label { display: block; margin-top: 12px; font-weight: 600; }
    textarea { width: 100%; box-sizing: border-box; font: inherit; color: #1b1b1b; background: #fff; border: 1px solid #6b6b6b; border-radius: 4px; }
    .error { color: #a4001d; font-weight: 600; }
    .note { color: #3d3d3d; font-size: 14px; }
    a { color: #0b4f96; }
  `;

  let host = null;
  let root = null;
  function ensureRoot() {
    if (host?.isConnected) return root;
    host = document.createElement('promptvakt-ui');
    host.style.cssText = 'all: initial; position: fixed; top: 0; left: 0; width: 0; height: 0; z-index: 2147483646;';
    root = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    root.append(style);
    // On <html>, not <body>: apps that re-render the body would take it away.
    document.documentElement.append(host);
    return root;
  }

  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v === true ? '' : v);
    }
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  };

  // ---- status while typing -------------------------------------------------------------------
  let statusEl = null;
  let statusTimer = null;
  let alertUntil = 0;
  /**
   * Shows a small status above the composer's top-left corner (never over the send button).
   * kind: 'checking' | 'block' | 'warn' | 'clean' | 'alert'.
   */
  function showStatus(composer, kind, text, { sticky = false } = {}) {
    const r = ensureRoot();
    if (!statusEl?.isConnected) {
      statusEl = el('div', { class: 'status', role: 'status', 'aria-live': 'polite', hidden: true });
      r.append(statusEl);
    }
    // A fresh paste warning is not replaced by the typing status that says the same thing.
    if ((kind === 'block' || kind === 'warn') && Date.now() < alertUntil && !statusEl.hidden) return;
    clearTimeout(statusTimer);
    alertUntil = kind === 'alert' ? Date.now() + 8000 : 0;
    if (kind === 'clean' || !text) {
      statusEl.hidden = true;
      statusEl.textContent = '';
      return;
    }
    statusEl.className = `status ${kind}`;
    statusEl.setAttribute('role', kind === 'alert' ? 'alert' : 'status');
    statusEl.textContent = text;
    statusEl.hidden = false;
    place(composer);
    if (!sticky && kind === 'alert') statusTimer = setTimeout(() => (statusEl.hidden = true), 12000);
  }
  function place(composer) {
    lastComposer = composer;
    if (!statusEl || !composer?.isConnected) return;
    const rect = composer.getBoundingClientRect();
    const h = statusEl.offsetHeight || 24;
    const top = rect.top - h - 6 >= 0 ? rect.top - h - 6 : rect.bottom + 6;
    statusEl.style.top = `${Math.round(top)}px`;
    statusEl.style.left = `${Math.round(Math.max(4, rect.left))}px`;
  }
  let lastComposer = null;
  const replace = () => statusEl && !statusEl.hidden && place(lastComposer);
  addEventListener('scroll', replace, { capture: true, passive: true });
  addEventListener('resize', replace, { passive: true });

  function hideStatus() {
    if (statusEl) statusEl.hidden = true;
  }

  // ---- report offer after a send-anyway ------------------------------------------------------
  let offerEl = null;
  /** A non-modal offer to report, in the Tab order, with its own close button. */
  function showReportOffer(composer, onReport) {
    const r = ensureRoot();
    offerEl?.remove();
    const report = el('button', { type: 'button', class: 'primary', text: t('dialog_report') });
    const close = el('button', { type: 'button', 'aria-label': t('content_offer_close'), text: '×' });
    offerEl = el('div', { class: 'status alert offer', role: 'alert', lang: lang() },
      el('span', { text: t('content_offer_text') }), el('div', { class: 'actions' }, report, close));
    const done = () => {
      const hadFocus = offerEl?.contains(r.activeElement);
      offerEl?.remove();
      offerEl = null;
      if (hadFocus) composer?.focus();
    };
    report.addEventListener('click', () => {
      onReport();
      done();
    });
    close.addEventListener('click', done);
    for (const type of ['keydown', 'keyup', 'keypress']) offerEl.addEventListener(type, (e) => e.stopPropagation());
    offerEl.addEventListener('keydown', (e) => e.key === 'Escape' && done());
    r.append(offerEl);
    // The user comes from the dialog's keyboard flow: the next step is here (Escape leaves).
    // After a frame: sites put the caret back into the composer when they send.
    requestAnimationFrame(() => setTimeout(() => report.isConnected && report.focus(), 0));
    const rect = composer?.isConnected ? composer.getBoundingClientRect() : { top: innerHeight, left: 8 };
    offerEl.style.left = `${Math.round(Math.max(4, rect.left))}px`;
    offerEl.style.top = `${Math.round(Math.max(4, rect.top - offerEl.offsetHeight - 6))}px`;
    setTimeout(done, 120000);
  }

  // ---- the dialog ----------------------------------------------------------------------------
  let openDialog = null;

  /**
   * Shows the decision dialog and resolves with {action, reason}. action: 'edit' | 'redact' |
   * 'override' | 'report' | 'retry'. Focus starts on "Go back and edit"; Escape means edit.
   */
  function showDialog(opts) {
    openDialog?.close('edit');
    const r = ensureRoot();
    const { mode = 'findings', text = '', findings = [], verdict = 'block', ui = {}, site = location.hostname, fileName = '' } = opts;
    return new Promise((resolve) => {
      const titleId = 'pv-title';
      const dialog = el('dialog', { 'aria-labelledby': titleId, 'aria-describedby': 'pv-intro', lang: lang() });
      let done = false;
      const finish = (action, extra = {}) => {
        if (done) return;
        done = true;
        dialog.close();
        dialog.remove();
        openDialog = null;
        resolve({ action, ...extra });
      };
      dialog.addEventListener('cancel', (e) => {
        e.preventDefault();
        finish('edit');
      });
      dialog.addEventListener('close', () => finish('edit'));
      // Keys typed in the dialog must not reach the page's shortcuts.
      for (const type of ['keydown', 'keyup', 'keypress']) dialog.addEventListener(type, (e) => e.stopPropagation());

      const editBtn = el('button', { class: 'primary', type: 'button', autofocus: true, text: t('dialog_edit') });
      editBtn.addEventListener('click', () => finish('edit'));
      const actions = el('div', { class: 'actions' }, editBtn);

      if (mode === 'failed') {
        dialog.append(
          el('h2', { id: titleId, text: t('content_failed_title') }),
          el('p', { id: 'pv-intro', text: t('content_failed_body') }),
        );
        const retry = el('button', { type: 'button', text: t('dialog_retry') });
        retry.addEventListener('click', () => finish('retry'));
        actions.append(retry);
        if (opts.allowSend) {
          const over = el('button', { type: 'button', class: 'danger', text: t('dialog_override') });
          over.addEventListener('click', () => finish('override'));
          actions.append(over);
        }
        dialog.append(actions);
      } else {
        const blocked = verdict === 'block';
        const canOverride = !blocked || ui.allowOverride;
        const needReason = blocked && ui.requireReason;
        dialog.append(
          el('h2', { id: titleId, text: t(blocked ? 'dialog_title_block' : 'dialog_title_warn') }),
          el('p', { id: 'pv-intro', text: fileName ? t('dialog_intro_file', fileName) : t('dialog_intro', site) }),
        );
        // A long list scrolls on its own; keyboard users reach it with Shift+Tab from the buttons.
        const body = el('div', { class: 'findings', tabindex: '0', role: 'region', 'aria-label': t('dialog_findings_label') });
        dialog.classList.add('decision');
        for (const g of PV.groupFindings(findings)) {
          const tag = el('span', { class: `tag ${g.action}`, text: t(g.action === 'block' ? 'dialog_tag_block' : 'dialog_tag_warn') });
          body.append(el('h3', {}, `${categoryLabel(g.category)} (${g.findings.length})`, tag));
          body.append(el('p', { text: categoryReason(g.category) }));
          const list = el('ul');
          for (const f of g.findings.slice(0, 5)) {
            const s = PV.snippet(text, f.start, f.end);
            list.append(el('li', {}, s.before, el('mark', { text: s.match }), s.after));
          }
          if (g.findings.length > 5) list.append(el('li', { class: 'note', text: t('dialog_more', String(g.findings.length - 5)) }));
          body.append(list);
        }
        dialog.append(body);
        if (blocked && !ui.allowOverride) dialog.append(el('p', { class: 'note', text: t('dialog_no_override') }));
        if (ui.policyUrl) {
          dialog.append(el('p', { class: 'note' }, el('a', { href: ui.policyUrl, target: '_blank', rel: 'noopener noreferrer', text: t('dialog_policy_link', ui.organizationName || '') })));
        }
        let reasonBox = null;
        let reasonError = null;
        if (canOverride && needReason) {
          reasonBox = el('textarea', { id: 'pv-reason', rows: '2', maxlength: '300' });
          reasonError = el('p', { class: 'error', role: 'alert', hidden: true, text: t('dialog_reason_missing') });
          dialog.append(el('label', { for: 'pv-reason', text: t('dialog_reason_label') }), reasonBox, reasonError);
        }
        if (!fileName || opts.canRedact) {
          const redact = el('button', { type: 'button', text: t(fileName ? 'dialog_redact_file' : 'dialog_redact') });
          redact.addEventListener('click', () => finish('redact'));
          actions.append(redact);
        }
        if (canOverride) {
          const over = el('button', { type: 'button', class: 'danger', text: t('dialog_override') });
          over.addEventListener('click', () => {
            const reason = reasonBox?.value.trim() ?? '';
            if (reasonBox && !reason) {
              reasonError.hidden = false;
              reasonBox.focus();
              return;
            }
            finish('override', { reason });
          });
          actions.append(over);
        }
        const report = el('button', { type: 'button', text: t('dialog_report') });
        report.addEventListener('click', () => finish('report'));
        actions.append(report);
        dialog.append(actions);
      }
      r.append(dialog);
      openDialog = { close: (a) => finish(a), dialog };
      dialog.showModal();
      editBtn.focus();
    });
  }

  /** Whether our dialog is up; one the page removed from the DOM counts as cancelled. */
  function isDialogOpen() {
    if (openDialog && !openDialog.dialog.isConnected) openDialog.close('edit');
    return !!openDialog;
  }

  // ---- blocked site notice -------------------------------------------------------------------
  function showBlockedNotice(site, policyUrl) {
    const r = ensureRoot();
    if (r.querySelector('dialog.blocked')) return;
    const d = el('dialog', { class: 'blocked', 'aria-labelledby': 'pv-blocked-title', lang: lang() },
      el('h2', { id: 'pv-blocked-title', text: t('content_blocked_site_title') }),
      el('p', { text: t('content_blocked_site_body', site) }),
      policyUrl ? el('p', {}, el('a', { href: policyUrl, target: '_blank', rel: 'noopener noreferrer', text: t('dialog_policy_link', '') })) : null);
    d.addEventListener('cancel', (e) => e.preventDefault());
    r.append(d);
    d.showModal();
  }

  // ---- local placeholder restoration ---------------------------------------------------------
  /** A marker after a placeholder that shows the real value, visible only in this browser. */
  function restoreBadge(value) {
    const badge = document.createElement('promptvakt-restored');
    badge.style.cssText = 'all: initial; display: inline;';
    const sr = badge.attachShadow({ mode: 'closed' });
    const span = el('span', { title: t('content_restored_title'), lang: lang() }, el('span', { 'aria-hidden': 'true', text: '🔒 ' }), value);
    span.style.cssText = 'font: inherit; background: #e3f0ff; color: #0b2d57; border: 1px dashed #0b4f96; border-radius: 3px; padding: 0 3px; margin-left: 3px;';
    const sr2 = el('span', { text: ` (${t('content_restored_label')})` });
    sr2.style.cssText = 'position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);';
    span.append(sr2);
    sr.append(span);
    return badge;
  }

  PV.ui = { t, setForcedMessages, summary, categoryLabel, showStatus, hideStatus, place, showDialog, showBlockedNotice, showReportOffer, restoreBadge, isDialogOpen };
})();
