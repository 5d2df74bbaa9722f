// Background: the only place the core runs (page CSPs block WebAssembly in content scripts).
import { getEngine, initCore } from './engine.js';

initCore();

chrome.runtime.onMessage.addListener((msg, _sender, reply) => {
  if (msg?.type === 'scan') {
    getEngine()
      .then((e) => reply({ ok: true, findings: e.scan(String(msg.text ?? '')) }))
      .catch((err) => reply({ ok: false, error: String(err?.message ?? err) }));
    return true;
  }
  return false;
});
