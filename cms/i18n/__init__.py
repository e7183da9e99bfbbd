"""Languages: which locale a request wants, translations through wagtail-localize and their status, the
gettext catalogs."""
