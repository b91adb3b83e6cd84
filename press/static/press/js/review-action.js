// The board's approve/reject buttons in the release editor open Wagtail's workflow dialog
// (the same one as on the dashboard) instead of submitting the edit form.
document.addEventListener('click', (event) => {
  const button = event.target.closest('[data-press-workflow-action-url]');
  if (!button) return;
  event.preventDefault();
  window.ModalWorkflow({
    url: button.dataset.pressWorkflowActionUrl,
    onload: {
      action(modal) {
        modal.ajaxifyForm(window.jQuery('form', modal.body));
      },
      success(modal, data) {
        window.location.href = data.redirect;
      },
    },
    triggerElement: button,
  });
});
