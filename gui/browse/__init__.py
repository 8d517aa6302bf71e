"""The Browse tab: the dataset as thumbnails through the model's eyes, filters, confusion matrix."""
