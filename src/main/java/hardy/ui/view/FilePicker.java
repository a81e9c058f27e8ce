package hardy.ui.view;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The file and folder choosers behind the menus. The app uses the system's ({@link NativeFilePicker}); tests give
 * their own answers, so menu commands run end to end without a native dialog. Each method is empty on Cancel.
 */
public interface FilePicker {

    /** An existing file to open. */
    Optional<Path> openFile(String title);

    /** An existing folder. */
    Optional<Path> openFolder(String title);

    /**
     * A file to write, starting from {@code suggestedName}.
     *
     * @param kind     the file type in words, with its patterns, e.g. {@code NIfTI (*.nii.gz, *.nii)}
     * @param patterns the type's name patterns, e.g. {@code *.nii.gz}
     */
    Optional<Path> saveFile(String title, String suggestedName, String kind, String... patterns);
}
