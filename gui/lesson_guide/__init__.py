"""The Lesson menu and its guide: the chapter's steps, each setting the window up for itself."""
