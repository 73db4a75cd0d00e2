// Status: the one error convention of ferry. A failed operation returns a
// Status whose message is what the user sees, already prefixed with
// "file:line:col: error: " when the failure has a position in a file. An
// error may carry a code: a number a command turns into its exit status
// (the sops exit codes, for `ferry secrets`); 0 means "no particular code".
#ifndef FERRY_YAML_STATUS_H_
#define FERRY_YAML_STATUS_H_

#include <string>
#include <string_view>
#include <utility>

namespace ferry {

/// Outcome of an operation: ok, or an error message for the user.
class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  /// An error without a position ("error: msg").
  static Status Error(std::string msg) { return Status(std::move(msg)); }
  /// An error at a place in a file ("file:line:col: error: msg").
  static Status At(std::string_view file, int line, int col, std::string_view msg);

  bool ok() const { return !failed_; }
  const std::string& message() const { return msg_; }
  /// True when the message already starts with its place ("file:line:col:
  /// error: "), i.e. it was made by At; a command prefixes the others.
  bool located() const { return located_; }
  /// The error's code, 0 when none was set.
  int code() const { return code_; }
  /// The same error with `code` set (for an error made elsewhere, the code
  /// of the operation that failed).
  Status WithCode(int code) && {
    code_ = code;
    return std::move(*this);
  }

 private:
  explicit Status(std::string msg, bool located = false)
      : failed_(true), located_(located), msg_(std::move(msg)) {}
  bool failed_ = false;
  bool located_ = false;
  int code_ = 0;
  std::string msg_;
};

}  // namespace ferry

#define FERRY_RETURN_IF_ERROR(expr)        \
  do {                                     \
    ::ferry::Status _st = (expr);          \
    if (!_st.ok()) return _st;             \
  } while (0)

#endif  // FERRY_YAML_STATUS_H_
