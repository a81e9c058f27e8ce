package hardy.inference;

/** Runs the network on one patch tensor {@code [1, C, D, H, W]}; returns its output values in C order. */
@FunctionalInterface
interface PatchRunner {

    /** The output of a forward pass on {@code input} of shape {@code shape}; shape {@code [1, classes, D, H, W]}. */
    InferenceSession.Output run(float[] input, long[] shape);
}
