package hardy.cli;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.io.ReadOptions;
import hardy.io.VolumeReaders;
import hardy.report.Assessment;
import hardy.report.Biometry;
import hardy.report.FetalBiometry;
import hardy.report.FetalReport;
import hardy.report.GestationalAge;
import hardy.report.PdfReport;
import hardy.report.References;
import hardy.report.ReportFiles;
import hardy.volume.LabelMap;
import hardy.volume.Volume;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hardy report LABELS --image IMAGE --ga 28+3 -o report.pdf}: fetal brain biometry and volumetry from a
 * FeTA label map, judged against the shipped references, as a PDF and optionally JSON and CSV.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Measure a fetal brain from its FeTA labels (volumes, biparietal and fronto-occipital "
                + "diameters, transverse cerebellar diameter, vermis height, atrial diameters) and write a PDF "
                + "report; optionally JSON and CSV with the same numbers.",
            "No patient identifier is written unless you type one into --study-id."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "LABELS", description = "The label map (FeTA labels 1-7).")
    Path labelsFile;

    @Option(names = "--image", required = true, paramLabel = "IMAGE",
            description = "The image the labels were made on (same grid).")
    Path imageFile;

    @Option(names = "--ga", required = true, paramLabel = "WW+D",
            description = "Gestational age in completed weeks and days, e.g. 28+3.")
    String ga;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "PDF", description = "The PDF to write.")
    Path pdf;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the numbers as JSON.")
    Path json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the numbers as CSV.")
    Path csv;

    @Option(names = "--study-id", paramLabel = "TEXT", defaultValue = "",
            description = "A study ID to print on the report (default: none).")
    String studyId;

    @Option(names = "--study-date", paramLabel = "YYYY-MM-DD", description = "The study date to print.")
    String studyDate;

    @Option(names = "--labels-source", paramLabel = "TEXT",
            description = "Where the labels came from, e.g. the model's name (default: the file name).")
    String labelsSource;

    @Option(names = "--edited", paramLabel = "yes|no|unknown", defaultValue = "unknown",
            description = "Whether the labels were corrected by hand (default: ${DEFAULT-VALUE}).")
    String edited;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        GestationalAge age = GestationalAge.parse(ga);
        if (!edited.matches("yes|no|unknown")) {
            throw new IllegalArgumentException("--edited takes yes, no or unknown, got '" + edited + "'");
        }
        String date = "";
        if (studyDate != null) {
            try {
                date = LocalDate.parse(studyDate).toString();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--study-date '" + studyDate + "' is not YYYY-MM-DD");
            }
        }
        VolumeReaders readers = VolumeReaders.installed();
        Volume image = readers.read(imageFile, ReadOptions.DEFAULT, ProgressListener.NONE, Cancellation.NEVER)
                .volume();
        Volume labelVolume = readers.read(labelsFile, ReadOptions.DEFAULT, ProgressListener.NONE,
                Cancellation.NEVER).volume();
        LabelMap labels = LabelMap.fromImage(labelVolume);
        if (!labels.geometry().sameGrid(image.geometry())) {
            throw new IllegalArgumentException(labelsFile + " is not on the grid of " + imageFile
                    + " (a label map must have its image's dimensions and affine)");
        }
        Biometry biometry = FetalBiometry.measure(labels);
        String source = labelsSource != null ? labelsSource : labelsFile.getFileName().toString();
        FetalReport report = FetalReport.of(studyId, date, age, source, edited, biometry, References.shipped());
        PdfReport.write(report, image, labels, pdf);
        if (json != null) {
            ReportFiles.writeJson(report, json);
        }
        if (csv != null) {
            ReportFiles.writeCsv(report, csv);
        }
        PrintWriter out = spec.commandLine().getOut();
        for (Assessment a : report.assessments()) {
            if (a.measurement().present()) {
                out.printf(Locale.ROOT, "%-45s %9.2f %-3s %s%n", a.measurement().name(), a.measurement().value(),
                        a.measurement().unit(), a.flag().isEmpty() ? "" : a.flag());
            }
        }
        out.println("Wrote " + pdf + (json != null ? ", " + json : "") + (csv != null ? ", " + csv : ""));
        return 0;
    }
}
