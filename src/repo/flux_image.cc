#include "repo/flux_image.h"

#include "repo/flux_fields.h"

namespace ferry::repo {

void ReadImageRepositorySpec(FieldReader& spec, std::string_view version,
                             ImageRepositorySpec* out) {
  spec.String("image", &out->image, /*required=*/true);
  spec.Dur("interval", &out->interval, /*required=*/true);
  spec.Dur("timeout", &out->timeout, false, /*hours=*/false);
  spec.Local("secretRef", &out->secret_ref);
  spec.Local("certSecretRef", &out->cert_secret_ref);
  spec.String("serviceAccountName", &out->service_account_name);
  spec.Enum("provider", &out->provider, {"generic", "aws", "azure", "gcp"});
  spec.Strings("exclusionList", &out->exclusion_list);
  spec.Bool("insecure", &out->insecure);
  spec.Bool("suspend", &out->suspend);
  (void)version;
}

void ReadImagePolicySpec(FieldReader& spec, std::string_view version,
                         ImagePolicySpec* out) {
  {
    FieldReader r = spec.Object("imageRepositoryRef", /*required=*/true);
    if (r.present()) {
      ReadNamespacedReference(r, &out->image_repository_ref,
                              /*kind_required=*/false);
    }
  }
  {
    FieldReader r = spec.Object("policy", /*required=*/true);
    if (r.present()) {
      ImagePolicyChoice& p = out->policy;
      p.mark = r.mark();
      int chosen = 0;
      FieldReader semver = r.Object("semver");
      if (semver.present()) {
        chosen++;
        p.kind = "semver";
        semver.String("range", &p.semver_range, /*required=*/true);
      }
      FieldReader alpha = r.Object("alphabetical");
      if (alpha.present()) {
        chosen++;
        p.kind = "alphabetical";
        p.alphabetical_order = "asc";
        alpha.Enum("order", &p.alphabetical_order, {"asc", "desc"});
      }
      FieldReader num = r.Object("numerical");
      if (num.present()) {
        chosen++;
        p.kind = "numerical";
        p.numerical_order = "asc";
        num.Enum("order", &p.numerical_order, {"asc", "desc"});
      }
      if (chosen != 1) {
        yaml::Node at;
        at.set_mark(r.mark());
        r.Error(at, kRuleFieldRequired,
                r.path() +
                    ": exactly one of semver, alphabetical, numerical must be "
                    "set");
      }
      r.WarnUnknown();
    }
  }
  {
    FieldReader r = spec.Object("filterTags");
    r.String("pattern", &out->filter_pattern);
    r.String("extract", &out->filter_extract);
  }
  spec.Enum("digestReflectionPolicy", &out->digest_reflection_policy,
            {"Always", "IfNotPresent", "Never"});
  spec.Dur("interval", &out->interval);
  (void)version;
}

void ReadImageUpdateAutomationSpec(FieldReader& spec, std::string_view version,
                                   ImageUpdateAutomationSpec* out) {
  {
    FieldReader r = spec.Object("sourceRef", /*required=*/true);
    if (r.present()) {
      ReadNamespacedReference(r, &out->source_ref, /*kind_required=*/true);
      if (!out->source_ref.kind.empty()) {
        std::string kind;
        r.Enum("kind", &kind, {"GitRepository"});
      }
    }
  }
  spec.Dur("interval", &out->interval, /*required=*/true);
  {
    FieldReader git = spec.Object("git");
    FieldReader checkout = git.Object("checkout");
    FieldReader ref = checkout.Object("ref", checkout.present());
    ref.String("branch", &out->checkout_branch);
    ref.String("tag", &out->checkout_tag);
    ref.String("semver", &out->checkout_semver);
    ref.String("name", &out->checkout_name);
    ref.String("commit", &out->checkout_commit);
    FieldReader commit = git.Object("commit", git.present());
    FieldReader author = commit.Object("author", commit.present());
    author.String("name", &out->commit_author_name);
    author.String("email", &out->commit_author_email, author.present());
    commit.Local("signingKey", &out->commit_signing_key);
    commit.String("messageTemplate", &out->commit_message_template);
    commit.Accept({"messageTemplateValues"});
    FieldReader push = git.Object("push");
    push.String("branch", &out->push_branch);
    push.String("refspec", &out->push_refspec);
    push.Map("options", &out->push_options);
  }
  {
    FieldReader r = spec.Object("update");
    r.String("path", &out->update_path);
    out->update_strategy = "Setters";
    r.Enum("strategy", &out->update_strategy, {"Setters"});
  }
  {
    FieldReader r = spec.Object("policySelector");
    r.Map("matchLabels", &out->policy_selector_labels);
  }
  spec.Bool("suspend", &out->suspend);
  (void)version;
}

}  // namespace ferry::repo
