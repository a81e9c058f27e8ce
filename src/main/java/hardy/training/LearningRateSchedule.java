package hardy.training;

/** How the learning rate changes over a run of {@code total} iterations. */
public enum LearningRateSchedule {
    /** The base rate throughout. */
    CONSTANT,
    /** nnU-Net's polynomial decay: {@code base * (1 - t / total)^0.9}. */
    POLY,
    /** Cosine annealing to zero: {@code base * (1 + cos(pi t / total)) / 2}. */
    COSINE;

    /** The rate for iteration {@code t} (0-based) of {@code total}; past the end, the last iteration's rate. */
    public double rate(double base, int t, int total) {
        if (this == CONSTANT || total <= 0) {
            return base;
        }
        double x = Math.min(t, total - 1) / (double) total;
        return switch (this) {
            case POLY -> base * Math.pow(1 - x, 0.9);
            case COSINE -> base * (1 + Math.cos(Math.PI * x)) / 2;
            case CONSTANT -> base;
        };
    }
}
