extension TrainedModel {
  /// Bytes of values one chunk of rows may take when a picture evaluates the model on many
  /// points (4 MB): the decision boundary's grid goes through it `rowsPerChunk` rows at a time.
  public static var chunkBytes: Int { 4 << 20 }

  /// Rows evaluated at once: as many as keep a chunk's input, the two widest adjacent layers'
  /// values and its scores within `chunkBytes`, rounded down to a multiple of 48 (of 12 when
  /// fewer fit; at least 12 rows, however wide the model). OpenBLAS computes a product's rows in
  /// tiles (Haswell: 12 rows in float32, 4 in float64) and a partial last tile by other code, so
  /// on one thread chunks of whole tiles give every row the bits of one pass over all rows (more
  /// threads split a product's rows by its size: float32's last bit may then differ).
  public func rowsPerChunk(classes: Int) -> Int {
    var width = 0
    var outputs = classes
    for net in networks {
      var previous = net.inputs
      for layer in net.layers {
        width = max(width, net.inputs + previous + layer.outputs)
        previous = layer.outputs
      }
      outputs = max(outputs, net.outputs)
    }
    let rows = Self.chunkBytes / max(width * MemoryLayout<T>.stride + 16 * outputs, 1)
    let tile = rows >= 48 ? 48 : 12
    return max(tile, rows / tile * tile)
  }

  /// The networks evaluated: one, or one per binary problem.
  var networks: [Network<T>] {
    switch self {
    case .network(let net): [net]
    case .oneVsRest(let nets): nets
    case .oneVsOne(let pairs): pairs.map(\.network)
    }
  }
}
