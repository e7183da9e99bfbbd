"""Edition PDFs (issue 19): the guidance as one numbered, tagged PDF per edition and language, rendered by
WeasyPrint from a Django template in the background after an edition is published, and a draft PDF of the
current revisions for editors."""
