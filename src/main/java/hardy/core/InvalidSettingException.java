package hardy.core;

/**
 * A setting given to core code is out of range. The message describes the problem in words ("the sliding-window
 * step must be in (0, 1], got 2.0"); {@link #setting()} names the setting, so that the command line can speak of
 * its own option ({@code --step}) and the GUI of its own control, each in its own words.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String setting;
    private final String problem;

    /**
     * @param setting     a stable key for the setting, such as {@code step}, {@code threads} or {@code device}
     * @param description the setting in words, such as "the sliding-window step"
     * @param problem     what is wrong, such as "must be in (0, 1], got 2.0"
     */
    public InvalidSettingException(String setting, String description, String problem) {
        super(description + " " + problem);
        this.setting = setting;
        this.problem = problem;
    }

    /** The setting's key, such as {@code step}. */
    public String setting() {
        return setting;
    }

    /** What is wrong with the value, without naming the setting ("must be in (0, 1], got 2.0"). */
    public String problem() {
        return problem;
    }
}
