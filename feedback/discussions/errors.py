"""The one exception of the discussion rules, shared by posting, moderation and triage."""


class DiscussionError(Exception):
    """A request the rules refuse; ``status`` is the HTTP status the API answers with."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(str(message))
        self.message = message
        self.status = status
