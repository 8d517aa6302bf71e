"""The lesson's own maths, each piece shown on a tab and checked against torch in the tests:
the from-scratch softmax regression (scratch), the Softmax tab's stages (softmax_steps), the
Weights tab's templates (templates), calibration, and Browse's per-sample metrics (metrics)."""
