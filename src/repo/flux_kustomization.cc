#include "repo/flux_kustomization.h"

#include "repo/flux_fields.h"

namespace ferry::repo {
namespace {

void ReadSelector(FieldReader& r, PatchSelector* out) {
  r.String("group", &out->group);
  r.String("version", &out->version);
  r.String("kind", &out->kind);
  r.String("name", &out->name);
  r.String("namespace", &out->namespace_);
  r.String("labelSelector", &out->label_selector);
  r.String("annotationSelector", &out->annotation_selector);
  r.WarnUnknown();
}

}  // namespace

void ReadKustomizationSpec(FieldReader& spec, std::string_view version,
                           KustomizationSpec* out) {
  const bool beta = version != "v1";
  spec.Dur("interval", &out->interval, /*required=*/true);
  spec.Dur("retryInterval", &out->retry_interval);
  spec.Dur("timeout", &out->timeout);
  spec.String("path", &out->path);
  spec.Bool("prune", &out->prune, /*required=*/true);
  spec.Enum("deletionPolicy", &out->deletion_policy,
            {"MirrorPrune", "Delete", "WaitForTermination", "Orphan"});
  spec.Objects("dependsOn", [&](FieldReader& r) {
    NamespacedReference ref;
    ref.mark = r.mark();
    r.String("name", &ref.name, /*required=*/true);
    r.String("namespace", &ref.namespace_);
    r.Accept({"readyExpr"});
    r.WarnUnknown();
    out->depends_on.push_back(std::move(ref));
  });
  {
    FieldReader r = spec.Object("sourceRef", /*required=*/true);
    if (r.present()) {
      ReadNamespacedReference(r, &out->source_ref, /*kind_required=*/true);
      if (!out->source_ref.kind.empty()) {
        // Re-read as an enum for the message; the value is already set.
        std::string kind;
        r.Enum("kind", &kind, {"OCIRepository", "GitRepository", "Bucket"});
      }
      r.WarnUnknown();
    }
  }
  spec.String("targetNamespace", &out->target_namespace);
  spec.String("namePrefix", &out->name_prefix);
  spec.String("nameSuffix", &out->name_suffix);
  {
    FieldReader r = spec.Object("commonMetadata");
    r.Map("labels", &out->common_labels);
    r.Map("annotations", &out->common_annotations);
    r.WarnUnknown();
  }
  spec.Objects("patches", [&](FieldReader& r) {
    KustomizationPatch p;
    p.mark = r.mark();
    r.String("patch", &p.patch, /*required=*/true);
    FieldReader t = r.Object("target");
    if (t.present()) {
      PatchSelector sel;
      ReadSelector(t, &sel);
      p.target = std::move(sel);
    }
    r.WarnUnknown();
    out->patches.push_back(std::move(p));
  });
  spec.Objects("images", [&](FieldReader& r) {
    ImageOverride img;
    img.mark = r.mark();
    r.String("name", &img.name, /*required=*/true);
    r.String("newName", &img.new_name);
    r.String("newTag", &img.new_tag);
    r.String("digest", &img.digest);
    r.WarnUnknown();
    out->images.push_back(std::move(img));
  });
  spec.Strings("components", &out->components);
  spec.Bool("ignoreMissingComponents", &out->ignore_missing_components);
  {
    FieldReader r = spec.Object("decryption");
    if (r.present()) {
      Decryption d;
      d.mark = r.mark();
      r.Enum("provider", &d.provider, {"sops"}, /*required=*/true);
      r.Local("secretRef", &d.secret_ref);
      r.String("serviceAccountName", &d.service_account_name);
      r.WarnUnknown();
      out->decryption = std::move(d);
    }
  }
  {
    FieldReader r = spec.Object("postBuild");
    if (r.present()) {
      PostBuild pb;
      pb.mark = r.mark();
      r.Map("substitute", &pb.substitute);
      r.Objects("substituteFrom", [&](FieldReader& e) {
        SubstituteReference ref;
        ref.mark = e.mark();
        e.Enum("kind", &ref.kind, {"Secret", "ConfigMap"}, /*required=*/true);
        e.String("name", &ref.name, /*required=*/true);
        e.Bool("optional", &ref.optional);
        e.WarnUnknown();
        pb.substitute_from.push_back(std::move(ref));
      });
      r.WarnUnknown();
      out->post_build = std::move(pb);
    }
  }
  spec.Objects("healthChecks", [&](FieldReader& r) {
    NamespacedReference ref;
    ReadNamespacedReference(r, &ref, /*kind_required=*/true);
    r.WarnUnknown();
    out->health_checks.push_back(std::move(ref));
  });
  spec.Objects("healthCheckExprs", [&](FieldReader& r) {
    HealthCheckExpr e;
    e.mark = r.mark();
    r.String("apiVersion", &e.api_version, /*required=*/true);
    r.String("kind", &e.kind, /*required=*/true);
    r.String("current", &e.current, /*required=*/true);
    r.String("inProgress", &e.in_progress);
    r.String("failed", &e.failed);
    r.WarnUnknown();
    out->health_check_exprs.push_back(std::move(e));
  });
  spec.Bool("wait", &out->wait);
  spec.Bool("force", &out->force);
  spec.Bool("suspend", &out->suspend);
  spec.String("serviceAccountName", &out->service_account_name);
  {
    FieldReader r = spec.Object("kubeConfig");
    if (r.present()) {
      KubeConfigReference kc;
      kc.mark = r.mark();
      FieldReader s = r.Object("secretRef");
      if (s.present()) {
        SecretKeyReference ref;
        ref.mark = s.mark();
        s.String("name", &ref.name, /*required=*/true);
        s.String("key", &ref.key);
        s.WarnUnknown();
        kc.secret_ref = std::move(ref);
      }
      r.Local("configMapRef", &kc.config_map_ref);
      r.WarnUnknown();
      out->kube_config = std::move(kc);
    }
  }
  if (beta) {
    spec.Enum("validation", &out->validation, {"none", "client", "server"});
    if (const yaml::Node* psm = spec.Raw("patchesStrategicMerge")) {
      if (!psm->IsSeq()) {
        spec.Error(*psm, kRuleFieldType,
                   spec.PathOf("patchesStrategicMerge") +
                       ": expected a sequence, got " + DescribeValue(*psm));
      } else {
        for (const yaml::Node& p : psm->items()) {
          if (!p.IsMap()) {
            spec.Error(p, kRuleFieldType,
                       spec.PathOf("patchesStrategicMerge") +
                           ": expected a mapping, got " + DescribeValue(p));
            continue;
          }
          out->patches_strategic_merge.push_back(p);
        }
      }
    }
    spec.Objects("patchesJson6902", [&](FieldReader& r) {
      JSON6902PatchEntry e;
      e.mark = r.mark();
      const yaml::Node* ops = r.Raw("patch");
      if (!ops) {
        std::string missing;
        r.String("patch", &missing, /*required=*/true);
      } else if (!ops->IsSeq()) {
        r.Error(*ops, kRuleFieldType,
                r.PathOf("patch") +
                    ": expected a sequence of operations, got " +
                    DescribeValue(*ops));
      } else {
        e.patch = *ops;
      }
      FieldReader t = r.Object("target", /*required=*/true);
      if (t.present()) ReadSelector(t, &e.target);
      r.WarnUnknown();
      out->patches_json6902.push_back(std::move(e));
    });
  }
  if (!beta && spec.present()) {
    for (const char* removed :
         {"patchesStrategicMerge", "patchesJson6902", "validation"}) {
      const yaml::Node* key = nullptr;
      for (const yaml::Pair& p : spec.node()->pairs()) {
        if (p.key.value() == removed) key = &p.key;
      }
      if (!key) continue;
      spec.Accept({removed});
      spec.Warning(*key, kRuleUnknownField,
                   spec.PathOf(removed) +
                       ": not a field of kustomize.toolkit.fluxcd.io/v1 (it "
                       "was removed with v1beta2)" +
                       (std::string_view(removed) == "validation"
                            ? ""
                            : "; use spec.patches"));
    }
  }
  spec.WarnUnknown();
}

}  // namespace ferry::repo
