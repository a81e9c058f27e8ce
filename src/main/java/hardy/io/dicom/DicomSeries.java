package hardy.io.dicom;

import java.util.List;
import java.util.Locale;

/**
 * A stack of images that can form one volume: the files of one SeriesInstanceUID that share an orientation and
 * an image size (a series UID can hold several stacks, e.g. the three planes of a localizer).
 *
 * @param number  1-based position in the folder's list, as the user picks it ({@code --series N})
 * @param key     the series identity and description
 * @param files   the image files
 * @param rows    Rows of every image
 * @param columns Columns of every image
 */
public record DicomSeries(int number, DicomFileInfo.SeriesKey key, List<DicomFileInfo> files, int rows,
                          int columns) {

    /** The number of images (frames) in the stack. */
    public int imageCount() {
        return files.stream().mapToInt(f -> f.frames().size()).sum();
    }

    /** The SeriesInstanceUID. */
    public String seriesUid() {
        return key.seriesUid();
    }

    /** "axial", "coronal", "sagittal" or "oblique", from the first image's orientation. */
    public String plane() {
        double[] o = files.get(0).frames().get(0).orientation();
        if (o == null) {
            return "unknown";
        }
        double nx = o[1] * o[5] - o[2] * o[4];
        double ny = o[2] * o[3] - o[0] * o[5];
        double nz = o[0] * o[4] - o[1] * o[3];
        double ax = Math.abs(nx);
        double ay = Math.abs(ny);
        double az = Math.abs(nz);
        double max = Math.max(ax, Math.max(ay, az));
        if (max < 0.999) {
            return "oblique";
        }
        return az == max ? "axial" : ay == max ? "coronal" : "sagittal";
    }

    /** One line for a list: number, series number, modality, plane, size, images, description. */
    public String describe() {
        return String.format(Locale.ROOT, "%d) series %d %s %s, %d x %d, %d images%s", number, key.seriesNumber(),
                key.modality().isEmpty() ? "?" : key.modality(), plane(), columns, rows, imageCount(),
                key.description().isEmpty() ? "" : ", \"" + key.description() + "\"");
    }
}
