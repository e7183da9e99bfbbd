"""Users and what they may do: the allauth adapter, roles (groups), per-account quotas, the client address."""
