import CProcessControl

extension BLASKernelSetup {
  /// The name `ps`, `top`, `pgrep` and `killall` show for a process started as `argument0`:
  /// its base name, cut to the 15 bytes the kernel keeps.
  static func processName(argument0: String) -> String {
    let base = argument0.split(separator: "/").last.map(String.init) ?? argument0
    var name = ""
    for character in base {
      guard name.utf8.count + character.utf8.count <= 15 else { break }
      name.append(character)
    }
    return name
  }

  /// Names this process after `argument0` again once a runner re-executed it through
  /// `/proc/self/exe` (which the kernel names `exe`), so that it shows as `runner`.
  static func restoreProcessName(environment: [String: String], argument0: String) {
    guard environment[markerVariable] != nil else { return }
    _ = runner_set_thread_name(processName(argument0: argument0))
  }
}
