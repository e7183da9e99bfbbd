"""The admin's page edit form as a browser would post it: every field of the rendered form with its value."""

from html.parser import HTMLParser


class _Fields(HTMLParser):
    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.data: dict[str, list[str]] = {}
        self._inside = False
        self._textarea = ""
        self._select = ""

    def handle_starttag(self, tag, attrs) -> None:
        found = dict(attrs)
        if tag == "form" and found.get("id") == self.form_id:
            self._inside = True
        if not self._inside or not found.get("name"):
            if tag == "option" and self._select and "selected" in found:
                self.data.setdefault(self._select, []).append(found.get("value") or "")
            return
        name = found["name"]
        if tag == "input" and found.get("type") not in ("submit", "button", "file", "image"):
            if found.get("type") in ("checkbox", "radio") and "checked" not in found:
                return
            self.data.setdefault(name, []).append(found.get("value") or "")
        elif tag == "textarea":
            self._textarea = name
            self.data.setdefault(name, []).append("")
        elif tag == "select":
            self._select = name

    def handle_endtag(self, tag) -> None:
        if tag == "textarea":
            self._textarea = ""
        elif tag == "select":
            self._select = ""
        elif tag == "form":
            self._inside = False

    def handle_data(self, data) -> None:
        if self._textarea:
            self.data[self._textarea][-1] += data


def edit_form_data(
    html: str, stream_fields: tuple[str, ...] = ("sources",), form_id: str = "page-edit-form"
) -> dict:
    """The fields of the edit form in ``html``; the stream fields (rendered by JavaScript) are sent empty."""
    parser = _Fields(form_id)
    parser.feed(html)
    data = {
        name: values if len(values) > 1 else values[0]
        for name, values in parser.data.items()
        if "__prefix__" not in name
    }
    data.update({f"{name}-count": "0" for name in stream_fields})
    return data
