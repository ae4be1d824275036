import ArgumentParser
import CommandLineOptions
import Datasets
import Engine
import Foundation

/// `bench data`: loads Fashion-MNIST's training images (60000 × 28×28, 26 MB gzip) into a
/// float32 `(60000, 784)` matrix, timing it and measuring peak memory (VmHWM, reset through
/// `/proc/self/clear_refs` before each measurement) against the matrix's own size. Printed
/// beside numpy's `gzip` + `frombuffer` + `astype(float32)` when python3 with numpy is present.
struct DataBench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "data",
    abstract: "Time loading Fashion-MNIST's training set and measure peak memory.")

  @OptionGroup var blas: BLASKernelOption

  @Option(
    help: "Directory holding fashion-mnist/ (default: $RUNNER_DATA_PATH, then ../shared/datasets).")
  var data: String?

  @Option(name: .customLong("repeat"), help: "Timed repetitions per path (the median is printed).")
  var repetitions = 3

  @Flag(help: "Skip the numpy peer.")
  var noPeer = false

  func run() async throws {
    let directory = BenchData.directory(data, holding: "fashion-mnist/train-images-idx3-ubyte.gz")
    let path = directory + "/fashion-mnist/train-images-idx3-ubyte.gz"
    let floatBytes = Double(60000 * 784 * 4)
    print(
      "bench data: \(path) → float32 (60000, 784) = \(String(format: "%.1f", floatBytes / 1e6)) MB "
        + BenchEnvironment.tag)

    let paths: [(String, () throws -> Matrix<Float>)] = [
      ("streaming (IDXFile.readMatrix)", { try IDXFile.readMatrix(path, as: Float.self) }),
      (
        "via uint8 NDArray (read + matrix)",
        { try IDXFile.read(path).matrix(Float.self, flatten: true) }
      ),
    ]
    for (name, load) in paths {
      var times: [Double] = []
      var cpu: [Double] = []
      var peak = 0.0
      var baseline = 0.0
      for _ in 0..<max(repetitions, 1) {
        Memory.resetPeak()
        baseline = Memory.current()
        let cpuStart = Memory.cpuSeconds()
        let start = ContinuousClock.now
        let matrix = try load()
        cpu.append(Memory.cpuSeconds() - cpuStart)
        let elapsed = ContinuousClock.now - start
        peak = max(peak, Memory.peak() - baseline)
        times.append(
          Double(elapsed.components.attoseconds) * 1e-18 + Double(elapsed.components.seconds))
        guard matrix.rows == 60000 && matrix.cols == 784 else {
          throw ValidationError("unexpected shape \(matrix.shape)")
        }
      }
      times.sort()
      cpu.sort()
      print(
        String(
          format:
            "runner %@: %.3f s wall, %.3f s CPU (medians of %d), peak memory above baseline %.1f MB = %.2f× the float32 array (baseline RSS %.1f MB)",
          name, times[times.count / 2], cpu[cpu.count / 2], times.count, peak / 1e6,
          peak / floatBytes, baseline / 1e6))
    }
    let hashStart = ContinuousClock.now
    _ = try SHA256Digest.hex(ofFile: path)
    let hash = ContinuousClock.now - hashStart
    print(
      String(
        format: "SHA-256 verification of the 26 MB file: %.3f s",
        Double(hash.components.attoseconds) * 1e-18 + Double(hash.components.seconds)))
    guard !noPeer else { return }
    let script = """
      import gzip, time, numpy as np
      t = time.perf_counter()
      with gzip.open('\(path)', 'rb') as f: b = f.read()
      x = np.frombuffer(b, np.uint8, offset=16).reshape(-1, 784).astype(np.float32)
      print('numpy %.3f s' % (time.perf_counter() - t))
      import hashlib
      t = time.perf_counter()
      with open('\(path)', 'rb') as f: hashlib.sha256(f.read()).hexdigest()
      print('hashlib SHA-256 of the file: %.3f s' % (time.perf_counter() - t))
      """
    if let out = Self.python(script) {
      let lines = out.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n")
      print((lines.first.map(String.init) ?? "") + " (gzip.open + frombuffer + astype(float32))")
      for line in lines.dropFirst() { print(line) }
    } else {
      print("numpy: not available (python3 -c 'import numpy' failed)")
    }
  }

  static func python(_ script: String) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    process.environment = BenchEnvironment.peerEnvironment
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
  }
}

/// Resident memory of this process from `/proc/self/status` (Linux).
enum Memory {
  static func field(_ name: String) -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
      return 0
    }
    for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
      let kb = line.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? 0
      return kb * 1024
    }
    return 0
  }
  /// User + system CPU seconds of this process so far (wall time is unreliable on a busy machine).
  static func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
    return user + system
  }
  static func current() -> Double { field("VmRSS") }
  static func peak() -> Double { field("VmHWM") }
  /// Resets VmHWM to the current RSS (writing 5 to `/proc/self/clear_refs`).
  static func resetPeak() {
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
  }
}
