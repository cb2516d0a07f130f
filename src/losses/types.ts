/**
 * Registry types: one entry per loss. The UI lists what is registered, the trainer builds heads
 * from it; nothing else knows a concrete loss.
 */
export type LossId = 'softmax' | 'heated' | 'center' | 'triplet' | 'pair' | 'simplex' | 'cosface';

export interface ParamSpec {
  /** key in a run's params object, e.g. 'alpha', 'lambda', 'margin' */
  key: string;
  /** label shown next to the slider; 'α', 'λ', 'Margin' are fixed accessible names */
  label: string;
  default: number;
  min: number;
  max: number;
  step: number;
  /** sliders for parameters spanning decades move on a log scale */
  scale?: 'linear' | 'log';
  /** one-line explanation shown under the control */
  help: string;
}

export interface ChoiceSpec {
  key: string;
  label: string;
  default: string;
  options: { value: string; label: string }[];
  help: string;
  /**
   * false: the choice changes no variable or state of the head (an evaluation rule, a miner, a
   * distance), so changing it mid-run keeps the head's weights, centers and optimiser and the head
   * reads the new value at its next call. Absent or true: a change rebuilds the head.
   */
  rebuild?: boolean;
}

export interface LossDefinition {
  id: LossId;
  /** option text in the "Loss" select, e.g. "Simplex centers (Nirvana)" */
  label: string;
  /** short citation: authors, title, venue, year */
  paper: string;
  /** what the loss does, one or two sentences for the page */
  summary: string;
  params: ParamSpec[];
  choices: ChoiceSpec[];
  /** how the loss predicts a class from the embedding */
  prediction: 'argmax' | 'nearest-center';
  /** batches need P classes × K samples (mining needs positives) */
  needsPK: boolean;
  /** where the loss is written down independently of this code; registry.test.ts checks each exists */
  references: LossReferences;
  /** what the page and the snapshots offer for this loss: the page asks these, never the loss's id */
  capabilities: LossCapabilities;
  /** minimum embedding dimension for this loss given C classes (simplex without DAM: C−1) */
  minEmbeddingDim(classes: number, choices: Record<string, string>): number;
}

/** The loss in the PyTorch export (src/export/pytorch/templates) and in the reference vectors. */
export interface LossReferences {
  /** its functions in templates/losses.py */
  pytorch: string[];
  /** its head class in templates/model.py, which HEADS maps the loss's id to */
  pytorchHead: string;
  /** the `loss` kinds of its cases in test-data/loss-vectors/vectors.json */
  vectors: string[];
}

/** Features of a loss that parts outside src/losses/ and the heads act on. */
export interface LossCapabilities {
  /** its plotted feature is L2-normalised: plots draw the unit circle */
  unitCircle: boolean;
  /** it mines triplets in the batch: "Show mined triplets" can draw them */
  minesTriplets: boolean;
}

export type ParamValues = Record<string, number>;
export type ChoiceValues = Record<string, string>;
