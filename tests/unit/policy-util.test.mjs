import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  actionsFor, choiceLabel, corePolicyFor, extraHosts, hostMatches, hostsFromMatches, maskSensitive, matchPatterns, trustOf,
} from '../../extension/shared/policy-util.js';

const schema = JSON.parse(readFileSync(new URL('../../deploy/schema.json', import.meta.url)));

test('host patterns: exact, wildcard subdomains, no suffix tricks', () => {
  assert.ok(hostMatches('ai.kommun.example', 'AI.kommun.example'));
  assert.ok(hostMatches('*.kommun.example', 'kommun.example'));
  assert.ok(hostMatches('*.kommun.example', 'x.y.kommun.example'));
  assert.ok(!hostMatches('*.kommun.example', 'evilkommun.example'));
  assert.ok(!hostMatches('kommun.example', 'ai.kommun.example'));
});

test('trust: blocked > approved > IT sites > built-in; unknown hosts are unprotected', () => {
  const p = { sites: ['ai.kommun.example'], approvedSites: ['copilot.microsoft.com'], blockedSites: ['*.deepseek.com'] };
  const builtin = hostsFromMatches(['https://chat.deepseek.com/*', 'https://copilot.microsoft.com/*', 'https://claude.ai/*']);
  assert.deepEqual(builtin, ['chat.deepseek.com', 'copilot.microsoft.com', 'claude.ai']);
  assert.equal(trustOf(p, 'chat.deepseek.com', builtin), 'blocked');
  assert.equal(trustOf(p, 'copilot.microsoft.com', builtin), 'approved');
  assert.equal(trustOf(p, 'claude.ai', builtin), 'public');
  assert.equal(trustOf(p, 'ai.kommun.example', builtin), 'public');
  assert.equal(trustOf(p, 'www.kommun.example', builtin), null);
});

test('approved sites get the approvedAction* keys in the core policy', () => {
  const p = { actionName: 'warn', approvedActionName: 'off', actionSecret: 'block', approvedActionSecret: 'block' };
  assert.equal(corePolicyFor(p, 'approved').actionName, 'off');
  assert.equal(corePolicyFor(p, 'public').actionName, 'warn');
  assert.equal(actionsFor(p, 'approved').name, 'off');
  assert.equal(actionsFor(p, 'public').name, 'warn');
});

test('only IT hosts outside the manifest get registered, once', () => {
  const p = { sites: ['ai.kommun.example', 'claude.ai'], blockedSites: ['AI.kommun.example', '*.bad.example'] };
  const hosts = extraHosts(p, ['claude.ai']);
  assert.deepEqual(hosts, ['ai.kommun.example', '*.bad.example']);
  assert.deepEqual(matchPatterns(hosts), ['https://ai.kommun.example/*', 'https://*.bad.example/*']);
});

test('the webhook URL is masked because the schema marks it sensitive', () => {
  const masked = maskSensitive({ incidentWebhookUrl: 'https://hooks.example/T0KEN', organizationName: 'K' }, schema);
  assert.equal(masked.incidentWebhookUrl, '********');
  assert.equal(masked.organizationName, 'K');
});

test('a choice shows its plain label and the policy value, once', () => {
  assert.equal(choiceLabel('block', 'Stoppa'), 'Stoppa (block)');
  assert.equal(choiceLabel('block', 'Block'), 'Block', 'the label reads as the value');
  assert.equal(choiceLabel('warn', ''), 'warn', 'no label: the value');
});
