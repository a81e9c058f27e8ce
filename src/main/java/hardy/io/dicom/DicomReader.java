package hardy.io.dicom;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.io.DicomSource;
import hardy.io.FileProbe;
import hardy.io.ReadOptions;
import hardy.io.ReadResult;
import hardy.io.VolumeFormatException;
import hardy.io.VolumeReader;
import hardy.volume.Volume;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a DICOM series from a folder (choosing the series with {@link ReadOptions#series()} when there are
 * several), or the frames of a single file, into a volume with LPS geometry.
 */
public final class DicomReader implements VolumeReader {

    @Override
    public String formatName() {
        return "DICOM";
    }

    @Override
    public int supportScore(FileProbe probe) {
        if (probe.directory()) {
            return containsDicom(probe.path()) ? 60 : 0;
        }
        if (probe.gzip()) {
            return 0;
        }
        if (DicomParser.hasDicmMarker(probe.head())) {
            return 100;
        }
        return DicomParser.looksLikeDicom(probe.head()) ? 40 : 0;
    }

    private static boolean containsDicom(Path dir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            int checked = 0;
            for (Path p : entries) {
                if (checked++ > 50) {
                    break;
                }
                if (Files.isDirectory(p) && containsDicom(p)) {
                    return true;
                }
                if (Files.isRegularFile(p)) {
                    try (InputStream in = Files.newInputStream(p)) {
                        if (DicomParser.looksLikeDicom(in.readNBytes(132))) {
                            return true;
                        }
                    }
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    @Override
    public ReadResult read(FileProbe probe, ReadOptions options, ProgressListener progress, Cancellation cancel)
            throws IOException {
        Path path = probe.path();
        List<DicomFileInfo> files;
        DicomSeries chosen = null;
        if (probe.directory()) {
            DicomSeriesScanner.Scan scan = DicomSeriesScanner.scan(path, progress, cancel);
            chosen = choose(path, scan.series(), options.series());
            files = chosen.files();
        } else {
            try {
                files = List.of(DicomFileInfo.of(path, DicomParser.parse(path)));
            } catch (DicomFormatException e) {
                throw new VolumeFormatException(path, e.getMessage());
            }
        }
        if (options.volumeIndex() != 0) {
            throw new VolumeFormatException(path, "a DICOM series is one volume, so volume " + options.volumeIndex()
                    + " cannot be chosen; choose a series instead");
        }
        return assemble(path, files, chosen, progress, cancel);
    }

    /**
     * Reads a series found by {@link DicomSeriesScanner#scan} in folder {@code dir}, from the headers the scan
     * already read: only the pixel data is read again. The volume holds exactly the images the scan listed.
     */
    public static ReadResult readSeries(Path dir, DicomSeries series, ProgressListener progress,
            Cancellation cancel) throws IOException {
        return assemble(dir, series.files(), series, progress, cancel);
    }

    private static ReadResult assemble(Path path, List<DicomFileInfo> files, DicomSeries chosen,
            ProgressListener progress, Cancellation cancel) throws IOException {
        List<String> warnings = new ArrayList<>();
        SeriesAssembler.Assembled assembled;
        DicomFileInfo first = files.get(0);
        try {
            assembled = SeriesAssembler.assemble(files, warnings, progress, cancel);
        } catch (DicomFormatException e) {
            throw new VolumeFormatException(path, e.getMessage());
        }
        Volume volume = assembled.volume();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("transferSyntax", first.transferSyntax());
        details.put("modality", first.series().modality());
        details.put("seriesNumber", first.series().seriesNumber());
        details.put("seriesDescription", first.series().description());
        details.put("files", files.size());
        details.put("images", files.stream().mapToInt(f -> f.frames().size()).sum());
        details.put("bitsStored", first.bitsStored());
        details.put("photometric", first.photometric());
        if (chosen != null) {
            details.put("series", chosen.number());
        }
        return new ReadResult(volume, "DICOM", warnings, details, source(assembled.slices()));
    }

    /** The DICOM identity of the assembled slices: the first file's series, study and patient, each slice's instance. */
    static DicomSource source(List<SeriesAssembler.SliceRef> slices) {
        DicomFileInfo first = slices.get(0).file();
        List<DicomSource.Image> images = new ArrayList<>(slices.size());
        for (SeriesAssembler.SliceRef s : slices) {
            DicomFileInfo.Frame g = s.file().frames().get(s.frame());
            images.add(new DicomSource.Image(s.file().instance().sopClassUid(), s.file().instance().sopInstanceUid(),
                    s.file().frames().size() > 1 ? s.frame() + 1 : 0, g.position(), g.orientation(), g.spacing()));
        }
        return new DicomSource(first.series().studyUid(), first.series().seriesUid(),
                first.instance().frameOfReferenceUid(), first.series().seriesNumber(), first.series().modality(),
                images, first.instance().patientStudy());
    }

    private static DicomSeries choose(Path dir, List<DicomSeries> series, String wanted)
            throws VolumeFormatException {
        if (series.isEmpty()) {
            throw new VolumeFormatException(dir, "no DICOM images in this folder");
        }
        if (wanted == null) {
            if (series.size() == 1) {
                return series.get(0);
            }
            throw new SeriesChoiceException(dir, series, null);
        }
        for (DicomSeries s : series) {
            if (wanted.equals(String.valueOf(s.number())) || wanted.equals(s.seriesUid())) {
                return s;
            }
        }
        throw new SeriesChoiceException(dir, series, wanted);
    }
}
