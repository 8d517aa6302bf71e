"""Make training images look like what students draw with a mouse.

A model trained only on Fashion-MNIST has seen filled, textured silhouettes; a mouse sketch is a
flat filled shape or just an outline, with wobbly proportions and perhaps a zip or a collar
drawn inside, or a shape coloured in with back-and-forth scribbles. Mixing such versions of the
training images into each batch teaches the model that an outline of a shoe is still a shoe,
while the untouched images keep the test accuracy up. Everything is batched torch (no per-image
Python loop) so it costs little next to the model's own step.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import Tensor

# Share of each kind in a batch; the rest stays the original image so test accuracy holds.
FILLED_SHARE = 0.22
OUTLINE_SHARE = 0.24
# Coloured in with back-and-forth strokes inside an outline: stripes of ink with dark gaps.
SCRIBBLE_SHARE = 0.12
# Outline widths in px at 28×28 and how often each is drawn. The preprocessing fits the stroke's
# outer edge to the frame, so a band runs inwards from the silhouette's edge; a 16-px brush is
# ~2 px on a drawing that fills the board and 4–5 px on one drawn small in a corner.
OUTLINE_WIDTHS = (1, 2, 3, 4, 5)
OUTLINE_WIDTH_WEIGHTS = (0.2, 0.3, 0.25, 0.15, 0.1)
# Scribble stripes: distance between stroke centres and stroke width, px at 28×28.
SCRIBBLE_PERIOD = (2.5, 4.5)
SCRIBBLE_WIDTH = (1.3, 2.6)
# Share of drawn images mirrored left-right (garments are symmetric; shoes then face either way).
FLIP_SHARE = 0.5
# Share of drawn images that also get a small random shift/scale/rotation, as hands are not exact.
AFFINE_SHARE = 0.5
# A pixel belongs to the garment when brighter than this; dark textures inside garments are
# mostly above it, the dataset's black background is exactly zero.
SILHOUETTE_THRESHOLD = 0.06
HOLE_FILL_SHARE = 0.6
# Enough steps for background to creep between trouser legs and round a sandal's straps.
HOLE_FILL_STEPS = 24
# Filling holes may grow the silhouette by at most this share. Prints, buttons and dark fabric
# are small holes; the gaps between a sandal's straps or inside a bag's handle are large, and
# filled they made solid shoe shapes labelled "sandal", which taught the model to read a filled
# sneaker sketch as a sandal. A student fills the body, not the gaps between the straps.
HOLE_FILL_MAX_GAIN = 0.1
# A hand gets proportions a little wrong: part of the silhouettes are warped by a smooth random
# field (displacements up to ELASTIC_PX, varying over ELASTIC_CELLS × ELASTIC_CELLS control points).
ELASTIC_SHARE = 0.5
ELASTIC_PX = 2.0
ELASTIC_CELLS = 4
# Part of the outlines also get the lines a person draws inside one (a zip, a button placket, a
# collar, a sole): the garment's strong inner edges, Sobel magnitude above a random threshold
# in this range (a 0→1 step reads 1), away from the silhouette's own edge.
LINES_SHARE = 0.5
LINES_THRESHOLD = (0.12, 0.20)
# A hand gets a garment's proportions wrong (a sneaker drawn as tall as a bag is wide, a stubby
# dress): part of the drawn kinds are stretched by an aspect factor in RESHAPE_ASPECT (height over
# width, log-uniform) and tilted up to RESHAPE_ROTATION_DEG, then fitted to the frame again as
# the preprocessing fits every drawing (longest side 28 px, centred), before they are outlined,
# so stroke widths stay a brush's.
RESHAPE_SHARE = 0.7
RESHAPE_ASPECT = (0.6, 1.8)
RESHAPE_ROTATION_DEG = 12.0
MAX_SHIFT_PX = 2.5
SCALE_RANGE = (0.85, 1.10)
MAX_ROTATION_DEG = 10.0


def sketch_augment(x: Tensor, generator: torch.Generator) -> Tensor:
    """Return a new batch where a random part looks hand-drawn.

    ``x`` is float [N, 1, 28, 28] in [0, 1]. Each image independently stays as it is, becomes a
    binarised filled silhouette (edges softened like the canvas's anti-aliased brush), an outline
    1–5 px wide (half of them with the garment's inner lines), or an outline scribbled in with
    stripes; half of the silhouettes are warped smoothly like a hand's proportions. Half of the
    drawn images are mirrored left-right, and half are shifted, scaled and rotated slightly; the
    originals stay exactly as they are. The generator makes a run repeatable from its seed.
    """
    if x.ndim != 4 or x.shape[1] != 1:
        raise ValueError(f"expected images shaped [N, 1, H, W], got {tuple(x.shape)}")
    count = x.shape[0]
    if count == 0:
        return x.clone()

    def uniform(*shape: int) -> Tensor:
        # Draw on the generator's device, then move: a CPU generator may drive a CUDA batch.
        return torch.rand(*shape, generator=generator, device=generator.device).to(x.device)

    raw_mask = (x > SILHOUETTE_THRESHOLD).to(x.dtype)
    holes_filled = _fill_holes(raw_mask)
    gain = holes_filled.sum(dim=(1, 2, 3)) / raw_mask.sum(dim=(1, 2, 3)).clamp_min(1)
    fill = (uniform(count) < HOLE_FILL_SHARE) & (gain <= 1 + HOLE_FILL_MAX_GAIN)
    mask = torch.where(fill.view(count, 1, 1, 1), holes_filled, raw_mask)
    threshold = LINES_THRESHOLD[0] + uniform(count, 1, 1, 1) * (LINES_THRESHOLD[1] - LINES_THRESHOLD[0])
    lines = _inner_lines(x, raw_mask, threshold)
    # The lines are warped with their silhouette, so a zip stays inside its coat.
    mask, lines = _warp_smoothly(
        mask, lines, uniform(count, 2, ELASTIC_CELLS, ELASTIC_CELLS), uniform(count) < ELASTIC_SHARE
    )
    mask, lines = _reshape(mask, lines, uniform(count, 2), uniform(count) < RESHAPE_SHARE)
    filled = _soften(mask, amount=uniform(count, 1, 1, 1))
    outline = _outline_of_random_width(mask, uniform(count))
    with_lines = (uniform(count) < LINES_SHARE).view(count, 1, 1, 1)
    outline = torch.where(with_lines, torch.maximum(outline, lines), outline)
    scribbled = _soften(torch.maximum(mask * _stripes(uniform(count, 4)), outline), uniform(count, 1, 1, 1))
    outline = _soften(outline, uniform(count, 1, 1, 1))

    kind = uniform(count).view(count, 1, 1, 1)
    is_filled = kind < FILLED_SHARE
    is_outline = (kind >= FILLED_SHARE) & (kind < FILLED_SHARE + OUTLINE_SHARE)
    drawn_share = FILLED_SHARE + OUTLINE_SHARE
    is_scribbled = (kind >= drawn_share) & (kind < drawn_share + SCRIBBLE_SHARE)
    mixed = torch.where(
        is_filled, filled, torch.where(is_outline, outline, torch.where(is_scribbled, scribbled, x))
    )
    # Every shoe in Fashion-MNIST points left; students draw them pointing either way. Only the
    # drawn kinds move: the originals stay exactly as the test set has them (its shoes all point
    # left), which keeps the small cnn's test accuracy up while the drawings carry the variety.
    drawn = is_filled | is_outline | is_scribbled
    flip = (uniform(count) < FLIP_SHARE).view(count, 1, 1, 1) & drawn
    mixed = torch.where(flip, mixed.flip(-1), mixed)
    return _random_affine(mixed, uniform(count, 4), (uniform(count) < AFFINE_SHARE) & drawn.view(count))


def _fill_holes(mask: Tensor) -> Tensor:
    """Fill the dark parts enclosed by a garment (prints, buttons, dark fabric).

    A student's filled silhouette is solid; an unfilled one would turn a printed logo into extra
    outlines. Background is grown inwards from the border by repeated 3×3 dilation limited to
    non-garment pixels; whatever it cannot reach is inside the garment. A fixed number of steps
    keeps it batched; it reaches any pixel that a path of that many steps links to the border.
    """
    background = 1 - mask
    reached = torch.zeros_like(mask)
    reached[..., 0, :] = 1
    reached[..., -1, :] = 1
    reached[..., :, 0] = 1
    reached[..., :, -1] = 1
    reached = reached * background
    for _ in range(HOLE_FILL_STEPS):
        reached = _dilate(reached) * background
    return 1 - reached


def _dilate(mask: Tensor, radius: int = 1, outside: float = 0.0) -> Tensor:
    """Square dilation by shifted maxima; ``outside`` is what lies beyond the image edge.

    Shifts, not max_pool2d: a stride-1 max_pool2d is ~100× slower on this CPU build of torch.
    """
    for _ in range(radius):
        padded = F.pad(mask, (1, 1, 1, 1), value=outside)
        rows = torch.maximum(torch.maximum(padded[..., :, :-2], padded[..., :, 1:-1]), padded[..., :, 2:])
        mask = torch.maximum(torch.maximum(rows[..., :-2, :], rows[..., 1:-1, :]), rows[..., 2:, :])
    return mask


def _erode(mask: Tensor, radius: int = 1) -> Tensor:
    # Beyond the edge counts as background so a garment touching the frame still gets an edge.
    return 1 - _dilate(1 - mask, radius, outside=1.0)


def _inner_lines(x: Tensor, mask: Tensor, threshold: Tensor) -> Tensor:
    """The garment's strong edges inside its silhouette: what a person draws inside an outline."""
    padded = F.pad(x, (1, 1, 1, 1), mode="replicate")
    left, right = padded[..., :, :-2], padded[..., :, 2:]
    up, down = padded[..., :-2, :], padded[..., 2:, :]
    # Sobel: [1 2 1] smoothing across the difference; /4 makes a 0→1 step read 1.
    horizontal = right - left
    vertical = down - up
    gx = (horizontal[..., :-2, :] + 2 * horizontal[..., 1:-1, :] + horizontal[..., 2:, :]) / 4
    gy = (vertical[..., :, :-2] + 2 * vertical[..., :, 1:-1] + vertical[..., :, 2:]) / 4
    inside = _erode(mask, 2)  # the silhouette's own edge is the outline's job
    return ((gx * gx + gy * gy > threshold * threshold) & (inside > 0.5)).to(x.dtype)


def _warp_smoothly(mask: Tensor, lines: Tensor, draws: Tensor, selected: Tensor) -> tuple[Tensor, Tensor]:
    """Warp the selected masks (and their lines) by a smooth random field, binary again after.

    ``draws`` is uniform [N, 2, cells, cells]: the displacement at each control point, in x and y.
    """
    count, _, height, width = mask.shape
    coarse = (draws * 2 - 1) * ELASTIC_PX * 2 / width  # affine_grid's units: one pixel is 2/size
    field = F.interpolate(coarse, size=(height, width), mode="bicubic", align_corners=True)
    identity = torch.eye(2, 3, dtype=mask.dtype, device=mask.device).expand(count, 2, 3)
    grid = F.affine_grid(identity, [count, 2, height, width], align_corners=False) + field.permute(0, 2, 3, 1)
    both = torch.cat([mask, lines], dim=1)
    warped = F.grid_sample(both, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
    warped_mask = (warped[:, :1] > 0.5).to(mask.dtype)
    # Lines are 1–2 px wide: a lower cut keeps them continuous where the warp thins them.
    warped_lines = (warped[:, 1:] > 0.3).to(mask.dtype)
    keep = selected.view(count, 1, 1, 1)
    return torch.where(keep, warped_mask, mask), torch.where(keep, warped_lines, lines)


def _reshape(mask: Tensor, lines: Tensor, draws: Tensor, selected: Tensor) -> tuple[Tensor, Tensor]:
    """Stretch and tilt the selected masks (with their lines), then fit their box to the frame.

    ``draws`` is uniform [N, 2]: aspect factor, angle. The box is the mask's; the fit is the
    preprocessing's (core.preprocess): the longest side of the new box becomes the frame's side,
    and the box is centred."""
    count, _, height, width = mask.shape
    present = mask[:, 0] > 0.5
    rows, cols = present.any(dim=2), present.any(dim=1)  # [N, H], [N, W]
    index_y = torch.arange(height, device=mask.device, dtype=mask.dtype)
    index_x = torch.arange(width, device=mask.device, dtype=mask.dtype)
    top = torch.where(rows, index_y, float(height)).amin(dim=1)
    bottom = torch.where(rows, index_y, -1.0).amax(dim=1) + 1
    left = torch.where(cols, index_x, float(width)).amin(dim=1)
    right = torch.where(cols, index_x, -1.0).amax(dim=1) + 1
    selected = selected & (bottom > top) & (right > left)  # an empty mask has no box to fit
    box_h, box_w = (bottom - top).clamp_min(1), (right - left).clamp_min(1)
    low, high = math.log(RESHAPE_ASPECT[0]), math.log(RESHAPE_ASPECT[1])
    aspect = torch.exp(low + draws[:, 0] * (high - low)).to(mask.dtype)
    stretch_x, stretch_y = aspect.rsqrt(), aspect.sqrt()
    angle = (draws[:, 1] * 2 - 1) * math.radians(RESHAPE_ROTATION_DEG)
    cos, sin = torch.cos(angle).to(mask.dtype), torch.sin(angle).to(mask.dtype)
    # The stretched, tilted box's extent, and the scale that fits its longest side to the frame.
    new_w = cos.abs() * box_w * stretch_x + sin.abs() * box_h * stretch_y
    new_h = sin.abs() * box_w * stretch_x + cos.abs() * box_h * stretch_y
    fit = width / torch.maximum(new_w, new_h)
    # affine_grid maps output to input in [-1, 1] units (the frame is square): input = A·out + t,
    # A = stretch⁻¹ · rotation⁻¹ / fit, t = the box's centre.
    a11, a12 = cos / (stretch_x * fit), sin / (stretch_x * fit)
    a21, a22 = -sin / (stretch_y * fit), cos / (stretch_y * fit)
    shift_x = (left + right) / width - 1
    shift_y = (top + bottom) / height - 1
    theta = torch.stack(
        [torch.stack([a11, a12, shift_x], dim=1), torch.stack([a21, a22, shift_y], dim=1)], dim=1
    )
    grid = F.affine_grid(theta, [count, 2, height, width], align_corners=False)
    moved = F.grid_sample(torch.cat([mask, lines], dim=1), grid, mode="bilinear", align_corners=False)
    keep = selected.view(count, 1, 1, 1)
    new_mask = (moved[:, :1] > 0.5).to(mask.dtype)
    new_lines = (moved[:, 1:] > 0.3).to(mask.dtype)
    return torch.where(keep, new_mask, mask), torch.where(keep, new_lines, lines)


def _outline_of_random_width(mask: Tensor, choice: Tensor) -> Tensor:
    """Bands inwards from the silhouette's edge, OUTLINE_WIDTHS px wide, picked per image by
    ``choice`` (uniform [N]) with OUTLINE_WIDTH_WEIGHTS."""
    pick = choice.view(-1, 1, 1, 1)
    outline = torch.zeros_like(mask)
    below = 0.0
    for width, weight in zip(OUTLINE_WIDTHS, OUTLINE_WIDTH_WEIGHTS, strict=True):
        eroded = _erode(mask, width)
        chosen = (pick >= below) & (pick < below + weight)
        outline = torch.where(chosen, mask - eroded, outline)
        below += weight
    return outline


def _stripes(draws: Tensor) -> Tensor:
    """Parallel anti-aliased strokes at a random angle, spacing and width, as a hand colours in.

    ``draws`` is uniform [N, 4]: angle, period, width, phase. Returns [N, 1, 28, 28] in [0, 1]."""
    count = draws.shape[0]
    angle = draws[:, 0] * math.pi
    period = SCRIBBLE_PERIOD[0] + draws[:, 1] * (SCRIBBLE_PERIOD[1] - SCRIBBLE_PERIOD[0])
    width = SCRIBBLE_WIDTH[0] + draws[:, 2] * (SCRIBBLE_WIDTH[1] - SCRIBBLE_WIDTH[0])
    rows = torch.arange(28, dtype=draws.dtype, device=draws.device).view(1, 28, 1)
    cols = torch.arange(28, dtype=draws.dtype, device=draws.device).view(1, 1, 28)
    across = cols * torch.cos(angle).view(count, 1, 1) + rows * torch.sin(angle).view(count, 1, 1)
    phase = across / period.view(count, 1, 1) + draws[:, 3].view(count, 1, 1)
    # Distance in px to the nearest stroke's centre line; one px of ramp at the stroke's edge.
    distance = (phase - torch.floor(phase) - 0.5).abs() * period.view(count, 1, 1)
    return (width.view(count, 1, 1) / 2 - distance + 0.5).clamp(0.0, 1.0).unsqueeze(1)


def _soften(mask: Tensor, amount: Tensor) -> Tensor:
    """Blend in a 3×3 box blur by a random amount: the canvas's strokes have grey edges."""
    padded = F.pad(mask, (1, 1, 1, 1))
    rows = padded[..., :, :-2] + padded[..., :, 1:-1] + padded[..., :, 2:]
    blurred = (rows[..., :-2, :] + rows[..., 1:-1, :] + rows[..., 2:, :]) / 9
    weight = 0.6 * amount
    return mask * (1 - weight) + blurred * weight


def _random_affine(images: Tensor, draws: Tensor, selected: Tensor) -> Tensor:
    """Shift ±2.5 px, scale 0.85–1.1 and rotate ±10° the selected images; others stay put."""
    count, _, height, width = images.shape
    angle = (draws[:, 0] * 2 - 1) * math.radians(MAX_ROTATION_DEG)
    low, high = SCALE_RANGE
    scale = low + draws[:, 1] * (high - low)
    # affine_grid works in [-1, 1] coordinates: one pixel is 2/size.
    shift_x = (draws[:, 2] * 2 - 1) * MAX_SHIFT_PX * 2 / width
    shift_y = (draws[:, 3] * 2 - 1) * MAX_SHIFT_PX * 2 / height
    keep = ~selected
    angle = torch.where(keep, torch.zeros_like(angle), angle)
    scale = torch.where(keep, torch.ones_like(scale), scale)
    shift_x = torch.where(keep, torch.zeros_like(shift_x), shift_x)
    shift_y = torch.where(keep, torch.zeros_like(shift_y), shift_y)
    # The grid maps output to input coordinates, hence the inverse scale: scale > 1 enlarges.
    cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
    theta = torch.stack(
        [torch.stack([cos, -sin, shift_x], dim=1), torch.stack([sin, cos, shift_y], dim=1)], dim=1
    ).to(images.dtype)
    grid = F.affine_grid(theta, [count, 1, height, width], align_corners=False)
    moved = F.grid_sample(images, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
    # An identity grid still resamples with rounding error; the others keep their exact pixels.
    return torch.where(selected.view(count, 1, 1, 1), moved.clamp(0.0, 1.0), images)


def flip_shift(x: Tensor, generator: torch.Generator, *, flip: bool, shift: int) -> Tensor:
    """The practitioner's cheap augmentation: mirror a random half of the batch left-right and
    move every image by a whole number of pixels in -shift..shift along each axis (zeros enter at
    the edge, like the dataset's black background).

    One gather for the whole batch, on the batch's device: ~1 ms for 128 images on this CPU.
    Labels are untouched: every Fashion-MNIST class is still itself mirrored or moved by 2 px."""
    if x.ndim != 4 or x.shape[1] != 1:
        raise ValueError(f"expected images shaped [N, 1, H, W], got {tuple(x.shape)}")
    count, _, height, width = x.shape
    if count == 0 or (not flip and shift == 0):
        return x

    def uniform(*shape: int) -> Tensor:
        return torch.rand(*shape, generator=generator, device=generator.device).to(x.device)

    if flip:
        mirrored = (uniform(count) < FLIP_SHARE).view(count, 1, 1, 1)
        x = torch.where(mirrored, x.flip(-1), x)
    if shift == 0:
        return x
    offsets = (uniform(count, 2) * (2 * shift + 1)).long().clamp_(max=2 * shift)  # 0..2·shift
    padded = F.pad(x, (shift, shift, shift, shift))
    rows = offsets[:, 0:1] + torch.arange(height, device=x.device)  # [N, H] rows of the padded image
    cols = offsets[:, 1:2] + torch.arange(width, device=x.device)  # [N, W]
    batch = torch.arange(count, device=x.device).view(count, 1, 1)
    return padded[batch, 0, rows.unsqueeze(2), cols.unsqueeze(1)].unsqueeze(1)
