package hardy.inference;

import java.util.List;

/**
 * No installed model has the name asked for (or there is no default). The message says so and names the models
 * that exist; the caller says how to pick one (the CLI its {@code --model} option, the GUI its model picker).
 */
public final class ModelNotFoundException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> available;

    ModelNotFoundException(String message, List<String> available) {
        super(message);
        this.available = List.copyOf(available);
    }

    /** The names of the installed models (empty when there are none). */
    public List<String> available() {
        return available;
    }
}
