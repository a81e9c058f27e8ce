package hardy.ui.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ViewTransformTest {

    @Test
    void anisotropicPixelsKeepTheirTrueAspect() {
        // A coronal slice of 100 x 20 pixels of 0.8 x 3.5 mm: 80 mm wide, 70 mm tall.
        ViewTransform t = new ViewTransform(800, 800, 100, 20, 0.8, 3.5, 1, 0, 0);
        assertThat(t.imageWidth() / t.imageHeight()).isCloseTo(80.0 / 70.0, within(1e-9));
        assertThat(t.imageWidth()).isCloseTo(800, within(1e-9));
        assertThat(t.top()).isCloseTo((800 - 700) / 2.0, within(1e-9));
    }

    @Test
    void screenToPixelAndBackAgreeUnderZoomAndPan() {
        ViewTransform t = new ViewTransform(640, 480, 64, 48, 1, 1.5, 2.5, 30, -12);
        for (int u = 0; u < 64; u += 7) {
            for (int v = 0; v < 48; v += 5) {
                double[] c = t.centreOf(u, v);
                assertThat(t.pixelAt(c[0], c[1])).containsExactly(u, v);
            }
        }
    }
}
