"""The funding page's section about the online application: the next deadline and the way in."""

from django.template.loader import render_to_string

from applications.deadlines import round_for


def funding_page_section(request, page):
    association = page.get_site()
    return render_to_string("applications/funding_section.html", {"round": round_for(association)}, request=request)
