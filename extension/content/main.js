// Interception on protected sites. Listeners sit on window in the capture phase, registered at
// document_start, so they run before any handler the page adds. Sends are decided synchronously
// from the verdict computed while typing when it is for the exact current text; otherwise the
// send is stopped, the text scanned in the background, and the send replayed by clicking the
// site's own send button. The draft is only changed when the user picks placeholders.
(() => {
  const PV = globalThis.promptvakt;
  if (!PV || PV.started) return;
  PV.started = true;
  const { ui } = PV;

  const SCAN_TIMEOUT_MS = 20000;
  const INNER_TEXT_LIMIT = 200000;
  const host = location.hostname;
  const site = new PV.Site(PV.adapterForHost(host));
  const cache = new PV.VerdictCache();
  const inflight = new Map(); // text → Promise<verdict>
  let cfg = { ui: { allowOverride: false, requireReason: false, failMode: 'block' }, trust: 'public' };
  let cfgReady = null;
  let mapping = []; // placeholder ↔ value for this tab only: never leaves this content script
  let approved = null; // {text, until}: the exact text the user chose to send (override or placeholders)
  const ownEvents = new WeakSet(); // events we dispatched ourselves (replays)
  let lastComposer = null;

  // ---- messaging -----------------------------------------------------------------------------
  function message(msg, timeout = SCAN_TIMEOUT_MS) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timeout')), timeout);
      try {
        chrome.runtime.sendMessage(msg, (reply) => {
          clearTimeout(timer);
          const err = chrome.runtime.lastError;
          if (err || !reply) reject(new Error(err?.message ?? 'no reply'));
          else if (!reply.ok) reject(new Error(reply.error ?? 'failed'));
          else resolve(reply);
        });
      } catch (e) {
        clearTimeout(timer);
        reject(e);
      }
    });
  }
  const fireAndForget = (msg) => message(msg, 5000).catch(() => {});

  function loadConfig() {
    cfgReady ??= message({ type: 'contentConfig', host }, 10000)
      .then((reply) => {
        cfg = reply;
        ui.setForcedMessages(reply.messages);
        if (reply.trust === 'blocked') ui.showBlockedNotice(host, reply.ui?.policyUrl);
      })
      .catch(() => {
        cfgReady = null; // try again at the next focus or send; until then the defaults (block) hold
      });
    return cfgReady;
  }

  // The policy changed: verdicts computed under the old one no longer count.
  chrome.runtime.onMessage.addListener((msg) => {
    if (msg?.type !== 'policyChanged') return;
    cache.clear();
    cfgReady = null;
    loadConfig();
  });

  /** Not a protected site under the current policy (e.g. IT removed it): stay out of the way. */
  const unprotected = () => cfg.trust === null;

  /** Scans `text` in the background (in pieces when long); the verdict is cached for it. */
  function scan(text) {
    const known = cache.get(text);
    if (known) return Promise.resolve(known);
    if (inflight.has(text)) return inflight.get(text);
    const p = (async () => {
      const parts = [];
      for (const piece of PV.chunks(text)) {
        const reply = await message({ type: 'scan', text: piece.text });
        parts.push({ start: piece.start, findings: reply.findings });
      }
      const findings = PV.mergeChunkFindings(parts);
      const verdict = { verdict: cfg.trust === 'blocked' ? 'block' : PV.verdictOf(findings), findings };
      cache.set(text, verdict);
      return verdict;
    })();
    inflight.set(text, p);
    p.finally(() => inflight.delete(text)).catch(() => {});
    return p;
  }

  // ---- composer text -------------------------------------------------------------------------
  function readText(composer) {
    if (!composer) return '';
    if ('value' in composer && (composer.tagName === 'TEXTAREA' || composer.tagName === 'INPUT')) return composer.value;
    // innerText keeps line breaks but needs layout; huge drafts use textContent to stay responsive.
    return composer.textContent.length > INNER_TEXT_LIMIT ? composer.textContent : composer.innerText;
  }

  const nextFrame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

  /** Writes `text` into the composer so the site's editor state follows; true if it took. */
  async function writeBack(composer, text) {
    const kind = composer.tagName === 'TEXTAREA' ? 'textarea' : composer.tagName === 'INPUT' ? 'input' : 'rich';
    for (const step of PV.planWriteBack(kind)) {
      composer.focus();
      if (step === 'nativeValue') {
        const proto = kind === 'textarea' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
        Object.getOwnPropertyDescriptor(proto, 'value').set.call(composer, text);
        composer.dispatchEvent(new Event('input', { bubbles: true }));
        composer.dispatchEvent(new Event('change', { bubbles: true }));
      } else {
        const range = document.createRange();
        range.selectNodeContents(composer);
        const sel = getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        // Editors (Quill, Lexical) sync their selection on the async selectionchange event.
        await nextFrame();
        if (step === 'insertText') {
          document.execCommand('insertText', false, text);
        } else if (step === 'beforeinput') {
          // Editors that own their model (Lexical) apply a cancelable beforeinput themselves;
          // if none cancels it, nothing happened and the next step runs.
          const ev = new InputEvent('beforeinput', { inputType: 'insertText', data: text, bubbles: true, cancelable: true, composed: true });
          composer.dispatchEvent(ev);
          if (!ev.defaultPrevented) continue;
        } else if (step === 'paste') {
          const dt = new DataTransfer();
          dt.setData('text/plain', text);
          const ev = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
          // Firefox drops clipboardData from constructed events: an empty paste would only
          // delete the draft, so go straight to insertText there.
          if (ev.clipboardData?.getData('text/plain') !== text) continue;
          ownEvents.add(ev);
          composer.dispatchEvent(ev);
        }
      }
      await nextFrame();
      if (PV.sameText(readText(composer), text)) return true;
    }
    return false;
  }

  // ---- decisions -----------------------------------------------------------------------------
  let lastClean = 0;
  function record(outcome, findings = []) {
    if (outcome === 'clean') {
      if (Date.now() - lastClean < 1500) return;
      lastClean = Date.now();
    }
    fireAndForget({ type: 'recordEvent', site: host, categories: PV.countByCategory(findings), outcome });
  }

  const approve = (text) => (approved = { text, until: Date.now() + 2000 });

  /** Opens the incident report with the facts of this check: site and counts, never text. */
  const openReport = (findings, overridden) =>
    fireAndForget({ type: 'openReport', site: host, categories: PV.countByCategory(findings), overridden });

  function stop(event) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  /** Sends the current draft through the site's own control (our listeners let it pass). */
  function replaySend(composer) {
    const button = site.sendButton(composer);
    if (button) {
      button.click();
      return;
    }
    const form = composer.closest('form');
    if (form) {
      form.requestSubmit();
      return;
    }
    const ev = new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 13, which: 13, bubbles: true, cancelable: true });
    ownEvents.add(ev);
    composer.dispatchEvent(ev);
  }

  function showTypingStatus(composer, v) {
    if (v.verdict === 'allow') ui.showStatus(composer, 'clean', '');
    else ui.showStatus(composer, v.verdict, ui.t('content_status_findings', ui.summary(PV.countByCategory(v.findings))));
  }

  /**
   * The gate for every send. Returns normally to let the event through; otherwise stops it.
   * The decision is synchronous when a verdict for the exact text exists.
   */
  function gate(event, composer) {
    if (ownEvents.has(event) || unprotected()) return;
    const text = readText(composer);
    if (cfg.trust === 'blocked') {
      stop(event);
      ui.showBlockedNotice(host, cfg.ui?.policyUrl);
      return;
    }
    if (!text.trim()) return; // nothing to send
    // One approval covers the click and the form submit it causes, briefly, for that text only.
    if (approved && approved.text === text && Date.now() < approved.until) return;
    const v = cache.get(text);
    if (v?.verdict === 'allow') {
      record('clean');
      return;
    }
    stop(event);
    if (ui.isDialogOpen()) return;
    if (v) decide(composer, text, v);
    else check(composer, text);
  }

  let checking = null;
  async function check(composer, text) {
    if (checking === text) return; // a second Enter while checking: the first one decides
    checking = text;
    ui.showStatus(composer, 'checking', ui.t('content_status_checking'));
    let v;
    try {
      [, v] = await Promise.all([loadConfig(), scan(text)]);
    } catch {
      checking = null;
      return failSafe(composer, text);
    }
    checking = null;
    if (readText(composer) !== text) {
      // The draft changed while we checked: show the state, send nothing.
      showTypingStatus(composer, v);
      return;
    }
    showTypingStatus(composer, v);
    if (v.verdict === 'allow') replaySend(composer);
    else decide(composer, text, v);
  }

  async function failSafe(composer, text) {
    ui.showStatus(composer, 'clean', '');
    if (cfg.ui?.failMode === 'allow') {
      approve(text);
      replaySend(composer);
      return;
    }
    // failMode 'warn': the user may send unchecked text, knowingly; 'block' (default): never.
    const res = await ui.showDialog({ mode: 'failed', allowSend: cfg.ui?.failMode === 'warn' });
    if (res.action === 'override') {
      record('overridden');
      approve(text);
      replaySend(composer);
      return;
    }
    composer.focus();
    if (res.action === 'retry') check(composer, text);
  }

  async function decide(composer, text, v) {
    const outcome = v.verdict === 'block' ? 'blocked' : 'warned';
    const res = await ui.showDialog({ text, findings: v.findings, verdict: v.verdict, ui: cfg.ui ?? {}, site: host });
    if (res.action === 'override') {
      record('overridden', v.findings);
      approve(text);
      replaySend(composer);
      // Reporting right away matters (IMY's 72 hours): offer it next to the composer.
      ui.showReportOffer(composer, () => openReport(v.findings, true));
      return;
    }
    if (res.action === 'redact') {
      await sendRedacted(composer, text, v);
      return;
    }
    record(outcome, v.findings);
    if (res.action === 'report') openReport(v.findings, false);
    composer.focus();
  }

  async function sendRedacted(composer, text, v) {
    let r;
    try {
      r = await message({ type: 'redact', text, mapping });
    } catch {
      return failSafe(composer, text);
    }
    const written = await writeBack(composer, r.text);
    const now = readText(composer);
    const leaked = r.mapping.some((m) => text.includes(m.value) && now.includes(m.value));
    if (!written || leaked) {
      // The editor did not take our text: put the original back and let the user decide.
      if (!PV.sameText(now, text)) await writeBack(composer, text);
      ui.showStatus(composer, 'alert', ui.t('content_writeback_failed'));
      return;
    }
    mapping = PV.mergeMapping(mapping, r.mapping);
    startRestoring();
    record('redacted', v.findings);
    approve(now);
    replaySend(composer);
  }

  // ---- listeners -----------------------------------------------------------------------------
  function composerOf(target) {
    const c = site.composerFor(target);
    if (c) lastComposer = c;
    return c;
  }

  let heldEnter = false; // we stopped this Enter's keydown: its keyup must not reach the page either
  window.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.shiftKey || e.altKey || e.isComposing || e.keyCode === 229) return;
    const composer = composerOf(e.target);
    if (!composer) return;
    gate(e, composer);
    heldEnter = e.defaultPrevented && !ownEvents.has(e);
  }, true);
  // Some sites send on keyup or keypress; a held Enter stays held.
  for (const type of ['keyup', 'keypress']) {
    window.addEventListener(type, (e) => {
      if (e.key === 'Enter' && heldEnter) stop(e);
      if (type === 'keyup' && e.key === 'Enter') heldEnter = false;
    }, true);
  }

  window.addEventListener('click', (e) => {
    const composer = lastComposer?.isConnected ? lastComposer : site.findComposer() ?? lastComposer;
    if (!composer) return;
    if (site.isSendButton(e.target, composer)) gate(e, composer);
  }, true);

  window.addEventListener('submit', (e) => {
    const form = e.target;
    const composer = [...form.querySelectorAll('textarea, [contenteditable="true"], [contenteditable=""]')].map((n) => composerOf(n)).find(Boolean);
    if (composer) gate(e, composer);
  }, true);

  // Scan while typing (debounced), so the send itself can be decided at once.
  let typingTimer = null;
  function onEdit(e) {
    if (unprotected()) return;
    const composer = composerOf(e.target);
    if (!composer) return;
    clearTimeout(typingTimer);
    const base = cfg.ui?.typingDelayMs ?? 150;
    const delay = (composer.value ?? composer.textContent).length > 50000 ? Math.max(base, 400) : base;
    typingTimer = setTimeout(async () => {
      const text = readText(composer);
      if (!text.trim()) return ui.showStatus(composer, 'clean', '');
      if (text.length > 1000000) ui.showStatus(composer, 'checking', ui.t('content_status_checking'));
      try {
        const v = await scan(text);
        if (readText(composer) === text && cfg.ui?.showStatus !== false) showTypingStatus(composer, v);
      } catch {
        // The send itself will wait for the background or fail safe.
      }
    }, delay);
  }
  // Editors that apply changes themselves (Lexical) cancel beforeinput and fire no input
  // event; a paste handled by the editor fires none either. The debounced read sees the result.
  for (const type of ['input', 'beforeinput', 'paste', 'cut', 'drop']) window.addEventListener(type, onEdit, true);

  // Wake the background when a composer gets focus, and keep it awake while the user is in the
  // composer (Chromium stops an idle service worker after ~30 s; a cold start costs ~0.3 s).
  let lastWarm = 0;
  let keepWarm = null;
  const warm = () => {
    if (Date.now() - lastWarm < 20000) return;
    lastWarm = Date.now();
    fireAndForget({ type: 'warm' });
  };
  window.addEventListener('focusin', (e) => {
    const composer = composerOf(e.target);
    if (!composer) return;
    loadConfig();
    warm();
    clearInterval(keepWarm);
    keepWarm = setInterval(() => {
      if (!composer.isConnected || !document.hasFocus() || !composer.contains(document.activeElement)) {
        clearInterval(keepWarm);
        keepWarm = null;
        return;
      }
      warm();
    }, 25000);
  }, true);

  // Paste: let it in (the draft is the user's), warn at once about what it contains.
  window.addEventListener('paste', (e) => {
    if (ownEvents.has(e) || unprotected()) return;
    const composer = composerOf(e.target);
    if (!composer) return;
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (!text.trim()) return;
    if (text.length > 1000000) ui.showStatus(composer, 'checking', ui.t('content_status_checking'));
    scan(text).then(
      (v) => {
        if (v.verdict === 'allow') return ui.showStatus(composer, 'clean', '');
        ui.showStatus(composer, 'alert', ui.t('content_paste_warning', ui.summary(PV.countByCategory(v.findings))));
        record('warned', v.findings);
      },
      () => ui.showStatus(composer, 'alert', ui.t('content_status_failed')),
    );
  }, true);

  // ---- files: drop and attach ----------------------------------------------------------------
  const textFiles = (files) => [...(files ?? [])].filter((f) => PV.isTextFile(f.name, f.type));

  /** Scans text files; resolves to {files to hand to the site} or null (the user cancelled). */
  async function screenFiles(files) {
    const out = [];
    for (const file of files) {
      if (!PV.isTextFile(file.name, file.type)) {
        out.push(file);
        continue;
      }
      const text = await file.text();
      let v;
      try {
        v = await scan(text);
      } catch {
        await ui.showDialog({ mode: 'failed' });
        return null;
      }
      if (v.verdict === 'allow') {
        out.push(file);
        continue;
      }
      const res = await ui.showDialog({ text, findings: v.findings, verdict: v.verdict, ui: cfg.ui ?? {}, site: host, fileName: file.name, canRedact: true });
      if (res.action === 'override') {
        record('overridden', v.findings);
        out.push(file);
      } else if (res.action === 'redact') {
        const r = await message({ type: 'redact', text, mapping }).catch(() => null);
        if (!r) return null;
        mapping = PV.mergeMapping(mapping, r.mapping);
        startRestoring();
        record('redacted', v.findings);
        out.push(new File([r.text], file.name, { type: file.type, lastModified: file.lastModified }));
      } else {
        record(v.verdict === 'block' ? 'blocked' : 'warned', v.findings);
        if (res.action === 'report') openReport(v.findings, false);
        return null;
      }
    }
    return out;
  }

  window.addEventListener('drop', async (e) => {
    if (ownEvents.has(e) || unprotected() || !textFiles(e.dataTransfer?.files).length) return;
    const files = [...e.dataTransfer.files];
    const target = e.target;
    const point = { clientX: e.clientX, clientY: e.clientY };
    stop(e);
    await loadConfig();
    const ok = await screenFiles(files);
    if (!ok?.length || !target.isConnected) return;
    const dt = new DataTransfer();
    for (const f of ok) dt.items.add(f);
    const replay = new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true, composed: true, ...point });
    ownEvents.add(replay);
    target.dispatchEvent(replay);
  }, true);

  function onFileInput(e) {
    const input = e.target;
    if (ownEvents.has(e) || unprotected() || !(input instanceof HTMLInputElement) || input.type !== 'file') return;
    if (!textFiles(input.files).length) return;
    stop(e);
    if (e.type !== 'change') return;
    const files = [...input.files];
    (async () => {
      await loadConfig();
      const ok = await screenFiles(files);
      const dt = new DataTransfer();
      for (const f of ok ?? []) dt.items.add(f);
      input.files = dt.files;
      if (!ok?.length) return;
      for (const type of ['input', 'change']) {
        const ev = new Event(type, { bubbles: true });
        ownEvents.add(ev);
        input.dispatchEvent(ev);
      }
    })();
  }
  window.addEventListener('input', onFileInput, true);
  window.addEventListener('change', onFileInput, true);

  // ---- placeholders in replies: shown with the real values, locally ---------------------------
  const decorated = new WeakMap(); // text node → {badge, label}
  let observer = null;

  function decorate(node) {
    if (node.nodeType !== Node.TEXT_NODE || !mapping.length) return;
    const parent = node.parentElement;
    if (!parent || parent.closest('promptvakt-ui, promptvakt-restored') || parent.isContentEditable || parent.closest('textarea')) return;
    const replies = site.adapter.replies ?? [];
    if (replies.length && !replies.some((s) => parent.closest(s))) return;
    const parts = PV.restoreParts(node.nodeValue, mapping).filter((p) => p.placeholder);
    const old = decorated.get(node);
    if (!parts.length) {
      old?.badge.remove();
      decorated.delete(node);
      return;
    }
    const label = parts.map((p) => `${p.placeholder} = ${p.value}`).join('; ');
    if (old?.badge.isConnected && old.label === label) return;
    old?.badge.remove();
    // A badge after the site's text node: the site's own nodes are never rewritten.
    const badge = ui.restoreBadge(label);
    node.after(badge);
    decorated.set(node, { badge, label });
  }

  function scanTree(root) {
    if (root.nodeType === Node.TEXT_NODE) return decorate(root);
    if (root.nodeType !== Node.ELEMENT_NODE || root.localName === 'promptvakt-restored') return;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) decorate(n);
  }

  function startRestoring() {
    if (observer || !mapping.length) return;
    observer = new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'characterData') decorate(r.target);
        else for (const n of r.addedNodes) scanTree(n);
      }
    });
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    if (document.body) scanTree(document.body);
  }

  // ---- adapter health: is the known composer there, or does generic protection take over? ----
  function reportAdapter() {
    const known = site.adapter.id !== 'generic';
    let tries = 0;
    const probe = () => {
      const found = !known || site.findComposer();
      if (found || tries >= 16) {
        site.fallback = known && !found;
        fireAndForget({ type: 'siteStatus', adapter: site.adapter.id, fallback: site.fallback, host });
        return;
      }
      tries += 1;
      setTimeout(probe, 500);
    };
    probe();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', reportAdapter, { once: true });
  else reportAdapter();
  loadConfig();
})();
