"""Public URLs of the funding applications outside the page tree (included at the site root)."""

urlpatterns = []
