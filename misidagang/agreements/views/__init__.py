"""The pages of this app, one module per area they serve."""
