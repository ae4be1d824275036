/// TensorBoard's event records, encoded by hand: `Event` (tensorflow/core/util/event.proto),
/// `Summary` (summary.proto), and the HParams plugin's data (plugin_data.proto), framed as
/// TFRecords. Field numbers are in the comments; fields go in number order, as protobuf writes.
enum TensorBoardEvents {
  /// A hyperparameter's value in `SessionStartInfo.hparams` (a `google.protobuf.Value`).
  enum HParam: Equatable {
    case number(Double)
    case string(String)
    case bool(Bool)

    /// The value written as `text` in a spec: a boolean, a number that reads back exactly
    /// (so a 64-bit seed past 2^53 stays text), or text.
    init(text: String) {
      if text == "true" || text == "false" {
        self = .bool(text == "true")
      } else if let number = Double(text), number.isFinite, Self.exact(number, text) {
        self = .number(number)
      } else {
        self = .string(text)
      }
    }

    /// False for an integer past 2^53, which a double would round.
    private static func exact(_ number: Double, _ text: String) -> Bool {
      let digits = text.drop { $0 == "-" || $0 == "+" }
      guard !digits.isEmpty, digits.allSatisfy(\.isNumber) else { return true }
      return number.magnitude <= 9_007_199_254_740_992
    }
  }

  /// The version string of the first record of every event file.
  static let fileVersion = "brain.Event:2"
  /// The HParams plugin's name and its summary tags.
  static let hparamsPlugin = "hparams"
  static let sessionStartTag = "_hparams_/session_start_info"
  static let sessionEndTag = "_hparams_/session_end_info"

  /// `Event{wall_time = 1, step = 2, file_version = 3}`: the first record of a file.
  static func fileVersionEvent(wallTime: Double) -> [UInt8] {
    var event = ProtobufWriter()
    event.double(1, wallTime)
    event.string(3, fileVersion)
    return event.bytes
  }

  /// An `Event` at `step` whose `summary` (field 5) holds one `Summary.Value{tag = 1,
  /// simple_value = 2}` per value, in order (values are rounded to float32, as TensorBoard's
  /// scalars are).
  static func scalarsEvent(wallTime: Double, step: Int, values: [ExportedRun.Value]) -> [UInt8] {
    var event = ProtobufWriter()
    event.double(1, wallTime)
    event.int64(2, Int64(step))
    event.message(5) { summary in
      for value in values {
        summary.message(1) { entry in
          entry.string(1, value.name)
          // simple_value is in a oneof: written even when 0.
          entry.key(2, .fixed32)
          entry.fixed32(Float(value.value).bitPattern)
        }
      }
    }
    return event.bytes
  }

  /// The HParams session start: `HParamsPluginData{version = 1: 0, session_start_info = 3:
  /// {hparams = 1 (map, by key), group_name = 4, start_time_secs = 5}}`; the group is the run
  /// (as the Keras callback names it by its trial ID).
  static func sessionStartEvent(wallTime: Double, group: String, hparams: [(String, HParam)])
    -> [UInt8]
  {
    var data = ProtobufWriter()
    data.message(3) { info in
      for (name, value) in hparams.sorted(by: { $0.0 < $1.0 }) {
        info.message(1) { entry in
          entry.string(1, name)
          entry.message(2) { protobufValue in
            switch value {
            case .number(let number):
              protobufValue.key(2, .fixed64)
              protobufValue.fixed64(number.bitPattern)
            case .string(let text): protobufValue.bytes(3, Array(text.utf8), always: true)
            case .bool(let flag):
              protobufValue.key(4, .varint)
              protobufValue.varint(flag ? 1 : 0)
            }
          }
        }
      }
      info.string(4, group)
      info.double(5, wallTime)
    }
    return pluginEvent(wallTime: wallTime, step: 0, tag: sessionStartTag, content: data.bytes)
  }

  /// The HParams session end: `{session_end_info = 4: {status = 1, end_time_secs = 2}}`, status
  /// 1 (success) or 2 (failure).
  static func sessionEndEvent(wallTime: Double, step: Int, succeeded: Bool) -> [UInt8] {
    var data = ProtobufWriter()
    data.message(4) { info in
      info.int64(1, succeeded ? 1 : 2)
      info.double(2, wallTime)
    }
    return pluginEvent(wallTime: wallTime, step: step, tag: sessionEndTag, content: data.bytes)
  }

  /// An `Event` holding one `Summary.Value{tag = 1, tensor = 8, metadata = 9: {plugin_data = 1:
  /// {plugin_name = 1, content = 2}}}` whose tensor is the plugin's empty float tensor
  /// (`TensorProto{dtype = 1: DT_FLOAT, tensor_shape = 2: {dim = 2: {size = 1: 0}}}`).
  private static func pluginEvent(wallTime: Double, step: Int, tag: String, content: [UInt8])
    -> [UInt8]
  {
    var event = ProtobufWriter()
    event.double(1, wallTime)
    event.int64(2, Int64(step))
    event.message(5) { summary in
      summary.message(1) { value in
        value.string(1, tag)
        value.message(8) { tensor in
          tensor.int64(1, 1)
          tensor.message(2) { shape in shape.message(2) { _ in } }
        }
        value.message(9) { metadata in
          metadata.message(1) { plugin in
            plugin.string(1, hparamsPlugin)
            plugin.bytes(2, content)
          }
        }
      }
    }
    return event.bytes
  }

  /// One TFRecord: the length (uint64, little-endian), its masked CRC-32C, the data, the data's
  /// masked CRC-32C.
  static func record(_ data: [UInt8]) -> [UInt8] {
    var out = ProtobufWriter()
    out.fixed64(UInt64(data.count))
    let length = out.bytes
    out.fixed32(CRC32C.masked(length))
    var bytes = out.bytes + data
    var crc = ProtobufWriter()
    crc.fixed32(CRC32C.masked(data))
    bytes += crc.bytes
    return bytes
  }
}
