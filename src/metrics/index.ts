export { accuracy, confusionMatrix, perClassAccuracy } from './accuracy';
export { auroc, knownMask, openSetSplit, unknownMask, type OpenSetSplit } from './auroc';
export { forEachNeighbourList, nearestNeighbours, pairwiseSquaredDistances, pointCount, type PointArray } from './distance';
export { evaluateEmbedding, type Evaluation, type EvaluationInput } from './evaluate';
export { kmeans, kmeansPlusPlusInit, lloyd, type KMeansOptions, type KMeansResult } from './kmeans';
export { checkLabels, sameLabelCounts, type Labels } from './labels';
export { mapAtR, MapAtRAccumulator } from './mapAtR';
export { nmiOfEmbedding, normalizedMutualInformation } from './nmi';
export { RECALL_KS, recallAtK, RecallAccumulator, type RecallAtK, type RecallK } from './recall';
