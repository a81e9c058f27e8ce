package hardy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import hardy.io.ReadResult;
import hardy.volume.VolumeStatistics;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hardy info FILE [--json]}: format, grid, voxel-to-RAS affine, value statistics and warnings. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Describe a volume: format, dimensions, voxel type, spacing, voxel-to-RAS affine, statistics.",
            "For a DICOM folder, list its series."})
final class InfoCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "A NIfTI file (.nii, .nii.gz, .hdr/.img), a DICOM file or folder.")
    Path file;

    @Option(names = "--json", description = "Print the documented JSON report (schema hardy-info/1).")
    boolean json;

    @Mixin
    InputOptions inputOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--phi", description = "Include patient name and ID in a DICOM series list.")
    boolean phi;

    @Override
    public Integer call() throws Exception {
        if (Files.isDirectory(file) && inputOptions.series == null) {
            return SeriesList.print(file, json, phi, spec.commandLine().getOut());
        }
        ReadResult result = inputOptions.read(file);
        InfoReport report = InfoReport.of(file.toString(), result);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        } else {
            printText(report, out);
        }
        out.flush();
        return 0;
    }

    private static void printText(InfoReport r, PrintWriter out) {
        out.printf(Locale.ROOT, "File:         %s%n", r.file());
        out.printf(Locale.ROOT, "Format:       %s%s%n", r.format(), describeStorage(r.details()));
        out.printf(Locale.ROOT, "Dimensions:   %d x %d x %d%n", r.dims()[0], r.dims()[1], r.dims()[2]);
        out.printf(Locale.ROOT, "Voxel type:   %s%s%n", r.voxelType(),
                r.rescale().slope() == 1 && r.rescale().intercept() == 0 ? ""
                        : " (value = " + num(r.rescale().slope()) + " * stored + " + num(r.rescale().intercept())
                                + ")");
        out.printf(Locale.ROOT, "Spacing:      %s x %s x %s mm%n", num(r.spacing()[0]), num(r.spacing()[1]),
                num(r.spacing()[2]));
        out.printf(Locale.ROOT, "Orientation:  %s%n", r.orientation());
        out.println("Voxel-to-RAS affine (mm):");
        for (double[] row : r.affineRas()) {
            out.printf(Locale.ROOT, "  %12.6f %12.6f %12.6f %12.6f%n", row[0] + 0.0, row[1] + 0.0, row[2] + 0.0,
                    row[3] + 0.0);
        }
        VolumeStatistics s = r.statistics();
        out.printf(Locale.ROOT, "Values:       min %s, max %s, mean %s, std %s%n", num(s.min()), num(s.max()),
                num(s.mean()), num(s.std()));
        out.printf(Locale.ROOT, "Percentiles:  1%% %s, 50%% %s, 99%% %s%s%n", num(s.p01()), num(s.p50()),
                num(s.p99()), s.percentilesExact() ? "" : " (from a regular subsample)");
        out.printf(Locale.ROOT, "Voxels:       %,d finite, %,d non-zero, %,d NaN/inf%n", s.count(), s.nonZero(),
                s.nanCount());
        for (String w : r.warnings()) {
            out.println("Warning:      " + w);
        }
    }

    /** A number with up to 6 significant digits and no trailing zeros: "0.5", "56", "1.2e+07". */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        String g = String.format(Locale.ROOT, "%.6g", v + 0.0);
        int e = g.indexOf('e');
        String mantissa = e < 0 ? g : g.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + g.substring(e);
    }

    private static String describeStorage(Map<String, Object> details) {
        Object order = details.get("byteOrder");
        Object storage = details.get("storage");
        return order == null ? "" : " (" + order + ", " + storage + ")";
    }
}
