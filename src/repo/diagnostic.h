// Diagnostic: one finding of `ferry check` (or a warning met while reading
// the repository), with the place it is about and the rule that found it.
#ifndef FERRY_REPO_DIAGNOSTIC_H_
#define FERRY_REPO_DIAGNOSTIC_H_

#include <string>

#include "yaml/node.h"

namespace ferry::repo {

enum class Severity { kError, kWarning };

/// A finding: "file:line:col: error|warning: message [rule]".
struct Diagnostic {
  Severity severity = Severity::kError;
  std::string file;
  int line = 0;
  int col = 0;
  std::string message;
  std::string rule;  // e.g. "depends-on-missing"

  /// A diagnostic placed at a node of a parsed file.
  static Diagnostic At(const yaml::Node& n, Severity s, std::string message,
                       std::string rule) {
    return Diagnostic{s, std::string(n.mark().File()),
                      static_cast<int>(n.mark().line),
                      static_cast<int>(n.mark().col), std::move(message),
                      std::move(rule)};
  }
  /// The one-line text form.
  std::string ToString() const {
    std::string s = file;
    if (line > 0) s += ":" + std::to_string(line);
    if (col > 0) s += ":" + std::to_string(col);
    s += severity == Severity::kError ? ": error: " : ": warning: ";
    s += message;
    if (!rule.empty()) s += " [" + rule + "]";
    return s;
  }
};

}  // namespace ferry::repo

#endif  // FERRY_REPO_DIAGNOSTIC_H_
