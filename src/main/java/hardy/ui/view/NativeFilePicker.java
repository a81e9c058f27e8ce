package hardy.ui.view;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The system's file and folder choosers, each starting in the folder last chosen. */
final class NativeFilePicker implements FilePicker {

    private final Window owner;
    private Path lastDir;

    NativeFilePicker(Window owner) {
        this.owner = owner;
    }

    @Override
    public Optional<Path> openFile(String title) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Images (NIfTI, DICOM)", "*.nii", "*.nii.gz", "*.hdr", "*.dcm",
                        "*.DCM", "*"),
                new FileChooser.ExtensionFilter("All files", "*"));
        start(c::setInitialDirectory);
        return remember(c.showOpenDialog(owner));
    }

    @Override
    public Optional<Path> openFolder(String title) {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle(title);
        start(c::setInitialDirectory);
        Optional<Path> dir = Optional.ofNullable(c.showDialog(owner)).map(File::toPath);
        dir.ifPresent(d -> lastDir = d.toAbsolutePath().getParent());
        return dir;
    }

    @Override
    public Optional<Path> saveFile(String title, String suggestedName, String kind, String... patterns) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, patterns));
        start(c::setInitialDirectory);
        c.setInitialFileName(suggestedName);
        return remember(c.showSaveDialog(owner));
    }

    private Optional<Path> remember(File chosen) {
        Optional<Path> p = Optional.ofNullable(chosen).map(File::toPath);
        p.ifPresent(f -> lastDir = f.toAbsolutePath().getParent());
        return p;
    }

    private void start(java.util.function.Consumer<File> setter) {
        if (lastDir != null && Files.isDirectory(lastDir)) {
            setter.accept(lastDir.toFile());
        }
    }
}
