// The editor's own Save/Publish/Submit click must not race Wagtail's autosave (Wagtail 8).
//
// - Draftail writes its text to the form's hidden input 250 ms after the last keystroke, so a
//   click right after typing posted the text without its last words.
// - A click while the background save is in flight posted at the same time as it: on a new
//   page that was a second "create" with the same slug, on SQLite two writers at once. The
//   background save also moves the form's action from the create view to the edit view of
//   what it created, so the click must go out after it.
// So the click is held: background saves stop, the rich text is written out, the save in
// flight (if any) finishes, and then the form is sent with the action that was clicked.
(() => {
  const DRAFTAIL_SAVE_DELAY = 300;

  const flushRichText = (form) => {
    form.querySelectorAll('input').forEach((input) => {
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
      if (form.dataset.publishGuardReleased === 'true') return;
      event.preventDefault();
      event.stopImmediatePropagation();
      // A disabled button (Wagtail disables it while it spins) is not sent: carry its action ourselves.
      const { name, value } = event.submitter || {};
      const autosave = autosaveOf(form);
      if (autosave) autosave.activeValue = false;
      const settled = new Promise((resolve) => {
        setTimeout(resolve, DRAFTAIL_SAVE_DELAY);
      });
      Promise.all([settled, autosave?.submitPromise]).finally(() => {
        flushRichText(form);
        if (name) {
          form.append(Object.assign(document.createElement('input'), { type: 'hidden', name, value }));
        }
        form.dataset.publishGuardReleased = 'true';
        form.requestSubmit();
      });
    },
    true,
  );
})();
