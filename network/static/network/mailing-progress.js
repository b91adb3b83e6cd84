// Live progress of a mailing in the admin: polls the progress endpoint until the mailing is done.
(function () {
    "use strict";
    const panel = document.querySelector("[data-mailing-progress]");
    if (!panel || panel.dataset.done === "true") {
        return;
    }
    const bar = panel.querySelector("[data-progress-bar]");
    const status = panel.querySelector("[data-progress-status]");

    async function refresh() {
        try {
            const response = await fetch(panel.dataset.mailingProgress, { credentials: "same-origin" });
            if (!response.ok) {
                return;
            }
            const counts = await response.json();
            panel.querySelectorAll("[data-progress-count]").forEach((cell) => {
                cell.textContent = counts[cell.dataset.progressCount];
            });
            bar.max = Math.max(counts.recipients, 1);
            bar.value = counts.recipients - counts.pending - counts.sending;
            if (counts.done) {
                status.textContent = "Utskicket är klart.";
                return;
            }
        } catch (error) {
            // Network hiccup: try again on the next tick.
        }
        window.setTimeout(refresh, 3000);
    }
    window.setTimeout(refresh, 3000);
})();
