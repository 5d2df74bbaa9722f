document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('send').addEventListener('click', () => {
    fetch('/api/send', { method: 'POST', body: JSON.stringify({ text: document.getElementById('t').value }) });
  });
});
