package hardy.ui;

import java.nio.file.Path;
import java.util.List;

/**
 * What the desktop app was asked to open: nothing (the demo study), or {@code view IMAGE [--labels LABELS]}.
 *
 * @param image  the image to open, or null for the demo study
 * @param labels its label map, or null
 */
public record ViewerArguments(Path image, Path labels) {

    /** Usage line for the {@code view} command. */
    public static final String USAGE = "Usage: hardy view IMAGE [--labels LABELS]";

    /**
     * Parses the arguments after the program name: empty, or {@code view IMAGE [--labels LABELS]}.
     *
     * @throws IllegalArgumentException with a one-line message when they do not fit
     */
    public static ViewerArguments parse(List<String> args) {
        if (args.isEmpty()) {
            return new ViewerArguments(null, null);
        }
        if (!"view".equals(args.getFirst())) {
            throw new IllegalArgumentException("not a viewer command: " + args.getFirst());
        }
        Path image = null;
        Path labels = null;
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--labels") || a.equals("-l")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--labels needs a file");
                }
                labels = Path.of(args.get(++i));
            } else if (a.startsWith("--labels=")) {
                labels = Path.of(a.substring("--labels=".length()));
            } else if (a.startsWith("-")) {
                throw new IllegalArgumentException("unknown option " + a);
            } else if (image == null) {
                image = Path.of(a);
            } else {
                throw new IllegalArgumentException("only one image can be opened, got also " + a);
            }
        }
        if (image == null) {
            throw new IllegalArgumentException("view needs an IMAGE");
        }
        return new ViewerArguments(image, labels);
    }

    /**
     * The arguments a desktop file association passes (a lone {@code .nii}, {@code .nii.gz} or {@code .dcm} path)
     * as the {@code view} command; any other arguments unchanged.
     */
    public static String[] fromDesktop(String[] args) {
        if (args.length == 1) {
            String name = args[0].toLowerCase(java.util.Locale.ROOT);
            if (name.endsWith(".nii") || name.endsWith(".nii.gz") || name.endsWith(".dcm")) {
                return new String[] {"view", args[0]};
            }
        }
        return args;
    }

    /** Whether these arguments are for the desktop app (none, or the {@code view} command). */
    public static boolean isViewer(String[] args) {
        return args.length == 0 || "view".equals(args[0]);
    }
}
