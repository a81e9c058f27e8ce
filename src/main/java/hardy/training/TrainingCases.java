package hardy.training;

import hardy.core.Cancellation;
import hardy.core.CaseNaming;
import hardy.core.ProgressListener;
import hardy.inference.ModelCard;
import hardy.inference.ModelGrid;
import hardy.io.ReadOptions;
import hardy.io.VolumeReaders;
import hardy.volume.Geometry;
import hardy.volume.LabelMap;
import hardy.volume.Resampler;
import hardy.volume.Volume;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Finds and loads labelled cases for training: image/label NIfTI pairs in a folder ({@code NAME_image.nii.gz} with
 * {@code NAME_labels.nii.gz}, or {@code .nii}), or a CSV that lists them. Cases are brought onto the model grid
 * by {@link ModelGrid}, the function inference uses, so training and segmentation see images alike.
 */
public final class TrainingCases {

    private TrainingCases() {
    }

    /**
     * A case on disk.
     *
     * @param name   the case name (the file name before {@code _image})
     * @param image  the image file
     * @param labels the label map file
     */
    public record CaseFiles(String name, Path image, Path labels) {
    }

    /**
     * The cases of a folder of pairs or of a CSV, in name order.
     *
     * <p>A CSV has a header; with {@code image} and {@code labels} columns it lists file paths (relative to the
     * CSV's folder); with a {@code case} column (the {@code cases.csv} of {@code hardy synth}) it names cases whose
     * pairs lie beside it.
     *
     * @throws IllegalArgumentException naming the first case without labels, or a malformed CSV
     */
    public static List<CaseFiles> find(Path source) throws IOException {
        List<CaseFiles> cases = Files.isDirectory(source) ? inFolder(source) : inCsv(source);
        if (cases.isEmpty()) {
            throw new IllegalArgumentException(source + ": no cases (expected NAME_image.nii.gz with "
                    + "NAME_labels.nii.gz)");
        }
        return cases;
    }

    private static List<CaseFiles> inFolder(Path dir) throws IOException {
        List<CaseFiles> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path image : files.sorted().toList()) {
                CaseNaming.caseOfImage(image.getFileName().toString())
                        .ifPresent(name -> cases.add(new CaseFiles(name, image, labelsBeside(dir, name))));
            }
        }
        return cases;
    }

    private static Path labelsBeside(Path dir, String name) {
        for (String ext : CaseNaming.NIFTI) {
            Path labels = dir.resolve(name + CaseNaming.LABELS + ext);
            if (Files.isRegularFile(labels)) {
                return labels;
            }
        }
        throw new IllegalArgumentException("case " + name + ": no " + CaseNaming.labelsFile(name)
                + " beside its image in " + dir);
    }

    private static List<CaseFiles> inCsv(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException(csv + ": not a folder of cases or a CSV file");
        }
        if (Files.size(csv) > 64L << 20) {
            throw new IllegalArgumentException(csv + ": larger than a case list can be (64 MB)");
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(csv + ": empty case list");
        }
        List<String> header = Arrays.stream(lines.get(0).split(",", -1)).map(String::strip).toList();
        int caseCol = header.indexOf("case");
        int imageCol = header.indexOf("image");
        int labelsCol = header.indexOf("labels");
        if (!(imageCol >= 0 && labelsCol >= 0) && caseCol < 0) {
            throw new IllegalArgumentException(csv + ": the header needs 'image' and 'labels' columns, or 'case'");
        }
        Path base = csv.toAbsolutePath().getParent();
        List<CaseFiles> cases = new ArrayList<>();
        for (int r = 1; r < lines.size(); r++) {
            if (lines.get(r).isBlank()) {
                continue;
            }
            String[] cells = lines.get(r).split(",", -1);
            int needed = Math.max(caseCol, Math.max(imageCol, labelsCol));
            if (cells.length <= needed) {
                throw new IllegalArgumentException(csv + ": line " + (r + 1) + " has too few columns");
            }
            if (imageCol >= 0 && labelsCol >= 0) {
                Path image = base.resolve(cells[imageCol].strip());
                Path labels = base.resolve(cells[labelsCol].strip());
                String name = caseCol >= 0 ? cells[caseCol].strip() : stripImageSuffix(image);
                cases.add(new CaseFiles(name, image, labels));
            } else {
                String name = cells[caseCol].strip();
                Path image = base.resolve(CaseNaming.imageFile(name));
                if (!Files.isRegularFile(image)) {
                    image = base.resolve(name + CaseNaming.IMAGE + ".nii");
                }
                cases.add(new CaseFiles(name, image, labelsBeside(base, name)));
            }
        }
        return cases;
    }

    private static String stripImageSuffix(Path image) {
        String file = image.getFileName().toString();
        return CaseNaming.caseOfImage(file).orElse(CaseNaming.stem(file));
    }

    /**
     * Reads a case and brings it onto the model grid of {@code card} (spacing and orientation handling): the
     * image by trilinear interpolation, the labels by nearest neighbour.
     *
     * @throws IllegalArgumentException naming the case, if image and labels do not share one geometry or the
     *                                  labels are not a label map
     */
    public static TrainingCase load(CaseFiles c, ModelCard card, Cancellation cancel) throws IOException {
        VolumeReaders readers = VolumeReaders.installed();
        Volume image = readers.read(c.image(), ReadOptions.DEFAULT, ProgressListener.NONE, cancel).volume();
        Volume labelImage = readers.read(c.labels(), ReadOptions.DEFAULT, ProgressListener.NONE, cancel).volume();
        if (!image.geometry().sameGrid(labelImage.geometry())) {
            throw new IllegalArgumentException("case " + c.name() + ": image and labels are not on one grid (image "
                    + describe(image.geometry()) + ", labels " + describe(labelImage.geometry()) + ")");
        }
        LabelMap labels;
        try {
            labels = LabelMap.fromImage(labelImage);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("case " + c.name() + ": " + e.getMessage(), e);
        }
        Geometry grid = ModelGrid.of(image.geometry(), card);
        if (grid != image.geometry()) {
            image = Resampler.resample(image, grid, Resampler.Interpolation.LINEAR, 0, cancel);
            labels = Resampler.resample(labels, grid, cancel);
        }
        return new TrainingCase(image, labels);
    }

    private static String describe(Geometry g) {
        double[] s = g.spacing();
        return String.format(Locale.ROOT, "%dx%dx%d at %.3gx%.3gx%.3g mm", g.nx(), g.ny(), g.nz(), s[0], s[1], s[2]);
    }

    /** The per-axis median voxel spacing of the cases' images (headers only are not enough for DICOM: all read). */
    public static double[] medianSpacing(List<Volume> images) {
        return median(images.stream().map(v -> v.geometry().spacing()).toList());
    }

    /**
     * The per-axis median of voxel spacings.
     *
     * @throws IllegalArgumentException if there are none
     */
    public static double[] median(List<double[]> spacings) {
        if (spacings.isEmpty()) {
            throw new IllegalArgumentException("no cases to take the spacing from");
        }
        double[] median = new double[3];
        for (int a = 0; a < 3; a++) {
            int axis = a;
            double[] s = spacings.stream().mapToDouble(v -> v[axis]).sorted().toArray();
            median[a] = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }
        return median;
    }
}
