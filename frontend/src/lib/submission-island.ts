/**
 * The submission form's only client script (bundled by Astro as a module from the site's own origin; the CSP of
 * the form routes allows 'self' scripts, every other route keeps `script-src 'none'`). It adds what a server
 * round trip cannot: a character count on limited fields, a check of the chosen files (count, size, type)
 * before hundreds of kilobytes go up a slow link, and a guard against sending the form twice. Without it the
 * form works the same, and the server checks everything again.
 */

function setup(form: HTMLFormElement): void {
  const data = form.dataset;
  const maxFiles = Number(data.maxFiles ?? '5');
  const maxBytes = Number(data.maxBytes ?? '0');
  const types = (data.types ?? '').split(',').filter(Boolean);

  // Character counts, in the hint of each limited text field.
  for (const field of form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('textarea[maxlength], input[name="title"]')) {
    const max = field.maxLength;
    if (!(max > 0)) continue;
    const counter = document.createElement('p');
    counter.className = 'hint char-count';
    counter.id = `${field.id}-count`;
    field.insertAdjacentElement('afterend', counter);
    const update = () => {
      counter.textContent = (data.msgCount ?? '{count}/{max}').replace('{count}', String(field.value.length)).replace('{max}', String(max));
    };
    field.addEventListener('input', update);
    update();
  }

  // The chosen files, checked as soon as they are chosen.
  const files = form.querySelector<HTMLInputElement>('input[type="file"]');
  const fileMessage = files ? document.getElementById(`${files.id}-check`) : null;
  const checkFiles = (): string => {
    if (!files?.files) return '';
    const chosen = [...files.files];
    if (chosen.length > maxFiles) return data.msgTooManyFiles ?? '';
    if (maxBytes && chosen.some((file) => file.size > maxBytes)) return data.msgTooLarge ?? '';
    if (types.length && chosen.some((file) => !types.some((type) => file.name.toLowerCase().endsWith(type)))) return data.msgType ?? '';
    return '';
  };
  const showFiles = (): boolean => {
    const problem = checkFiles();
    if (fileMessage) fileMessage.textContent = problem;
    if (files) {
      files.setCustomValidity(problem);
      if (problem) files.setAttribute('aria-invalid', 'true');
      else files.removeAttribute('aria-invalid');
    }
    return !problem;
  };
  files?.addEventListener('change', showFiles);

  // One submission per click: a second click while the first is on its way would only wait for the same answer.
  let sending = false;
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  const label = button?.textContent ?? '';
  form.addEventListener('submit', (event) => {
    if (sending || !showFiles()) {
      event.preventDefault();
      if (!sending) files?.focus();
      return;
    }
    sending = true;
    if (button) {
      button.setAttribute('aria-disabled', 'true');
      button.textContent = data.msgSending ?? button.textContent;
    }
    form.setAttribute('aria-busy', 'true');
  });
  // Coming back with the browser's Back button restores the page from its cache: let it be sent again.
  window.addEventListener('pageshow', () => {
    sending = false;
    form.removeAttribute('aria-busy');
    if (button) {
      button.removeAttribute('aria-disabled');
      button.textContent = label;
    }
  });
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-island="submission"]')) setup(form);

// The error summary is where the reader should start after a failed post.
document.querySelector<HTMLElement>('.error-summary')?.focus();
