package hardy.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaseNamingTest {

    @Test
    void aCasesFilesAreNamedAfterIt() {
        assertThat(CaseNaming.imageFile("case001")).isEqualTo("case001_image.nii.gz");
        assertThat(CaseNaming.labelsFile("case001")).isEqualTo("case001_labels.nii.gz");
        assertThat(CaseNaming.segmentationFile("case001")).isEqualTo("case001_seg.nii.gz");
    }

    @Test
    void anImageFileGivesItsCaseAndOtherFilesGiveNone() {
        assertThat(CaseNaming.caseOfImage("a_b_image.nii.gz")).contains("a_b");
        assertThat(CaseNaming.caseOfImage("A_IMAGE.NII")).contains("A");
        assertThat(CaseNaming.caseOfImage("a_labels.nii.gz")).isEmpty();
        assertThat(CaseNaming.caseOfImage("a_image.csv")).isEmpty();
        assertThat(CaseNaming.caseOfImage("_image.nii.gz")).isEmpty();
    }

    @Test
    void labelMapsAreToldApartFromImagesAndNamedByTheirCase() {
        assertThat(CaseNaming.isLabelMap("x_seg.nii.gz")).isTrue();
        assertThat(CaseNaming.isLabelMap("x_Labels")).isTrue();
        assertThat(CaseNaming.isLabelMap("x_image.nii.gz")).isFalse();
        assertThat(CaseNaming.isImage("x_image.nii")).isTrue();
        assertThat(CaseNaming.caseOfLabelMap("x_pred")).isEqualTo("x");
        assertThat(CaseNaming.caseOfLabelMap("_seg")).isEqualTo("_seg");
        assertThat(CaseNaming.caseOfLabelMap("plain")).isEqualTo("plain");
        assertThat(CaseNaming.caseOfAnyImage("x_image")).isEqualTo("x");
        assertThat(CaseNaming.caseOfAnyImage("scan")).isEqualTo("scan");
        assertThat(CaseNaming.stem("x.NII.GZ")).isEqualTo("x");
    }
}
