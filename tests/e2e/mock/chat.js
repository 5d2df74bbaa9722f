// A mock chat page: the composer and send control of a real site (markup in each site's
// index.html), with editor behaviour close to the real editors. The page keeps its own model of
// the draft, as real editors do, and "sends" it by POSTing {site, text} to data-path.
(() => {
  const body = document.body;
  const cfg = body.dataset;
  const composer = document.querySelector(cfg.composer);
  const sendEl = () => document.querySelector(cfg.send);
  const editor = cfg.editor; // textarea | prosemirror | quill | lexical
  let model = '';

  const paragraphs = (text) => text.split('\n').map((line) => {
    const p = document.createElement('p');
    if (editor === 'lexical') {
      if (line) {
        const span = document.createElement('span');
        span.setAttribute('data-lexical-text', 'true');
        span.textContent = line;
        p.append(span);
      } else p.append(document.createElement('br'));
    } else if (line) p.textContent = line;
    else p.append(document.createElement('br'));
    return p;
  });
  // Like ProseMirror's DOM parser: paragraphs are lines; loose text (after a browser edit) counts too.
  const domText = () => (composer.querySelector('p') ? [...composer.children].map((p) => p.textContent).join('\n') : composer.innerText);
  const caretToEnd = () => {
    const r = document.createRange();
    r.selectNodeContents(composer);
    r.collapse(false);
    const s = getSelection();
    s.removeAllRanges();
    s.addRange(r);
  };
  const render = (text) => {
    composer.replaceChildren(...paragraphs(text));
    caretToEnd();
  };
  const selectedAll = () => {
    const s = getSelection();
    if (!s.rangeCount || s.isCollapsed) return false;
    return s.toString().replace(/\s+/g, '') === composer.textContent.replace(/\s+/g, '');
  };

  if (editor === 'textarea') {
    // React-like: the model follows input events only.
    composer.addEventListener('input', () => (model = composer.value));
  } else if (editor === 'lexical') {
    // Lexical: every change goes through beforeinput; the editor renders its own DOM.
    composer.addEventListener('beforeinput', (e) => {
      e.preventDefault();
      const all = selectedAll();
      const base = all ? '' : model;
      if (e.inputType === 'insertText' || e.inputType === 'insertReplacementText') model = base + (e.data ?? e.dataTransfer?.getData('text/plain') ?? '');
      else if (e.inputType === 'deleteContentBackward') model = all ? '' : model.slice(0, -1);
      else if (e.inputType === 'insertParagraph' || e.inputType === 'insertLineBreak') model = base + '\n';
      else if (e.inputType.startsWith('delete')) model = all ? '' : model;
      render(model);
    });
  } else {
    // ProseMirror / Tiptap / Quill: the model is read back from the DOM after each change.
    composer.addEventListener('input', () => (model = domText()));
  }
  if (editor !== 'textarea') {
    // Rich editors parse pasted plain text themselves.
    composer.addEventListener('paste', (e) => {
      const text = e.clipboardData?.getData('text/plain');
      if (text == null) return;
      e.preventDefault();
      model = (selectedAll() || !model.trim() ? '' : model) + text;
      render(model);
    });
  }

  const thread = document.getElementById('thread');
  const template = document.getElementById('reply');
  function addReply(text) {
    const node = template.content.firstElementChild.cloneNode(true);
    node.querySelector('.reply-text').textContent = `Uppfattat: ${text}`;
    thread.append(node);
  }

  function send() {
    const text = editor === 'textarea' ? model : model.replace(/\n+$/, '');
    if (!text.trim()) return;
    // When the page sent, for the browser benchmark (same clock as the test runner).
    window.mockLastSend = performance.timeOrigin + performance.now();
    fetch(cfg.path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ site: location.hostname, text }) });
    model = '';
    if (editor === 'textarea') composer.value = '';
    else render('');
    setTimeout(() => addReply(text), 50);
  }

  // Most sites send on keydown; some on keyup (data-enter="keyup").
  const sendKey = cfg.enter === 'keyup' ? 'keyup' : 'keydown';
  if (sendKey === 'keyup') {
    composer.addEventListener('keydown', (e) => e.key === 'Enter' && !e.shiftKey && e.preventDefault());
  }
  composer.addEventListener(sendKey, (e) => {
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing) return;
    e.preventDefault();
    const form = composer.closest('form');
    if (cfg.submit === 'form' && form) form.requestSubmit();
    else send();
  });
  if (cfg.submit === 'form') {
    composer.closest('form').addEventListener('submit', (e) => {
      e.preventDefault();
      send();
    });
  } else {
    document.addEventListener('click', (e) => {
      if (e.target.closest(cfg.send)) send();
    });
  }
  if (editor !== 'textarea') render('');

  // Attachments: text files are read and uploaded, as the sites do.
  const upload = async (files) => {
    for (const f of files) {
      fetch('/upload', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ site: location.hostname, name: f.name, text: await f.text() }) });
    }
  };
  document.querySelector('input[type=file]')?.addEventListener('change', (e) => upload([...e.target.files]));
  composer.addEventListener('dragover', (e) => e.preventDefault());
  composer.addEventListener('drop', (e) => {
    e.preventDefault();
    upload([...(e.dataTransfer?.files ?? [])]);
  });
  void sendEl;
})();
