"""Make training images look like what students draw with a mouse.

A model trained only on Fashion-MNIST has seen filled, textured silhouettes; a mouse sketch is a
flat filled shape or just an outline, with wobbly proportions and perhaps a zip or a collar
drawn inside. Mixing such versions of the training images into each
batch teaches the model that an outline of a shoe is still a shoe, while the untouched images
keep the test accuracy up. Everything is batched torch (no per-image Python loop) so it costs
little next to the model's own step.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import Tensor

# Share of each kind in a batch; the rest stays the original image so test accuracy holds.
FILLED_SHARE = 0.25
OUTLINE_SHARE = 0.30
# Share of images mirrored left-right (garments are symmetric; shoes then face either way).
FLIP_SHARE = 0.5
# Share of images that also get a small random shift/scale/rotation, as hands are not exact.
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
MAX_SHIFT_PX = 2.5
SCALE_RANGE = (0.85, 1.10)
MAX_ROTATION_DEG = 10.0


def sketch_augment(x: Tensor, generator: torch.Generator) -> Tensor:
    """Return a new batch where a random part looks hand-drawn.

    ``x`` is float [N, 1, 28, 28] in [0, 1]. Each image independently stays as it is, becomes a
    binarised filled silhouette (edges softened like the canvas's anti-aliased brush), or becomes
    an outline 1–3 px wide, half of the outlines with the garment's inner lines; half of the
    silhouettes are warped smoothly like a hand's proportions. Half of all images are mirrored
    left-right, and half are shifted, scaled and rotated slightly. The generator makes a run
    repeatable from its seed.
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
    filled = _soften(mask, amount=uniform(count, 1, 1, 1))
    outline = _outline_of_random_width(mask, uniform(count))
    with_lines = (uniform(count) < LINES_SHARE).view(count, 1, 1, 1)
    outline = torch.where(with_lines, torch.maximum(outline, lines), outline)

    kind = uniform(count).view(count, 1, 1, 1)
    is_filled = kind < FILLED_SHARE
    is_outline = (kind >= FILLED_SHARE) & (kind < FILLED_SHARE + OUTLINE_SHARE)
    mixed = torch.where(is_filled, filled, torch.where(is_outline, outline, x))
    # Every shoe in Fashion-MNIST points left; students draw them pointing either way.
    flip = (uniform(count) < FLIP_SHARE).view(count, 1, 1, 1)
    mixed = torch.where(flip, mixed.flip(-1), mixed)
    return _random_affine(mixed, uniform(count, 4), uniform(count) < AFFINE_SHARE)


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


def _outline_of_random_width(mask: Tensor, choice: Tensor) -> Tensor:
    """Bands along the silhouette's edge, 1, 2 or 3 px wide, picked per image."""
    eroded = _erode(mask)
    grown = _dilate(mask)
    thin = mask - eroded  # the inner edge ring, ~1 px
    medium = grown - eroded  # one px either side, ~2 px
    thick = _dilate(grown, 1) - eroded  # ~3 px
    pick = choice.view(-1, 1, 1, 1)
    return torch.where(pick < 1 / 3, thin, torch.where(pick < 2 / 3, medium, thick))


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
