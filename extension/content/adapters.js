// Site adapters: one declarative entry per site. `composer` and `send` are selector lists tried in
// order; `replies` marks where the AI's answers appear (for local placeholder restoration).
// When a known site's composer is not found, the generic adapter takes over (the site changed).
(() => {
  const PV = (globalThis.promptvakt ??= {});

  const ADAPTERS = [
    {
      id: 'chatgpt',
      hosts: ['chatgpt.com', 'chat.openai.com'],
      composer: ['#prompt-textarea[contenteditable="true"]', 'div.ProseMirror[contenteditable="true"]', 'textarea#prompt-textarea'],
      send: ['button[data-testid="send-button"]', '#composer-submit-button', 'button[aria-label="Send prompt"]'],
      replies: ['[data-message-author-role="assistant"]'],
    },
    {
      id: 'claude',
      hosts: ['claude.ai'],
      composer: ['div.ProseMirror[contenteditable="true"]', '[data-testid="chat-input"] [contenteditable="true"]'],
      send: ['button[aria-label="Send message"]', 'button[aria-label="Send Message"]'],
      replies: ['.font-claude-response', '.font-claude-message', '[data-is-streaming]'],
    },
    {
      id: 'gemini',
      hosts: ['gemini.google.com'],
      composer: ['rich-textarea .ql-editor[contenteditable="true"]', '.ql-editor[contenteditable="true"]'],
      send: ['button.send-button', 'button[aria-label="Send message"]', 'button[aria-label="Skicka meddelande"]'],
      replies: ['message-content', 'model-response'],
    },
    {
      id: 'copilot',
      hosts: ['copilot.microsoft.com'],
      composer: ['textarea#userInput', 'textarea[data-testid="composer-input"]'],
      send: ['button[data-testid="submit-button"]', 'button[aria-label="Submit message"]'],
      replies: ['[data-content="ai-message"]'],
    },
    {
      id: 'mistral',
      hosts: ['chat.mistral.ai'],
      composer: ['div.ProseMirror[contenteditable="true"]', 'textarea[name="message.text"]'],
      send: ['button[aria-label="Send question"]', 'form button[type="submit"]'],
      replies: [],
    },
    {
      id: 'perplexity',
      hosts: ['www.perplexity.ai', 'perplexity.ai'],
      composer: ['#ask-input[contenteditable="true"]', 'div[contenteditable="true"][data-lexical-editor="true"]', 'textarea[placeholder]'],
      send: ['button[data-testid="submit-button"]', 'button[aria-label="Submit"]'],
      replies: [],
    },
    {
      id: 'deepseek',
      hosts: ['chat.deepseek.com'],
      composer: ['textarea#chat-input', 'textarea[placeholder*="DeepSeek"]'],
      // The send control is an unlabeled div[role=button] with a hashed class; the arrow icon's
      // path is steadier. Else: the last role=button next to the composer.
      send: ['div[role="button"]._7436101', 'div[role="button"]:has(svg path[d^="M8.3125"])'],
      sendNear: true,
      replies: [],
    },
    {
      id: 'grok',
      hosts: ['grok.com'],
      composer: ['div.tiptap.ProseMirror[contenteditable="true"]', 'textarea[aria-label="Ask Grok anything"]'],
      send: ['button[type="submit"][aria-label="Submit"]', 'form button[type="submit"]'],
      replies: [],
    },
    {
      id: 'meta',
      hosts: ['www.meta.ai', 'meta.ai'],
      composer: ['div[contenteditable="true"][data-lexical-editor="true"]', 'textarea[placeholder^="Ask"]'],
      send: ['div[role="button"][aria-label="Send message"]', 'button[aria-label="Send message"]'],
      replies: [],
    },
    {
      id: 'poe',
      hosts: ['poe.com'],
      composer: ['textarea[class*="GrowingTextArea_textArea"]', 'footer textarea'],
      send: ['button[data-button-send="true"]', 'button[class*="ChatMessageSendButton"]'],
      replies: [],
    },
  ];

  const GENERIC = {
    id: 'generic',
    hosts: [],
    composer: ['textarea', '[contenteditable="true"]', '[contenteditable=""]', '[role="textbox"][contenteditable]'],
    send: ['button[type="submit"]', 'button[aria-label*="send" i]', 'button[aria-label*="skicka" i]', 'button[data-testid*="send" i]', 'button[aria-label*="submit" i]'],
    sendNear: true,
    replies: [],
  };

  /** The adapter entry for a host name, or the generic one. */
  function adapterForHost(host) {
    const h = String(host ?? '').toLowerCase().replace(/\.$/, '');
    return ADAPTERS.find((a) => a.hosts.includes(h)) ?? GENERIC;
  }

  const SEND_WORDS = /\b(send|skicka|submit|ask|fråga)\b/i;

  /** Live lookups of the adapter's elements on the current page. */
  class Site {
    constructor(adapter, doc = document) {
      this.adapter = adapter;
      this.doc = doc;
      this.fallback = false;
    }
    get id() {
      return this.fallback ? `${this.adapter.id}+generic` : this.adapter.id;
    }
    pick(selectors, root = this.doc) {
      for (const s of selectors) {
        try {
          const all = root.querySelectorAll(s);
          for (const el of all) if (isShown(el)) return el;
        } catch {
          // An invalid selector in an entry must not break the others.
        }
      }
      return null;
    }
    /** The composer for an event target, or null when the target is not a composer. */
    composerFor(target) {
      const el = target instanceof Element ? target : target?.parentElement;
      if (!el) return null;
      const selectors = this.fallback ? GENERIC.composer : this.adapter.composer;
      for (const s of selectors) {
        try {
          const hit = el.closest(s);
          if (hit) return editableRoot(hit);
        } catch {
          // ignore invalid selector
        }
      }
      // Generic: any editable field counts, also on a known site whose composer is missing.
      if (this.fallback || this.adapter === GENERIC || !this.findComposer()) {
        const ed = el.closest('textarea, [contenteditable]');
        if (ed && isEditable(ed)) return editableRoot(ed);
      }
      return null;
    }
    /** The main composer on the page (known selectors), or null if the site changed. */
    findComposer() {
      return this.pick(this.adapter.composer);
    }
    /** The send button for `composer`: the adapter's selectors, then the nearest send-like button. */
    sendButton(composer) {
      if (!this.fallback) {
        const known = this.pick(this.adapter.send);
        if (known) return known;
      }
      if (!composer || !(this.adapter.sendNear || this.fallback || this.adapter === GENERIC)) return null;
      return nearestSendButton(composer);
    }
    /** Whether a click target is (inside) a send button for the composer. */
    isSendButton(target, composer) {
      const el = target instanceof Element ? target : target?.parentElement;
      if (!el) return null;
      const btn = el.closest('button, [role="button"], input[type="submit"]');
      if (!btn) return null;
      const selectors = this.fallback ? GENERIC.send : this.adapter.send;
      for (const s of selectors) {
        try {
          if (btn.matches(s)) return btn;
        } catch {
          // ignore
        }
      }
      if (composer && (this.adapter.sendNear || this.fallback) && nearestSendButton(composer) === btn) return btn;
      return null;
    }
  }

  function isShown(el) {
    if (!el.isConnected) return false;
    const r = el.getBoundingClientRect?.();
    return !r || r.width > 0 || r.height > 0 || el.getClientRects().length > 0;
  }

  function isEditable(el) {
    if (el.tagName === 'TEXTAREA') return !el.disabled && !el.readOnly;
    return el.isContentEditable;
  }

  /** The outermost contenteditable (the editor root), or the textarea itself. */
  function editableRoot(el) {
    if (el.tagName === 'TEXTAREA' || el.tagName === 'INPUT') return el;
    let root = el;
    while (root.parentElement?.isContentEditable) root = root.parentElement;
    return root;
  }

  /** The send-like button closest to the composer in the DOM (same form or container). */
  function nearestSendButton(composer) {
    let box = composer.closest('form') ?? composer.parentElement;
    for (let depth = 0; box && depth < 6; depth += 1, box = box.parentElement) {
      const buttons = [...box.querySelectorAll('button, [role="button"], input[type="submit"]')].filter(
        (b) => !composer.contains(b) && isShown(b),
      );
      if (!buttons.length) continue;
      const labelled = buttons.find((b) => b.type === 'submit' || SEND_WORDS.test(`${b.getAttribute('aria-label') ?? ''} ${b.textContent ?? ''} ${b.getAttribute('data-testid') ?? ''}`));
      return labelled ?? buttons[buttons.length - 1];
    }
    return null;
  }

  Object.assign(PV, { ADAPTERS, GENERIC, adapterForHost, Site, editableRoot, isEditable });
})();
