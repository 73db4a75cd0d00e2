#include "repo/flux_source.h"

#include "repo/flux_fields.h"

namespace ferry::repo {

void ReadGitRepositorySpec(FieldReader& spec, std::string_view version,
                           GitRepositorySpec* out) {
  if (spec.String("url", &out->url, /*required=*/true) &&
      out->url.rfind("http://", 0) != 0 && out->url.rfind("https://", 0) != 0 &&
      out->url.rfind("ssh://", 0) != 0) {
    spec.Error(*spec.Raw("url"), kRuleFieldType,
               spec.PathOf("url") + ": \"" + out->url +
                   "\" does not match ^(http|https|ssh)://.*$ (write "
                   "ssh://git@host/org/repo, not git@host:org/repo)");
  }
  spec.Dur("interval", &out->interval, /*required=*/true);
  spec.Dur("timeout", &out->timeout, false, /*hours=*/false);
  {
    FieldReader r = spec.Object("ref");
    if (r.present()) {
      GitReference ref;
      ref.mark = r.mark();
      r.String("branch", &ref.branch);
      r.String("tag", &ref.tag);
      r.String("semver", &ref.semver);
      r.String("name", &ref.name);
      r.String("commit", &ref.commit);
      r.WarnUnknown();
      out->ref = std::move(ref);
    }
  }
  spec.Local("secretRef", &out->secret_ref);
  spec.Enum("provider", &out->provider, {"generic", "azure", "github"});
  spec.String("ignore", &out->ignore);
  spec.Bool("recurseSubmodules", &out->recurse_submodules);
  spec.Bool("suspend", &out->suspend);
  spec.Objects("include", [&](FieldReader& r) {
    GitInclude inc;
    inc.mark = r.mark();
    std::optional<LocalReference> repo;
    r.Local("repository", &repo, /*required=*/true);
    if (repo) inc.repository = *repo;
    r.String("fromPath", &inc.from_path);
    r.String("toPath", &inc.to_path);
    r.WarnUnknown();
    out->include.push_back(std::move(inc));
  });
  spec.Strings("sparseCheckout", &out->sparse_checkout);
  spec.Local("proxySecretRef", &out->proxy_secret_ref);
  {
    FieldReader r = spec.Object("verify");
    if (r.present()) {
      r.Enum("mode", &out->verify_mode, {"head", "HEAD", "Tag", "TagAndHEAD"});
      r.Local("secretRef", &out->verify_secret_ref, /*required=*/true);
      r.WarnUnknown();
    }
  }
  // Fields of other versions and newer releases that ferry does not model.
  spec.WarnUnknown({"serviceAccountName", "gitImplementation", "accessFrom"});
  (void)version;
}

void ReadOCIRepositorySpec(FieldReader& spec, std::string_view version,
                           OCIRepositorySpec* out) {
  spec.String("url", &out->url, /*required=*/true);
  if (!out->url.empty() && out->url.rfind("oci://", 0) != 0) {
    spec.Error(
        *spec.Raw("url"), kRuleFieldType,
        spec.PathOf("url") + ": \"" + out->url + "\" must start with oci://");
  }
  spec.Dur("interval", &out->interval, /*required=*/true);
  spec.Dur("timeout", &out->timeout, false, /*hours=*/false);
  {
    FieldReader r = spec.Object("ref");
    if (r.present()) {
      OCIReference ref;
      ref.mark = r.mark();
      r.String("digest", &ref.digest);
      r.String("tag", &ref.tag);
      r.String("semver", &ref.semver);
      r.String("semverFilter", &ref.semver_filter);
      r.WarnUnknown();
      out->ref = std::move(ref);
    }
  }
  {
    FieldReader r = spec.Object("layerSelector");
    r.String("mediaType", &out->layer_media_type);
    r.Enum("operation", &out->layer_operation, {"extract", "copy"});
  }
  spec.Enum("provider", &out->provider, {"generic", "aws", "azure", "gcp"});
  spec.Local("secretRef", &out->secret_ref);
  spec.Local("certSecretRef", &out->cert_secret_ref);
  spec.String("serviceAccountName", &out->service_account_name);
  spec.String("ignore", &out->ignore);
  spec.Bool("insecure", &out->insecure);
  spec.Bool("suspend", &out->suspend);
  spec.Accept({"verify", "proxySecretRef"});
  (void)version;
}

void ReadHelmRepositorySpec(FieldReader& spec, std::string_view version,
                            HelmRepositorySpec* out) {
  spec.String("url", &out->url, /*required=*/true);
  spec.Enum("type", &out->type, {"default", "oci"});
  spec.Dur("interval", &out->interval);
  spec.Dur("timeout", &out->timeout, false, /*hours=*/false);
  spec.Local("secretRef", &out->secret_ref);
  spec.Enum("provider", &out->provider, {"generic", "aws", "azure", "gcp"});
  spec.Bool("suspend", &out->suspend);
  (void)version;
}

}  // namespace ferry::repo
