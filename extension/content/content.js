// Placeholder content script; interception lives here.
