package hardy.cli;

import hardy.core.Cancellation;
import hardy.core.CaseNaming;
import hardy.core.ProgressListener;
import hardy.inference.DeviceRequest;
import hardy.inference.ModelRegistry;
import hardy.inference.SegmentOptions;
import hardy.inference.SegmentationModel;
import hardy.inference.SegmentationResult;
import hardy.inference.Segmenter;
import hardy.io.FileProbe;
import hardy.io.ReadResult;
import hardy.io.VolumeFormatException;
import hardy.io.VolumeReaders;
import hardy.io.VolumeWriter;
import hardy.io.VolumeWriters;
import hardy.io.dicom.DicomSegWriter;
import hardy.io.dicom.SegAlgorithm;
import hardy.volume.Volume;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hardy segment INPUT -o OUT.nii.gz}: runs a verified model on a study and writes the label map on the
 * image's exact grid. With {@code --batch}, INPUT and OUT are folders and every input is segmented; a bad input is
 * reported and skipped, and the exit code is 2 if any failed.
 */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = "Segment a volume with an ONNX model (GPU when present, CPU otherwise).")
final class SegmentCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "INPUT",
            description = "A NIfTI file, a DICOM file or folder; with --batch a folder of inputs.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "Label map to write (.nii.gz, .nii); with --batch a folder for <name>_seg.nii.gz files.")
    Path output;

    @Option(names = "--model", paramLabel = "DIR|NAME",
            description = "A model folder, or the name of an installed model (see 'hardy models'). Default: "
                    + "fetal-brain, or the only installed model.")
    String model;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto",
            description = "Where to run (default: ${DEFAULT-VALUE}); a GPU request falls back to the CPU and says so.")
    String device;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Cap on CPU threads (default: all cores).")
    int threads;

    @Option(names = "--step", paramLabel = "F", defaultValue = "0.5",
            description = "Sliding-window step as a fraction of the patch (default: ${DEFAULT-VALUE}).")
    double step;

    @Option(names = "--tta", description = "Mirroring test-time augmentation (8 flips; 8 times slower).")
    boolean tta;

    @Option(names = "--no-postprocess", description = "Skip the model card's largest-connected-component step.")
    boolean noPostprocess;

    @Option(names = "--probabilities", paramLabel = "OUT_probs.nii.gz",
            description = "Also write class probabilities (float32, image grid): one file per class, "
                    + "OUT_probs_c<N>.nii.gz, and OUT_probs_entropy.nii.gz.")
    Path probabilities;

    @Option(names = "--seg", paramLabel = "OUT.dcm",
            description = "Also write the labels as a DICOM Segmentation of the input series (DICOM input only).")
    Path seg;

    @Option(names = "--batch", description = "INPUT is a folder: segment every NIfTI file and DICOM folder in it, "
            + "except label maps (NAME_labels, NAME_seg, NAME_pred); NAME_image gives NAME_seg.")
    boolean batch;

    @Mixin
    InputOptions inputOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SegmentOptions options = new SegmentOptions(DeviceRequest.parse(device), threads, step, tta, !noPostprocess,
                probabilities != null, probabilities != null);
        if (batch && probabilities != null) {
            throw new IllegalArgumentException("--probabilities takes one output name; it cannot be used with --batch");
        }
        if (batch && seg != null) {
            throw new IllegalArgumentException("--seg takes one output name; it cannot be used with --batch");
        }
        if (!batch && Files.isDirectory(output)) {
            throw new IllegalArgumentException(output + " is a folder; give a file name such as OUT.nii.gz");
        }
        VolumeWriter writer = VolumeWriters.installed().writerFor(batch ? Path.of("x.nii.gz") : output);
        List<String> skipped = new ArrayList<>();
        List<Path> inputs = batch ? batchInputs(input, skipped) : List.of(input);
        SegmentationModel loaded = SegmentationModel.load(ModelRegistry.installed().resolve(model));
        try (Segmenter segmenter = Segmenter.open(loaded, options)) {
            out.printf("Model: %s %s (%s)%n", loaded.card().name(), loaded.card().version(), loaded.dir());
            out.printf("Device: %s%n", segmenter.device().summary());
            if (segmenter.device().fellBack() && options.device() == DeviceRequest.GPU) {
                // Asked for explicitly, so worth a warning; the engine's reason went to the log file.
                err.println("hardy: warning: --device gpu was given but no usable GPU was found; the reason is in "
                        + "the log");
            }
            List<String> failures = new ArrayList<>();
            for (Path in : inputs) {
                // NAME_image becomes NAME_seg, which hardy evaluate pairs with NAME_labels.
                Path target = batch
                        ? output.resolve(CaseNaming.segmentationFile(CaseNaming.caseOfAnyImage(stem(in))))
                        : output;
                try {
                    segmentOne(segmenter, in, target, writer, out, err);
                } catch (IOException | IllegalArgumentException e) {
                    if (!batch) {
                        throw e;
                    }
                    String line = e instanceof java.nio.file.NoSuchFileException n ? n.getFile() + ": no such file"
                            : HardyCli.describe(e);
                    err.println("hardy: error: " + in.getFileName() + ": " + line);
                    failures.add(in.getFileName() + ": " + line);
                }
            }
            if (batch) {
                out.printf("%nSegmented %d of %d inputs.%n", inputs.size() - failures.size(), inputs.size());
                if (!skipped.isEmpty()) {
                    out.printf("Skipped %d file%s that %s not an image: %s%n", skipped.size(),
                            skipped.size() == 1 ? "" : "s", skipped.size() == 1 ? "is" : "are",
                            String.join(", ", skipped));
                }
                for (String f : failures) {
                    out.println("FAILED " + f);
                }
                return failures.isEmpty() ? 0 : HardyCli.EXIT_BAD_INPUT;
            }
        }
        return 0;
    }

    private void segmentOne(Segmenter segmenter, Path in, Path target, VolumeWriter writer, PrintWriter out,
                            PrintWriter err) throws IOException {
        if (in.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("output would overwrite the input " + in.getFileName());
        }
        ReadResult read = inputOptions.read(in);
        for (String w : read.warnings()) {
            err.println("hardy: warning: " + in.getFileName() + ": " + w);
        }
        if (seg != null && read.dicom().isEmpty()) {
            throw new IllegalArgumentException(in.getFileName() + " is a NIfTI image, which has no DICOM identity: "
                    + "a DICOM SEG needs a DICOM series as input; drop --seg to write NIfTI only");
        }
        ProgressBar bar = new ProgressBar(err, batch ? in.getFileName() + " " : "");
        SegmentationResult r;
        try {
            r = segmenter.segment(read.volume(), bar, Cancellation.NEVER);
        } finally {
            bar.finish();
        }
        writer.write(r.labels().volume(), target, ProgressListener.NONE, Cancellation.NEVER);
        if (probabilities != null) {
            String base = stem(probabilities);
            Path dir = probabilities.toAbsolutePath().getParent();
            for (int c = 0; c < r.probabilities().size(); c++) {
                writer.write(r.probabilities().get(c), dir.resolve(base + "_c" + c + ".nii.gz"), ProgressListener.NONE,
                        Cancellation.NEVER);
            }
            writer.write(r.entropy(), dir.resolve(base + "_entropy.nii.gz"), ProgressListener.NONE, Cancellation.NEVER);
        }
        if (seg != null) {
            String model = segmenter.model().card().name() + " " + segmenter.model().card().version();
            DicomSegWriter.Written w = DicomSegWriter.write(r.labels(), read.dicom().orElseThrow(), r.labelTable(),
                    SegAlgorithm.automatic(model), seg);
            out.printf("Wrote %s (DICOM SEG, %d segment%s in %d frames)%n", seg, w.segments(),
                    w.segments() == 1 ? "" : "s", w.frames());
        }
        Volume img = read.volume();
        double voxelMl = img.geometry().voxelVolumeMm3() / 1000.0;
        out.printf(Locale.ROOT, "Wrote %s (%d x %d x %d) in %.1f s, %d patch passes%n", target, img.nx(), img.ny(),
                img.nz(), r.elapsed().toMillis() / 1000.0, r.passes());
        long[] counts = r.labels().counts();
        for (int label = 1; label < counts.length; label++) {
            out.printf(Locale.ROOT, "  %3d %-24s %10d voxels %10.2f mL%n", label, r.labelTable().name(label),
                    counts[label], counts[label] * voxelMl);
        }
    }

    /**
     * The inputs of a batch: NIfTI files and sub-folders (DICOM series), by name; {@code .img} halves and label
     * maps ({@code NAME_labels}, {@code _seg}, {@code _pred}: a case folder as {@code hardy synth} writes it) skipped,
     * and files without a volume extension that no reader recognises (such as {@code cases.csv}) skipped with their
     * names added to {@code skipped}. A damaged {@code .nii.gz} stays an input, so that it is reported as failed.
     */
    private static List<Path> batchInputs(Path dir, List<String> skipped) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": --batch needs a folder of inputs");
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> all = s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.img(\\.gz)?"))
                    .filter(p -> !CaseNaming.isLabelMap(stem(p)))
                    .sorted().toList();
            List<Path> images = new ArrayList<>();
            for (Path p : all) {
                boolean namedLikeAnImage = !stem(p).equals(p.getFileName().toString());
                if (Files.isRegularFile(p) && !namedLikeAnImage && !recognised(p)) {
                    skipped.add(p.getFileName().toString());
                } else {
                    images.add(p);
                }
            }
            if (images.isEmpty()) {
                throw new IllegalArgumentException(dir + ": the folder holds no images");
            }
            return images;
        }
    }

    /** Whether an installed reader recognises the file (by its first bytes and name); unreadable files count. */
    private static boolean recognised(Path file) {
        try {
            VolumeReaders.installed().readerFor(FileProbe.of(file));
            return true;
        } catch (VolumeFormatException e) {
            return false;
        } catch (IOException e) {
            return true; // cannot even be opened: reported as a failure of that input, not silently skipped
        }
    }

    /** A file name without its volume extension (.nii.gz, .nii, .hdr, .dcm). */
    static String stem(Path p) {
        String n = p.getFileName().toString();
        String lower = n.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".nii.gz", ".nii", ".hdr.gz", ".hdr", ".dcm"}) {
            if (lower.endsWith(ext)) {
                return n.substring(0, n.length() - ext.length());
            }
        }
        return n;
    }
}
