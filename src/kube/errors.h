// Errors of the kube layer: every failure is a ferry::Status whose message
// names the object and the reason as the user should read it, and whose code
// carries a Reason so that callers can branch on it (ReasonOf).
#ifndef FERRY_KUBE_ERRORS_H_
#define FERRY_KUBE_ERRORS_H_

#include <string>
#include <string_view>

#include "yaml/status.h"

namespace ferry::kube {

/// Why a request failed: the API server's Status reasons (metav1.StatusReason)
/// plus the failures that happen before the server answers.
enum class Reason : int {
  kNone = 0,  // the Status is ok, or it did not come from the kube layer
  // From the server (HTTP status and Status.reason).
  kBadRequest,          // 400
  kUnauthorized,        // 401: credentials missing, invalid or expired
  kForbidden,           // 403: RBAC said no
  kNotFound,            // 404: no such object (or no such resource type)
  kMethodNotAllowed,    // 405
  kAlreadyExists,       // 409 AlreadyExists: create of an existing object
  kConflict,            // 409 Conflict: field-manager conflict, or a stale
                        // resourceVersion / precondition
  kGone,                // 410: a watch's or list's resourceVersion is too old
  kInvalid,             // 422: validation failed (also 1.20's HTTP 500 for a
                        // server-side apply with a field the schema lacks)
  kUnsupportedMediaType,  // 415
  kTooManyRequests,     // 429 after the retries ran out
  kInternalError,       // 500
  kServiceUnavailable,  // 502/503/504 after the retries ran out
  kServerTimeout,       // 504 or Status.reason Timeout/ServerTimeout
  kOtherHttp,           // any other HTTP error status
  // Before or around the server.
  kNoKindMatch,   // discovery has no resource for the group/version/kind
  kUnreachable,   // connection refused, DNS, network down, timeout
  kTls,           // TLS handshake: unknown CA, name mismatch, bad client cert
  kConfig,        // kubeconfig missing, unreadable, invalid or incomplete
  kCredentials,   // exec plugin failed, token file unreadable
  kTimeout,       // a client-side deadline passed (e.g. Watch::Next)
  kCanceled,      // the operation was stopped (Watch::Stop)
  kWatchEnded,    // a watch stream ended and could not be resumed
  kBadResponse,   // the server's answer could not be parsed
};

/// The Reason of a Status made by this layer; kNone for ok or foreign ones.
Reason ReasonOf(const Status& st);
/// "NotFound", "Conflict", ... (the Kubernetes spelling where there is one).
std::string_view ReasonName(Reason r);

inline bool IsNotFound(const Status& st) { return ReasonOf(st) == Reason::kNotFound; }
inline bool IsAlreadyExists(const Status& st) { return ReasonOf(st) == Reason::kAlreadyExists; }
inline bool IsConflict(const Status& st) { return ReasonOf(st) == Reason::kConflict; }
inline bool IsInvalid(const Status& st) { return ReasonOf(st) == Reason::kInvalid; }
inline bool IsForbidden(const Status& st) { return ReasonOf(st) == Reason::kForbidden; }
inline bool IsGone(const Status& st) { return ReasonOf(st) == Reason::kGone; }
/// True for failures that are about reaching the cluster at all
/// (unreachable, TLS, kubeconfig, credentials, 401): what a command reports
/// as "connection error" (exit 2).
bool IsConnectionError(const Status& st);
/// True for the errors after which Flux recreates an object when `force` is
/// on (fluxcd/pkg ssa's IsImmutableError): any Conflict or Invalid, or a
/// message saying "is immutable" / "immutable field" (webhooks, CEL).
bool IsImmutableError(const Status& st);

/// A Status with `reason` encoded in its code (base kReasonCodeBase, so it
/// is never mistaken for an exit status or a sops code).
Status MakeError(Reason reason, std::string message);
inline constexpr int kReasonCodeBase = 1000;

}  // namespace ferry::kube

#endif  // FERRY_KUBE_ERRORS_H_
