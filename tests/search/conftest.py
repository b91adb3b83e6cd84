import re


def titles(response):
    """The titles of the search results on the search page, in order."""
    return re.findall(r'<li class="search-result">\s*<h3>(?:<a href="[^"]*">)?([^<]+)', response.content.decode())
