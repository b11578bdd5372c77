"""lintnews: a copyedit linter for news articles."""
