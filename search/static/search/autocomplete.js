/* Autocomplete for the search box: the ARIA 1.2 combobox pattern with a listbox popup.
   Without JavaScript the form works as an ordinary GET form. */
(function () {
    "use strict";
    var form = document.querySelector("form[data-suggestions-url]");
    if (!form || !window.fetch) { return; }
    var input = form.querySelector("[role=combobox]");
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var status = document.getElementById("search-suggestions-status");
    var url = form.getAttribute("data-suggestions-url");
    var timer = null;
    var active = -1;
    var controller = null;

    function options() { return list.querySelectorAll("[role=option]"); }

    function close() {
        list.hidden = true;
        list.textContent = "";
        input.setAttribute("aria-expanded", "false");
        input.removeAttribute("aria-activedescendant");
        active = -1;
    }

    function select(index) {
        var items = options();
        if (!items.length) { return; }
        active = (index + items.length) % items.length;
        for (var i = 0; i < items.length; i++) {
            items[i].setAttribute("aria-selected", i === active ? "true" : "false");
        }
        input.setAttribute("aria-activedescendant", items[active].id);
    }

    function go(item) {
        if (item && item.dataset.url) { window.location.href = item.dataset.url; }
    }

    function render(suggestions) {
        list.textContent = "";
        suggestions.forEach(function (suggestion, index) {
            var item = document.createElement("li");
            item.id = "search-suggestion-" + index;
            item.setAttribute("role", "option");
            item.setAttribute("aria-selected", "false");
            item.dataset.url = suggestion.url || "";
            item.textContent = suggestion.title + " (" + suggestion.type + ")";
            item.addEventListener("mousedown", function (event) { event.preventDefault(); go(item); });
            list.appendChild(item);
        });
        var count = suggestions.length;
        list.hidden = count === 0;
        input.setAttribute("aria-expanded", count ? "true" : "false");
        status.textContent = count ? count + " förslag, använd pil upp och ned." : "";
        active = -1;
    }

    function fetchSuggestions() {
        var query = input.value.trim();
        if (query.length < 2) { close(); return; }
        if (controller) { controller.abort(); }
        controller = window.AbortController ? new AbortController() : null;
        fetch(url + "?q=" + encodeURIComponent(query), {
            credentials: "omit",
            headers: { "Accept": "application/json" },
            signal: controller ? controller.signal : undefined
        }).then(function (response) {
            return response.ok ? response.json() : { suggestions: [] };
        }).then(function (data) {
            render(data.suggestions || []);
        }).catch(function () { /* offline or aborted: the form still works */ });
    }

    input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(fetchSuggestions, 200);
    });
    input.addEventListener("keydown", function (event) {
        if (list.hidden) { return; }
        if (event.key === "ArrowDown") { event.preventDefault(); select(active + 1); }
        else if (event.key === "ArrowUp") { event.preventDefault(); select(active - 1); }
        else if (event.key === "Escape") { close(); }
        else if (event.key === "Enter" && active >= 0) { event.preventDefault(); go(options()[active]); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
}());
