// Scanning on behalf of content scripts and extension pages.
import { getEngine } from './engine.js';
import { getEffectivePolicy } from './policy.js';

export const handlers = {
  /** {text} → {findings} with UTF-16 offsets. */
  async scan(msg) {
    const { coreJson } = await getEffectivePolicy();
    const engine = await getEngine(coreJson);
    return { findings: engine.scan(String(msg.text ?? '')) };
  },
};
