"""The moderation actions the task types offer and the moderation service carries out: names both share,
below both (the task types call the service, which must not import them back)."""

APPROVE = "approve"
REQUEST_CHANGES = "request_changes"
REJECT = "reject"
