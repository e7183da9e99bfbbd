"""The headless site: the API contract and its input checks, where pages live on the frontend, previews,
rich text links, and keeping the frontend fresh when pages change."""
