// The editor's own Save/Publish/Submit click must not race Wagtail's autosave (Wagtail 8).
//
// - Draftail writes its text to the form's hidden input 250 ms after the last keystroke, so a
//   click right after typing posted the text without its last words: flush every editor first.
// - A click while the background save is in flight posted at the same time as it: on a new
//   page that was a second "create" with the same slug. Wait for it (it also moves the form's
//   action from the create view to the edit view of what it created), then submit.
// - After the click no further background save may start; it would race the real submission.
(() => {
  const flushRichText = (form) => {
    form.querySelectorAll('input[type="hidden"]').forEach((input) => {
      if (input.draftailEditor) input.draftailEditor.saveState();
    });
  };

  const autosaveOf = (form) =>
    window.wagtail?.app?.getControllerForElementAndIdentifier(form, 'w-autosave');

  document.addEventListener(
    'submit',
    (event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-edit-form')) return;
      flushRichText(form);
      const autosave = autosaveOf(form);
      if (!autosave) return;
      autosave.activeValue = false;
      if (!autosave.submitPromise) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      const { name, value } = event.submitter || {};
      autosave.submitPromise.finally(() => {
        flushRichText(form);
        // The save may have re-rendered the footer: click the same action again, found by name.
        const again = name && [...form.querySelectorAll('[type="submit"]')].find(
          (button) => button.name === name && button.value === value,
        );
        if (name && !again) {
          const input = Object.assign(document.createElement('input'), { type: 'hidden', name, value });
          form.append(input);
        }
        form.requestSubmit(again || undefined);
      });
    },
    true,
  );
})();
