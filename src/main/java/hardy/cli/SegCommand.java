package hardy.cli;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.io.DicomSource;
import hardy.io.ReadResult;
import hardy.io.VolumeReaders;
import hardy.io.VolumeWriter;
import hardy.io.VolumeWriters;
import hardy.io.dicom.DicomSegReader;
import hardy.io.dicom.DicomSegWriter;
import hardy.io.dicom.SegAlgorithm;
import hardy.io.labels.LabelTableFiles;
import hardy.volume.FetalLabels;
import hardy.volume.LabelMap;
import hardy.volume.LabelTable;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hardy seg LABELS --source DICOM -o OUT.dcm}: a label map made on a DICOM series becomes a DICOM
 * Segmentation of that series; {@code hardy seg --to-nifti SEG.dcm --source DICOM -o OUT.nii.gz} turns a
 * Segmentation back into a label map on the series' grid, with its names and colours beside it.
 */
@Command(name = "seg", mixinStandardHelpOptions = true,
        description = "Convert a label map of a DICOM series to a DICOM Segmentation (SEG), or back with "
                + "--to-nifti.")
final class SegCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "INPUT",
            description = "A label map (NIfTI) on the series' grid; with --to-nifti a DICOM SEG file.")
    Path input;

    @Option(names = "--source", required = true, paramLabel = "DICOM",
            description = "The DICOM series the labels belong to (a folder, or a multi-frame file).")
    Path source;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "The SEG to write (.dcm); with --to-nifti the label map (.nii.gz), names beside it.")
    Path output;

    @Option(names = "--to-nifti", description = "Read the SEG INPUT onto the series and write a NIfTI label map.")
    boolean toNifti;

    @Option(names = "--algorithm", paramLabel = "NAME",
            description = "The model that made the labels, e.g. \"fetal-brain 1.0\" (AUTOMATIC, or SEMIAUTOMATIC "
                    + "with --edited). Without it the labels count as drawn by hand (MANUAL).")
    String algorithm;

    @Option(names = "--edited", description = "The model's labels were corrected by hand (needs --algorithm).")
    boolean edited;

    @Mixin
    InputOptions inputOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ReadResult series = inputOptions.read(source);
        DicomSource dicom = series.dicom().orElseThrow(() -> new IllegalArgumentException(source.getFileName()
                + " is not a DICOM series: a NIfTI image has no DICOM identity, so it can have no DICOM SEG"));
        if (toNifti) {
            VolumeWriter writer = VolumeWriters.installed().writerFor(output);
            DicomSegReader.SegLabels seg = DicomSegReader.read(input, series.volume().geometry(), dicom);
            for (String w : seg.warnings()) {
                spec.commandLine().getErr().println("hardy: warning: " + input.getFileName() + ": " + w);
            }
            writer.write(seg.labels().volume(), output, ProgressListener.NONE, Cancellation.NEVER);
            LabelTableFiles.write(LabelTableFiles.sidecar(output), seg.table(), LabelTableFiles.Format.ITK_SNAP);
            int n = seg.table().entries().size();
            out.printf("Wrote %s and %s (%d segment%s)%n", output, LabelTableFiles.sidecar(output).getFileName(), n,
                    n == 1 ? "" : "s");
            return 0;
        }
        if (edited && algorithm == null) {
            throw new IllegalArgumentException("--edited says a model's labels were corrected: name the model "
                    + "with --algorithm");
        }
        LabelMap labels = LabelMap.fromImage(VolumeReaders.installed().read(input).volume());
        if (!labels.geometry().sameGrid(series.volume().geometry())) {
            throw new IllegalArgumentException(input.getFileName() + " is not on the grid of the DICOM series "
                    + "(different size or position): a SEG can only hold labels made on that series");
        }
        Path names = LabelTableFiles.sidecar(input);
        LabelTable table = Files.isRegularFile(names) ? LabelTableFiles.read(names) : FetalLabels.TABLE;
        DicomSegWriter.Written w = DicomSegWriter.write(labels, dicom, table, SegAlgorithm.of(algorithm, edited),
                output);
        out.printf("Wrote %s: %d segment%s in %d frames, %s%n", output, w.segments(), w.segments() == 1 ? "" : "s",
                w.frames(),
                SegAlgorithm.of(algorithm, edited).type().name().toLowerCase(java.util.Locale.ROOT));
        return 0;
    }
}
