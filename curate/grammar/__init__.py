"""Grammar and spelling: Markdown → prose with an offset map, checker backends
(LanguageTool, Harper offline), a per-paragraph cache, and noise control."""
