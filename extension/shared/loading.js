// The loading state of pages that wait on the background service worker: "Loading …" at once,
// then a plain message and a retry if no answer comes. The first start after the browser launches
// can wait up to 3 s for managed storage (then the last known policy stands in), so 5 s without an
// answer is a fault.
// The text follows the browser's language: a language the policy forces is not known yet.
const NO_ANSWER_MS = 5000;

/** Starts the state in #load-state; done() swaps it for #main, fail() (or the time-out) offers the retry. */
export function startLoading() {
  const $ = (id) => document.getElementById(id);
  const status = $('load-status');
  const retry = $('load-retry');
  status.textContent = chrome.i18n.getMessage('page_loading');
  retry.textContent = chrome.i18n.getMessage('page_retry');
  // Starting the page afresh asks for everything again, whatever part went unanswered.
  retry.addEventListener('click', () => location.reload());
  const fail = () => {
    status.textContent = chrome.i18n.getMessage('page_no_answer');
    retry.hidden = false;
    $('load-state').hidden = false;
  };
  const timer = setTimeout(fail, NO_ANSWER_MS);
  return {
    fail() {
      clearTimeout(timer);
      fail();
    },
    // A late answer still shows the page, even after the message.
    done() {
      clearTimeout(timer);
      $('load-state').hidden = true;
      $('main').hidden = false;
    },
  };
}
