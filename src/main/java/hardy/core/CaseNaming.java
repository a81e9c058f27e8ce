package hardy.core;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a case's files are named, the one convention that {@code hardy synth} writes, {@code hardy train} and the
 * training workspace read, {@code hardy segment --batch} follows and {@code hardy evaluate} pairs by:
 * {@code NAME_image.nii.gz} is the image, {@code NAME_labels.nii.gz} its reference labels,
 * {@code NAME_seg.nii.gz} a segmentation made by a model (and {@code NAME_pred} one made by another tool).
 */
public final class CaseNaming {

    /** Ends the name of a case's image. */
    public static final String IMAGE = "_image";
    /** Ends the name of a case's reference labels. */
    public static final String LABELS = "_labels";
    /** Ends the name of a case's segmentation made by a model. */
    public static final String SEGMENTATION = "_seg";
    /** Ends the name of a case's segmentation made by another tool. */
    public static final String PREDICTION = "_pred";
    /** The endings that mark a label map. */
    public static final List<String> LABEL_ENDINGS = List.of(LABELS, SEGMENTATION, PREDICTION);
    /** The file type written: gzipped NIfTI. */
    public static final String NIFTI_GZ = ".nii.gz";
    /** The NIfTI file types read, the usual one first. */
    public static final List<String> NIFTI = List.of(NIFTI_GZ, ".nii");

    private CaseNaming() {
    }

    /** {@code NAME_image.nii.gz}. */
    public static String imageFile(String name) {
        return name + IMAGE + NIFTI_GZ;
    }

    /** {@code NAME_labels.nii.gz}. */
    public static String labelsFile(String name) {
        return name + LABELS + NIFTI_GZ;
    }

    /** {@code NAME_seg.nii.gz}. */
    public static String segmentationFile(String name) {
        return name + SEGMENTATION + NIFTI_GZ;
    }

    /** A file name without its {@code .nii.gz} or {@code .nii} ending (any case); other names unchanged. */
    public static String stem(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (String ext : NIFTI) {
            if (lower.endsWith(ext)) {
                return fileName.substring(0, fileName.length() - ext.length());
            }
        }
        return fileName;
    }

    /** The case of an image file ({@code NAME_image.nii[.gz]} gives NAME), or empty for any other name. */
    public static Optional<String> caseOfImage(String fileName) {
        String stem = stem(fileName);
        if (stem.equals(fileName) || !endsWith(stem, IMAGE) || stem.length() == IMAGE.length()) {
            return Optional.empty();
        }
        return Optional.of(stem.substring(0, stem.length() - IMAGE.length()));
    }

    /** Whether a file name (with or without its NIfTI ending) names an image ({@code NAME_image}). */
    public static boolean isImage(String fileName) {
        return endsWith(stem(fileName), IMAGE);
    }

    /** Whether a file name (with or without its NIfTI ending) names a label map ({@code _labels}, {@code _seg}...). */
    public static boolean isLabelMap(String fileName) {
        String stem = stem(fileName);
        return LABEL_ENDINGS.stream().anyMatch(e -> endsWith(stem, e));
    }

    /**
     * The case a label map belongs to: its stem without a trailing {@code _labels}, {@code _seg} or {@code _pred}
     * (the stem itself when it has none).
     */
    public static String caseOfLabelMap(String stem) {
        for (String e : LABEL_ENDINGS) {
            if (endsWith(stem, e) && stem.length() > e.length()) {
                return stem.substring(0, stem.length() - e.length());
            }
        }
        return stem;
    }

    /** The case an image's segmentation is named after: the stem without a trailing {@code _image}. */
    public static String caseOfAnyImage(String stem) {
        return endsWith(stem, IMAGE) && stem.length() > IMAGE.length()
                ? stem.substring(0, stem.length() - IMAGE.length()) : stem;
    }

    private static boolean endsWith(String s, String ending) {
        return s.toLowerCase(Locale.ROOT).endsWith(ending);
    }
}
