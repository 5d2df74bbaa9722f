// Background entry: the only place the core runs (page CSPs block WebAssembly in content
// scripts). Each feature module exports `handlers`, a map from message type to an async
// function (msg, sender) => reply; this file only routes.
import { prepareEngine } from './engine.js';
import { handlers as scanHandlers } from './scan.js';
import { handlers as policyHandlers, startPolicy } from './policy.js';
import { handlers as reportHandlers } from './report.js';

const routes = { ...scanHandlers, ...policyHandlers, ...reportHandlers };

// No top-level await in a worker: start the core (compile, then the policy-independent part of
// the engine) and the policy read now, in parallel; handlers await the same promises.
prepareEngine().catch(() => {});
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
