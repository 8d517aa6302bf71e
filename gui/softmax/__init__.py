"""The Softmax tab: one image through logits, exp, normalising, loss, gradient, an SGD step; calibration."""
