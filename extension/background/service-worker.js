// Background entry: the only place the core runs (page CSPs block WebAssembly in content
// scripts). Each feature module exports `handlers`, a map from message type to an async
// function (msg, sender) => reply; this file only routes.
import { initCore } from './engine.js';
import { handlers as scanHandlers } from './scan.js';
import { handlers as policyHandlers, startPolicy } from './policy.js';
import { handlers as reportHandlers } from './report.js';

const routes = { ...scanHandlers, ...policyHandlers, ...reportHandlers };

initCore();
startPolicy();

chrome.runtime.onMessage.addListener((msg, sender, reply) => {
  const handler = routes[msg?.type];
  if (!handler) return false;
  Promise.resolve()
    .then(() => handler(msg, sender))
    .then((result) => reply({ ok: true, ...result }))
    // Errors carry the message only: it never contains scanned text.
    .catch((err) => reply({ ok: false, error: String(err?.message ?? err) }));
  return true;
});
