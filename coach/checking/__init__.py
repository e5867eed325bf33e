"""Is this line or email framed well? Rules, the learned model, the checker, rewrites."""
