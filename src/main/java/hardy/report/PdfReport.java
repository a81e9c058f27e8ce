package hardy.report;

import hardy.core.AtomicFiles;
import hardy.volume.LabelMap;
import hardy.volume.Volume;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The report as a PDF (Apache PDFBox): page 1 the study, the gestational age, where the labels came from, the
 * measurements with their assessment and the statement that they must be checked; page 2 key slices with the
 * measurement lines and a chart of the atrial diameters against the ventriculomegaly thresholds over gestational
 * age. No patient identifier is written unless the caller put one in the study ID.
 */
public final class PdfReport {

    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private static final float MARGIN = 40;

    private PdfReport() {
    }

    /** Writes the report for {@code image} and its {@code labels} to {@code file}, atomically. */
    public static void write(FetalReport report, Volume image, LabelMap labels, Path file) throws IOException {
        byte[] bytes;
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream buffer = new ByteArrayOutputStream()) {
            tablePage(doc, report);
            figurePage(doc, report, image, labels);
            doc.save(buffer);
            bytes = buffer.toByteArray();
        }
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    private static void tablePage(PDDocument doc, FetalReport r) throws IOException {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        float top = page.getMediaBox().getHeight() - MARGIN;
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
            float y = top;
            y = text(cs, BOLD, 16, MARGIN, y, "Fetal brain MRI: automated biometry and volumetry");
            y -= 6;
            y = text(cs, REGULAR, 10, MARGIN, y, "Study ID: " + orDash(r.studyId()) + "     Study date: "
                    + orDash(r.studyDate()) + "     Gestational age: " + r.ga() + " weeks (as entered)");
            y = text(cs, REGULAR, 10, MARGIN, y, "Labels: " + r.labelsSource() + "     Edited by hand: "
                    + r.labelsEdited());
            y -= 8;
            float[] cols = {MARGIN, MARGIN + 205, MARGIN + 280, MARGIN + 335, MARGIN + 395};
            String[] head = {"Measurement", "Value", "z", "Centile", "Flag / reference"};
            for (int c = 0; c < head.length; c++) {
                text(cs, BOLD, 9, cols[c], y, head[c]);
            }
            y -= 13;
            for (Assessment a : r.assessments()) {
                Measurement m = a.measurement();
                String value = m.present() ? String.format(Locale.ROOT, "%.1f %s", m.value(), m.unit()) : "n/a";
                String z = Double.isNaN(a.z()) ? "-" : String.format(Locale.ROOT, "%+.2f", a.z());
                String centile = Double.isNaN(a.z()) ? "-" : String.format(Locale.ROOT, "%.0f", a.centile());
                String flag = !a.flag().isEmpty() ? a.flag()
                        : a.reference().startsWith("no reference") || a.reference().startsWith("outside")
                        ? a.reference() : "within reference";
                if (!m.present()) {
                    flag = "not measurable";
                }
                text(cs, REGULAR, 8.5f, cols[0], y, m.name());
                text(cs, REGULAR, 8.5f, cols[1], y, value);
                text(cs, REGULAR, 8.5f, cols[2], y, z);
                text(cs, REGULAR, 8.5f, cols[3], y, centile);
                text(cs, a.flag().isEmpty() ? REGULAR : BOLD, 8.5f, cols[4], y, clip(flag, 40));
                y -= 12;
            }
            y -= 8;
            y = text(cs, BOLD, 9, MARGIN, y, "Notes");
            List<String> notes = new ArrayList<>();
            for (Assessment a : r.assessments()) {
                if (!a.measurement().present()) {
                    notes.add(a.measurement().name() + ": " + a.measurement().note());
                }
            }
            r.assessments().stream().map(Assessment::reference).filter(s -> !s.equals("no reference")).distinct()
                    .forEach(s -> notes.add("Reference: " + s));
            notes.add("Measures marked 'no reference' have no transcribed normative data in this version "
                    + "(docs/biometry.md says which references are missing).");
            notes.add("Linear measures are taken on planes of the brain's own axes found from the labels; the "
                    + "lines are drawn on page 2.");
            for (String n : notes) {
                for (String line : wrap(n, 120)) {
                    y = text(cs, REGULAR, 8, MARGIN, y, line);
                }
            }
            y -= 10;
            for (String line : wrap(FetalReport.CHECK_STATEMENT, 95)) {
                y = text(cs, BOLD, 10, MARGIN, y, line);
            }
        }
    }

    private static void figurePage(PDDocument doc, FetalReport r, Volume image, LabelMap labels) throws IOException {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        BrainFrame f = r.biometry().frame();
        SliceRenderer renderer = new SliceRenderer(image, labels);
        List<BufferedImage> pictures = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        double[] down = f.posterior();
        double[] right = f.left();
        addSlice(r, renderer, pictures, captions, "Axial, atrial level", right, down,
                FetalBiometry.ATRIAL_LEFT, FetalBiometry.ATRIAL_RIGHT);
        addSlice(r, renderer, pictures, captions, "Axial", right,
                down, FetalBiometry.BPD, FetalBiometry.FOD);
        addSlice(r, renderer, pictures, captions, "Axial, posterior fossa", right, down,
                FetalBiometry.TCD);
        double[] sagittalRight = scale(f.posterior(), -1);
        double[] sagittalDown = scale(f.superior(), -1);
        addSlice(r, renderer, pictures, captions, "Mid-sagittal", sagittalRight, sagittalDown,
                FetalBiometry.VERMIS_HEIGHT);
        pictures.add(AtrialChart.draw(r));
        captions.add("Atrial diameters (L, R) vs GA; thresholds 10 and 15 mm");
        float w = 200;
        float top = page.getMediaBox().getHeight() - MARGIN;
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
            text(cs, BOLD, 12, MARGIN, top, "Key slices with the measurement lines (study " + orDash(r.studyId())
                    + ", GA " + r.ga() + ")");
            for (int p = 0; p < pictures.size(); p++) {
                BufferedImage img = pictures.get(p);
                float h = w * img.getHeight() / img.getWidth();
                float x = MARGIN + (p % 2) * (w + 2 * MARGIN);
                float y = top - 30 - (p / 2) * (w + 28) - h;
                PDImageXObject xo = LosslessFactory.createFromImage(doc, img);
                cs.drawImage(xo, x, y, w, h);
                text(cs, REGULAR, 8, x, y - 10, captions.get(p));
            }
        }
    }

    private static void addSlice(FetalReport r, SliceRenderer renderer, List<BufferedImage> pictures,
                                 List<String> captions, String caption, double[] right, double[] down,
                                 String... keys) {
        List<MeasuredLine> lines = new ArrayList<>();
        for (String k : keys) {
            r.biometry().get(k).map(Measurement::line).ifPresent(lines::add);
        }
        if (lines.isEmpty()) {
            return;
        }
        BrainFrame f = r.biometry().frame();
        // the plane of the first line, centred on the brain frame's origin projected onto it
        MeasuredLine first = lines.get(0);
        double[] n = first.planeNormal();
        double[] c = f.centre();
        double off = (first.planePoint()[0] - c[0]) * n[0] + (first.planePoint()[1] - c[1]) * n[1]
                + (first.planePoint()[2] - c[2]) * n[2];
        double[] centre = {c[0] + off * n[0], c[1] + off * n[1], c[2] + off * n[2]};
        pictures.add(renderer.render(centre, right, down, lines));
        StringBuilder values = new StringBuilder(caption);
        for (String k : keys) {
            r.biometry().get(k).filter(Measurement::present).ifPresent(m -> values.append(String.format(Locale.ROOT,
                    "; %s %.1f mm", shortName(m.key()), m.value())));
        }
        captions.add(values.toString());
    }

    private static String shortName(String key) {
        return switch (key) {
            case FetalBiometry.ATRIAL_LEFT -> "L";
            case FetalBiometry.ATRIAL_RIGHT -> "R";
            case FetalBiometry.VERMIS_HEIGHT -> "height";
            default -> key.toUpperCase(Locale.ROOT);
        };
    }

    /** The atrial chart: threshold bands over GA and this fetus's two atria. */
    static final class AtrialChart {
        private AtrialChart() {
        }

        static BufferedImage draw(FetalReport r) {
            int w = SliceRenderer.SIZE;
            int h = SliceRenderer.SIZE;
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            int left = 40;
            int bottom = h - 30;
            int right = w - 10;
            int topY = 10;
            double gaMin = 18;
            double gaMax = 40;
            double vMax = 25;
            java.util.function.DoubleUnaryOperator px = ga -> left + (ga - gaMin) / (gaMax - gaMin) * (right - left);
            java.util.function.DoubleUnaryOperator py = v -> bottom - v / vMax * (bottom - topY);
            g.setColor(new Color(0xDDEEDD));
            g.fillRect(left, (int) py.applyAsDouble(10), right - left, bottom - (int) py.applyAsDouble(10));
            g.setColor(new Color(0xFFF2CC));
            g.fillRect(left, (int) py.applyAsDouble(15), right - left,
                    (int) (py.applyAsDouble(10) - py.applyAsDouble(15)));
            g.setColor(new Color(0xF8D7D7));
            g.fillRect(left, topY, right - left, (int) py.applyAsDouble(15) - topY);
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            g.drawRect(left, topY, right - left, bottom - topY);
            for (int ga = 20; ga <= 40; ga += 4) {
                int x = (int) px.applyAsDouble(ga);
                g.drawLine(x, bottom, x, bottom + 4);
                g.drawString(Integer.toString(ga), x - 6, bottom + 15);
            }
            for (int v = 0; v <= 25; v += 5) {
                int y = (int) py.applyAsDouble(v);
                g.drawLine(left - 4, y, left, y);
                g.drawString(Integer.toString(v), left - 22, y + 4);
            }
            g.drawString("GA (weeks)", right - 60, h - 3);
            g.drawString("mm", 5, topY + 10);
            g.drawString("normal", left + 4, (int) py.applyAsDouble(10) + 12);
            g.drawString("mild", left + 4, (int) py.applyAsDouble(15) + 12);
            g.drawString("severe", left + 4, topY + 12);
            double ga = r.ga().decimalWeeks();
            g.setStroke(new BasicStroke(2f));
            String[] keys = {FetalBiometry.ATRIAL_LEFT, FetalBiometry.ATRIAL_RIGHT};
            Color[] colours = {new Color(0x1f77b4), new Color(0xd62728)};
            for (int k = 0; k < 2; k++) {
                double v = r.biometry().value(keys[k]);
                if (!Double.isNaN(v)) {
                    int x = (int) px.applyAsDouble(ga);
                    int y = (int) py.applyAsDouble(Math.min(v, vMax));
                    g.setColor(colours[k]);
                    g.fillOval(x - 5 + 4 * k, y - 5, 10, 10);
                    g.drawString(k == 0 ? "L" : "R", x + 10, y + 4 + (k == 0 ? -8 : 8));
                }
            }
            g.dispose();
            return img;
        }
    }

    private static double[] scale(double[] a, double f) {
        return new double[] {a[0] * f, a[1] * f, a[2] * f};
    }

    private static float text(PDPageContentStream cs, PDType1Font font, float size, float x, float y, String s)
            throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(ascii(s));
        cs.endText();
        return y - size * 1.35f;
    }

    /** The standard fonts know WinAnsi only: replace what they cannot show. */
    private static String ascii(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c == '≥' ? ">=" : c == '×' ? "x" : c == '°' ? " deg" : c < 32 || c > 126 ? '?' : String.valueOf(c));
        }
        return b.toString();
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 3) + "...";
    }

    private static List<String> wrap(String s, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : s.split(" ")) {
            if (line.length() + word.length() + 1 > width && !line.isEmpty()) {
                out.add(line.toString());
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        if (!line.isEmpty()) {
            out.add(line.toString());
        }
        return out;
    }
}
