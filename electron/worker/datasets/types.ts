/**
 * Images with known labels, as the simulation uses them: `count` images of
 * `height × width × channels` pixels scaled to 0..1, row-major, plus one class index each.
 * The labels are the oracle: the simulation hides them from the strategies.
 */
export interface LabeledImages {
  pixels: Float32Array;
  labels: Int32Array;
  count: number;
  height: number;
  width: number;
  channels: number;
}

/** A dataset with its official (or held-out) test part and its class names. */
export interface SimulationDataset {
  name: string;
  classNames: string[];
  train: LabeledImages;
  test: LabeledImages;
}
