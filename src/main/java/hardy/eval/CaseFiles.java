package hardy.eval;

import hardy.core.CaseNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds the label files of a folder and names each by its case: the file name without {@code .nii} or
 * {@code .nii.gz} and without a trailing {@code _labels}, {@code _seg} or {@code _pred}. Files whose name ends in
 * {@code _image} are the images that {@code hardy synth} writes beside the labels and are skipped.
 */
public final class CaseFiles {

    private CaseFiles() {
    }

    /** The case name of a label file, or empty when the file is not a NIfTI label file. */
    public static Optional<String> caseName(Path file) {
        String name = file.getFileName().toString();
        String stem = CaseNaming.stem(name);
        if (stem.equals(name) || CaseNaming.isImage(stem) || stem.startsWith(".")) {
            return Optional.empty();
        }
        return Optional.of(CaseNaming.caseOfLabelMap(stem));
    }

    /**
     * The label files directly in {@code dir}, by case name, sorted.
     *
     * @throws IllegalArgumentException if the folder does not exist or two files have the same case name
     */
    public static Map<String, Path> scan(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a folder");
        }
        Map<String, Path> cases = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = new ArrayList<>(s.filter(Files::isRegularFile).sorted().toList());
        }
        for (Path f : files) {
            Optional<String> name = caseName(f);
            if (name.isEmpty()) {
                continue;
            }
            Path previous = cases.put(name.get(), f);
            if (previous != null) {
                throw new IllegalArgumentException(dir + ": " + previous.getFileName() + " and " + f.getFileName()
                        + " are both case " + name.get());
            }
        }
        return cases;
    }

    /**
     * Pairs predictions with truths by case name.
     *
     * @return truth and prediction per case, sorted by case
     * @throws IllegalArgumentException naming the cases when either side lacks a case the other has
     */
    public static List<CasePair> match(Map<String, Path> predictions, Map<String, Path> truths) {
        List<String> noTruth = predictions.keySet().stream().filter(c -> !truths.containsKey(c)).toList();
        if (!noTruth.isEmpty()) {
            throw new IllegalArgumentException("no truth for prediction " + list(noTruth, predictions));
        }
        List<String> noPred = truths.keySet().stream().filter(c -> !predictions.containsKey(c)).toList();
        if (!noPred.isEmpty()) {
            throw new IllegalArgumentException("no prediction for truth " + list(noPred, truths));
        }
        if (truths.isEmpty()) {
            throw new IllegalArgumentException("no label files (.nii, .nii.gz) to evaluate");
        }
        return truths.keySet().stream().map(c -> new CasePair(c, truths.get(c), predictions.get(c))).toList();
    }

    private static String list(List<String> cases, Map<String, Path> files) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(5, cases.size()); i++) {
            sb.append(i == 0 ? "" : ", ").append(files.get(cases.get(i)).getFileName());
        }
        if (cases.size() > 5) {
            sb.append(String.format(Locale.ROOT, " and %d more", cases.size() - 5));
        }
        return sb.toString();
    }

    /** A case with its truth and prediction files. */
    public record CasePair(String name, Path truth, Path prediction) {
    }
}
