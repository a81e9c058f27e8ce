/**
 * The trained U-Net as an ONNX model folder for the inference pipeline, and back: {@link
 * hardy.training.export.UNetOnnxWriter} writes the graph, {@link hardy.training.export.ModelExport} accepts it only
 * when ONNX Runtime agrees with the PyTorch forward and writes {@code model.onnx} + {@code model.json}, and {@link
 * hardy.training.export.ModelImport} reads an exported folder's weights back for fine-tuning.
 */
package hardy.training.export;
