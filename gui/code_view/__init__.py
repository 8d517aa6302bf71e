"""The Code tab: the lesson's functions as the app runs them, and the current minibatch's numbers."""
