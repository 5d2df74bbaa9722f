// Incident reports and local statistics. (Stub.)
export const handlers = {};
