// The GCP KMS key source: a MasterKey for a Cloud KMS CryptoKey, used through
// the Cloud KMS REST API (`:encrypt` / `:decrypt`) with libcurl, and the
// Google OAuth2 token sources it needs (an access token, a service-account
// or authorized-user JSON, the GCE/GKE metadata server).
#ifndef FERRY_SOPS_GCPKMS_H_
#define FERRY_SOPS_GCPKMS_H_

#include <memory>
#include <string>
#include <string_view>

#include "sops/master_key.h"

namespace ferry::sops {

/// How Cloud KMS is reached and with which credentials.
struct GcpKmsOptions {
  /// Base URL of the API; "" means $FERRY_GCP_KMS_ENDPOINT, else
  /// "https://cloudkms.googleapis.com".
  std::string endpoint;
  /// An OAuth2 access token used as is (before any other source).
  std::string access_token;
  /// Credentials JSON (service_account or authorized_user), e.g. Flux's
  /// `sops.gcp-kms` Secret entry; used before the environment.
  std::string credentials_json;
  /// Host of the metadata server; "" means $GCE_METADATA_HOST, else
  /// "metadata.google.internal".
  std::string metadata_host;
  /// Also use the environment: $GOOGLE_OAUTH_ACCESS_TOKEN, $GOOGLE_CREDENTIALS
  /// (a path or the JSON itself, as sops), $GOOGLE_APPLICATION_CREDENTIALS,
  /// gcloud's application_default_credentials.json, the metadata server.
  bool use_environment = true;
  /// Limit for each HTTP request.
  long timeout_seconds = 30;
};

/// Gets an access token from the first source that is configured, in the
/// order of GcpKmsOptions. Errors name the source and carry the server's
/// HTTP status and message.
Status GcpAccessToken(const GcpKmsOptions& options, std::string* token);

/// A MasterKey for "projects/P/locations/L/keyRings/R/cryptoKeys/K".
class GcpKmsMasterKey : public MasterKey {
 public:
  /// Checks the resource id's form (spaces removed, as sops does).
  static Status Create(std::string_view resource_id, GcpKmsOptions options,
                       std::unique_ptr<GcpKmsMasterKey>* key);

  std::string_view Type() const override { return "gcp_kms"; }
  std::string Id() const override { return resource_id_; }
  /// `enc` is the base64 of the Cloud KMS ciphertext, as sops stores it.
  Status Encrypt(const SecureBytes& data_key, std::string* enc) override;
  Status Decrypt(std::string_view enc, SecureBytes* data_key) override;

 private:
  GcpKmsMasterKey() = default;
  std::string resource_id_;
  GcpKmsOptions options_;
};

namespace gcpkms_internal {
/// Reads the string (or number, as text) at `path` of JSON objects, e.g.
/// {"error", "message"}. False if absent or the JSON is malformed.
bool JsonField(std::string_view json,
               std::initializer_list<std::string_view> path, std::string* out);
}  // namespace gcpkms_internal

}  // namespace ferry::sops

#endif  // FERRY_SOPS_GCPKMS_H_
