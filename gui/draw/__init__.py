"""The Draw tab: the sketch board, its tools, and the model's answer to what is drawn."""
