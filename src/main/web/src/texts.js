// The page's texts for what the script says, rendered by the server in the page's language
// as data-* attributes of <div id="texts" hidden> (so that no text lives in this bundle).
export function text(name) {
  const texts = document.getElementById('texts');
  return (texts && texts.dataset[name]) || '';
}

export function showError(message) {
  const box = document.getElementById('page-error');
  box.textContent = message;
  box.hidden = !message;
  if (message) {
    box.scrollIntoView({ block: 'center' });
  }
}
