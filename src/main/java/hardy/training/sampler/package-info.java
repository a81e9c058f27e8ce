/**
 * Hardness weighted sampling for distributionally robust training (Fidon et al., arXiv:2001.02658):
 * {@link hardy.training.sampler.HardnessWeightedSampler} draws batches from a floored softmax of the stale
 * per-case losses in O(b log n), with exact save and resume. Plain Java: no DJL, no JavaFX.
 */
package hardy.training.sampler;
