#include "kube/errors.h"

namespace ferry::kube {

Reason ReasonOf(const Status& st) {
  if (st.ok()) return Reason::kNone;
  int c = st.code() - kReasonCodeBase;
  if (c <= 0 || c > static_cast<int>(Reason::kBadResponse)) return Reason::kNone;
  return static_cast<Reason>(c);
}

std::string_view ReasonName(Reason r) {
  switch (r) {
    case Reason::kNone: return "";
    case Reason::kBadRequest: return "BadRequest";
    case Reason::kUnauthorized: return "Unauthorized";
    case Reason::kForbidden: return "Forbidden";
    case Reason::kNotFound: return "NotFound";
    case Reason::kMethodNotAllowed: return "MethodNotAllowed";
    case Reason::kAlreadyExists: return "AlreadyExists";
    case Reason::kConflict: return "Conflict";
    case Reason::kGone: return "Gone";
    case Reason::kInvalid: return "Invalid";
    case Reason::kUnsupportedMediaType: return "UnsupportedMediaType";
    case Reason::kTooManyRequests: return "TooManyRequests";
    case Reason::kInternalError: return "InternalError";
    case Reason::kServiceUnavailable: return "ServiceUnavailable";
    case Reason::kServerTimeout: return "ServerTimeout";
    case Reason::kOtherHttp: return "HTTPError";
    case Reason::kNoKindMatch: return "NoKindMatch";
    case Reason::kUnreachable: return "Unreachable";
    case Reason::kTls: return "TLSError";
    case Reason::kConfig: return "ConfigError";
    case Reason::kCredentials: return "CredentialsError";
    case Reason::kTimeout: return "Timeout";
    case Reason::kCanceled: return "Canceled";
    case Reason::kWatchEnded: return "WatchEnded";
    case Reason::kBadResponse: return "BadResponse";
  }
  return "";
}

bool IsConnectionError(const Status& st) {
  switch (ReasonOf(st)) {
    case Reason::kUnreachable:
    case Reason::kTls:
    case Reason::kConfig:
    case Reason::kCredentials:
    case Reason::kUnauthorized:
      return true;
    default:
      return false;
  }
}

bool IsImmutableError(const Status& st) {
  // As fluxcd/pkg's ssa IsImmutableError (after kubectl's apply patcher):
  // any Conflict or Invalid, or a webhook's / CEL rule's "is immutable".
  Reason r = ReasonOf(st);
  if (r == Reason::kConflict || r == Reason::kInvalid) return true;
  if (st.ok()) return false;
  const std::string& m = st.message();
  return m.find(" is immutable") != std::string::npos ||
         m.find("immutable field") != std::string::npos;
}

Status MakeError(Reason reason, std::string message) {
  return Status::Error(std::move(message))
      .WithCode(kReasonCodeBase + static_cast<int>(reason));
}

}  // namespace ferry::kube
