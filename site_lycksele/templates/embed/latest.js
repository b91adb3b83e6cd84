/* {{ settings.home.OrganisationSettings.name }}: senaste nyheter och pressmeddelanden, för inbäddning.
   Usage on a principal's site:
       <div data-lycksele-latest data-limit="5" data-heading="Nytt från Samordningsförbundet"></div>
       <script src="https://<our site>/embed/v1/latest.js" async></script>
   No framework, no cookies (fetch with credentials "omit"); inherits the host page's fonts and colours. */
(function () {
    "use strict";
    var script = document.currentScript;
    var base = script ? new URL(script.src).origin : "";
    var dateFormat = new Intl.DateTimeFormat("sv-SE", { year: "numeric", month: "long", day: "numeric" });

    function get(path) {
        return fetch(base + path, { credentials: "omit", mode: "cors", headers: { "Accept": "application/json" } })
            .then(function (response) {
                if (!response.ok) { throw new Error(response.status); }
                return response.json();
            });
    }

    function item(title, url, date, kind) {
        return { title: title, url: url, date: date ? new Date(date) : null, kind: kind };
    }

    function load(limit) {
        var news = get("/api/v2/pages/?type=home.NewsPage&fields=title,first_published_at&order=-first_published_at&limit=" + limit)
            .then(function (data) {
                return data.items.map(function (page) {
                    return item(page.title, page.meta.html_url, page.meta.first_published_at, "Nyhet");
                });
            })
            .catch(function () { return []; });
        var releases = get("/api/v2/press-releases/?fields=title,public_url,first_published_at&limit=" + limit)
            .then(function (data) {
                return data.items.map(function (release) {
                    return item(release.title, release.public_url, release.first_published_at, "Pressmeddelande");
                });
            })
            .catch(function () { return []; });
        return Promise.all([news, releases]).then(function (lists) {
            return lists[0].concat(lists[1])
                .sort(function (a, b) { return (b.date || 0) - (a.date || 0); })
                .slice(0, limit);
        });
    }

    function render(container, items) {
        var headingText = container.getAttribute("data-heading") || "Nytt från {{ settings.home.OrganisationSettings.name|escapejs }}";
        var level = parseInt(container.getAttribute("data-heading-level") || "2", 10);
        var section = document.createElement("section");
        var heading = document.createElement("h" + (level >= 2 && level <= 6 ? level : 2));
        var id = "lycksele-latest-" + Math.random().toString(36).slice(2);
        heading.id = id;
        heading.textContent = headingText;
        section.setAttribute("aria-labelledby", id);
        section.style.font = "inherit";
        section.style.color = "inherit";
        section.appendChild(heading);
        if (!items.length) {
            var empty = document.createElement("p");
            empty.textContent = "Inga nyheter just nu.";
            section.appendChild(empty);
        } else {
            var list = document.createElement("ul");
            items.forEach(function (entry) {
                var li = document.createElement("li");
                var link = document.createElement("a");
                link.href = entry.url;
                link.textContent = entry.title;
                li.appendChild(link);
                var meta = document.createElement("span");
                meta.textContent = " (" + entry.kind + (entry.date ? ", " : "");
                if (entry.date) {
                    var time = document.createElement("time");
                    time.dateTime = entry.date.toISOString();
                    time.textContent = dateFormat.format(entry.date);
                    meta.appendChild(time);
                }
                meta.appendChild(document.createTextNode(")"));
                li.appendChild(meta);
                list.appendChild(li);
            });
            section.appendChild(list);
        }
        container.textContent = "";
        container.appendChild(section);
    }

    var containers = document.querySelectorAll("[data-lycksele-latest]");
    Array.prototype.forEach.call(containers, function (container) {
        var limit = Math.min(Math.max(parseInt(container.getAttribute("data-limit") || "5", 10) || 5, 1), 20);
        container.setAttribute("aria-busy", "true");
        load(limit).then(function (items) {
            render(container, items);
            container.removeAttribute("aria-busy");
        });
    });
}());
