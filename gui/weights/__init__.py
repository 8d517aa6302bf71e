"""The Weights tab: W as ten class templates, the logit broken down pixel by pixel, edit by painting."""
