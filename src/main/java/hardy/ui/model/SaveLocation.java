package hardy.ui.model;

import java.nio.file.Path;
import java.util.Optional;

/** Picks the file to save labels to (a file chooser in the app); empty when the user cancels. */
@FunctionalInterface
public interface SaveLocation {

    /** @param suggestedName a file name to start from, e.g. {@code demo_t2w_labels.nii.gz} */
    Optional<Path> choose(String suggestedName);
}
