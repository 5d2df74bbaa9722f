// Effective policy: managed storage > user settings > built-in defaults. (Stub: defaults only.)

/** {policy: flat object, coreJson: string for the core, managedKeys: [], issues: []} */
export async function getEffectivePolicy() {
  return { policy: {}, coreJson: '{}', managedKeys: [], issues: [] };
}

export function startPolicy() {}

export const handlers = {
  async getPolicy() {
    return getEffectivePolicy();
  },
};
