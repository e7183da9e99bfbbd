"""Work outside the request: the mail queue and the retry policy for services that are down."""
