package hardy.ui.view;

import hardy.core.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Saves a node as it looks on screen to a PNG file (atomically). */
public final class Screenshots {

    private Screenshots() {
    }

    /** Snapshots {@code node} (on the JavaFX thread) and writes it to {@code png}. */
    public static void save(Node node, Path png) throws IOException {
        WritableImage image = node.snapshot(null, null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        AtomicFiles.write(png, stream -> {
            if (!ImageIO.write(out, "png", stream)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
