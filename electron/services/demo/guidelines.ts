import type { ShapeClass } from './shapes';

/** What an annotator reads (H) beside the image for each demo class. */
export const demoGuidelines: Record<ShapeClass, string> = {
  circle:
    'A single round shape with no corners, whatever its colour or size. Thin lines crossing the background are clutter, not part of the shape. An almost-round blob still counts as a circle; anything with visible corners does not.',
  square:
    'A four-sided shape with equal sides and right angles, at any rotation: a square turned 45° (a "diamond") is still a square. Judge the filled shape only, never the thin background lines.',
  triangle:
    'A three-cornered shape pointing in any direction. Count the corners of the filled shape: three means triangle. A star has ten corners (five points and five notches) and is never a triangle, even when small.',
  star:
    'A five-pointed star: five sharp points with notches between them, at any rotation and colour. If you can see notches between the points, it is a star; if the outline is straight between corners, look at the other classes.',
};
